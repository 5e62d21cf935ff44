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
        var bytes = Data()
        bytes.reserveCapacity(method.utf8.count + path.utf8.count + clientId.utf8.count + time.utf8.count + body.count + 4)
        bytes.append(contentsOf: method.utf8)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: path.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: clientId.utf8)
        bytes.append(UInt8(ascii: "."))
        bytes.append(contentsOf: time.utf8)
        bytes.append(UInt8(ascii: "."))
        bytes.append(body)
        self.bytes = bytes
    }
}
