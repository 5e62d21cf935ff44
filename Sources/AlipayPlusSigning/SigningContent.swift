public import Foundation

/// The exact bytes Alipay+ signs: `<METHOD> <path>\n<clientId>.<time>.<body>`.
///
/// The same layout is used for requests (with `Request-Time`) and for responses and notifications
/// (with `Response-Time` / the received `Request-Time`). The body must be the exact bytes on the wire.
public struct SigningContent: Sendable {
    /// HTTP method, normally `POST`.
    public let method: String
    /// The request path only, e.g. `/aps/api/v1/payments/pay` (no host, no query).
    public let path: String
    /// The `Client-Id` header value.
    public let clientId: String
    /// The `Request-Time` or `Response-Time` header value, exactly as sent or received.
    public let time: String
    /// The raw body bytes.
    public let body: Data
    /// The content to sign, built once into one buffer.
    public let bytes: Data

    /// Builds the content to sign.
    ///
    /// - Parameters:
    ///   - method: HTTP method (default `POST`).
    ///   - path: Path only.
    ///   - clientId: `Client-Id` header value.
    ///   - time: Time header value as a string, exactly as on the wire.
    ///   - body: Exact body bytes.
    public init(method: String = "POST", path: String, clientId: String, time: String, body: Data) {
        self.method = method
        self.path = path
        self.clientId = clientId
        self.time = time
        self.body = body
        // One allocation, filled with plain copies (appending String.UTF8View to Data goes byte by byte).
        var method = method, path = path, clientId = clientId, time = time
        let total = method.utf8.count + path.utf8.count + clientId.utf8.count + time.utf8.count + body.count + 4
        var bytes = Data(count: total)
        bytes.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
            var offset = 0
            func put(_ part: UnsafeRawBufferPointer) {
                UnsafeMutableRawBufferPointer(rebasing: out[offset..<offset + part.count]).copyMemory(from: part)
                offset += part.count
            }
            func put(_ separator: UInt8) {
                out[offset] = separator
                offset += 1
            }
            method.withUTF8 { put(UnsafeRawBufferPointer($0)) }
            put(UInt8(ascii: " "))
            path.withUTF8 { put(UnsafeRawBufferPointer($0)) }
            put(UInt8(ascii: "\n"))
            clientId.withUTF8 { put(UnsafeRawBufferPointer($0)) }
            put(UInt8(ascii: "."))
            time.withUTF8 { put(UnsafeRawBufferPointer($0)) }
            put(UInt8(ascii: "."))
            body.withUnsafeBytes { put($0) }
        }
        self.bytes = bytes
    }
}
