public import Foundation

/// One HTTP request as the transport sends it: method, absolute URL, headers, body bytes and an
/// optional per-attempt timeout.
///
/// The body is sent byte for byte as given; the transport never re-encodes it (the signature covers
/// these exact bytes).
public struct HTTPRequest: Sendable {
    /// The HTTP method, e.g. `"POST"`.
    public var method: String
    /// The absolute URL. `URLSessionTransport` requires `https://`, or `http://` to a loopback host.
    public var url: URL
    /// The header fields to send, in order.
    public var headers: HTTPHeaders
    /// The exact body bytes to send.
    public var body: Data
    /// How long one attempt may take in total, from sending to the last body byte; `nil` uses the
    /// transport's default.
    public var timeout: Duration?

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: the HTTP method; `"POST"` by default.
    ///   - url: the absolute URL.
    ///   - headers: the header fields.
    ///   - body: the exact body bytes.
    ///   - timeout: the per-attempt timeout, or `nil` for the transport's default.
    public init(method: String = "POST", url: URL, headers: HTTPHeaders = [:], body: Data = Data(), timeout: Duration? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
