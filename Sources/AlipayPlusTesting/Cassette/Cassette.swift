public import Foundation

/// A recorded conversation with Alipay+: the file ``CassetteTransport`` writes and replays.
///
/// Stored as pretty-printed JSON with sorted keys, so cassettes diff well in review. Secrets are
/// already replaced by placeholders such as `<redacted-accessToken-1>`.
public struct Cassette: Codable, Sendable, Hashable {
    /// The file format version (1).
    public var formatVersion: Int
    /// The exchanges, in the order they happened.
    public var exchanges: [CassetteExchange]

    /// Creates a cassette.
    public init(formatVersion: Int = 1, exchanges: [CassetteExchange] = []) {
        self.formatVersion = formatVersion
        self.exchanges = exchanges
    }

    /// Reads a cassette file.
    ///
    /// - Throws: ``CassetteError`` with `.unreadableCassette`.
    public init(contentsOf file: URL) throws {
        do {
            self = try JSONDecoder().decode(Cassette.self, from: Data(contentsOf: file))
        } catch {
            throw CassetteError(.unreadableCassette, exchangeIndex: nil, path: nil,
                                message: "\(file.path) is not a readable cassette: \(error)")
        }
    }

    /// The cassette as pretty-printed JSON with sorted keys.
    ///
    /// - Throws: `EncodingError` from `JSONEncoder`.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Writes the cassette atomically.
    ///
    /// - Throws: the file system's error when the folder or the file cannot be written.
    public func write(to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoded().write(to: file, options: .atomic)
    }
}

/// One request and its response.
public struct CassetteExchange: Codable, Sendable, Hashable {
    /// The HTTP method.
    public var method: String
    /// The request path.
    public var path: String
    /// Request headers, without the volatile `Request-Time` and `Signature`.
    public var requestHeaders: [String: String]
    /// The request body (secrets redacted), as UTF-8 text.
    public var requestBody: String
    /// The HTTP status.
    public var status: Int
    /// Response headers; `Signature` is the re-signature over the redacted body.
    public var responseHeaders: [String: String]
    /// The response body (secrets redacted), as UTF-8 text.
    public var responseBody: String

    /// Creates an exchange.
    public init(method: String, path: String, requestHeaders: [String: String], requestBody: String, status: Int,
                responseHeaders: [String: String], responseBody: String) {
        self.method = method
        self.path = path
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
    }
}
