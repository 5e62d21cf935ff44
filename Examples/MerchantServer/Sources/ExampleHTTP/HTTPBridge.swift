import AlipayPlus
import AlipayPlusTransport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Moves requests and responses between Hummingbird and the library's framework-agnostic types,
/// byte for byte.
public enum HTTPBridge {
    /// The library's header list for Hummingbird's fields (names and order kept).
    public static func headers(_ fields: HTTPFields) -> AlipayPlusTransport.HTTPHeaders {
        var headers = AlipayPlusTransport.HTTPHeaders()
        for field in fields {
            headers.add(name: field.name.rawName, value: field.value)
        }
        return headers
    }

    /// Hummingbird's fields for the library's header list; names HTTP forbids are dropped.
    public static func fields(_ headers: AlipayPlusTransport.HTTPHeaders) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers {
            // Hummingbird writes Content-Length itself from the body.
            guard let fieldName = HTTPField.Name(name), fieldName != .contentLength else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return fields
    }

    /// The raw body bytes, refusing bodies above `limit`.
    public static func body(of request: Request, limit: Int = 1 << 20) async throws -> Data {
        let buffer = try await request.body.collect(upTo: limit)
        return Data(buffer.readableBytesView)
    }

    /// A Hummingbird response with exactly these status, headers and body bytes.
    public static func response(status: Int, headers: AlipayPlusTransport.HTTPHeaders, body: Data) -> Response {
        Response(
            status: .init(code: status),
            headers: fields(headers),
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    /// The inbound request the coordinator (or the simulator) wants: method, path, headers, raw body.
    public static func inbound(_ request: Request, limit: Int = 1 << 20) async throws -> InboundRequest {
        InboundRequest(
            method: request.method.rawValue, path: request.uri.path,
            headers: headers(request.headers), body: try await body(of: request, limit: limit)
        )
    }

    /// A JSON response (sorted keys, so answers are stable to read and compare).
    public static func json(_ value: some Encodable, status: HTTPTypes.HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON error: `{"error": code, "message": ...}`.
    public static func error(_ status: HTTPTypes.HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        json(["error": code, "message": message], status: status)
    }

    /// Decodes a JSON request body, answering 400 through `ErrorResponse` when it does not decode.
    public static func decode<Value: Decodable>(_ type: Value.Type, from request: Request) async throws -> Value {
        let data = try await body(of: request, limit: 64 * 1024)
        do {
            return try JSONDecoder().decode(type, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch {
            throw BadRequest(message: "the JSON body does not decode: \(error)")
        }
    }
}

/// A client error answered as 400 with a JSON body.
public struct BadRequest: Error, HTTPResponseError {
    public var message: String
    public init(message: String) { self.message = message }
    public var status: HTTPTypes.HTTPResponse.Status { .badRequest }
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        HTTPBridge.error(.badRequest, "badRequest", message)
    }
}

/// Reads configuration values from the environment, with typed helpers and clear errors.
public struct Environment: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    public subscript(name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    public func require(_ name: String) throws -> String {
        guard let value = self[name] else { throw ConfigurationError(message: "set \(name)") }
        return value
    }

    public func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = self[name] else { return fallback }
        guard let value = Int(text) else { throw ConfigurationError(message: "\(name)=\(text) is not an integer") }
        return value
    }

    /// A duration given in milliseconds.
    public func milliseconds(_ name: String, default fallback: Duration) throws -> Duration {
        guard let text = self[name] else { return fallback }
        guard let value = Int64(text) else { throw ConfigurationError(message: "\(name)=\(text) is not milliseconds") }
        return .milliseconds(value)
    }
}

/// A configuration value is missing or malformed.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { "configuration: \(message)" }
}

/// Writes a line to standard output at once (print is block-buffered when stdout is a pipe).
public func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
