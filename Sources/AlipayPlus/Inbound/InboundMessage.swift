public import AlipayPlusTransport
public import Foundation

/// An HTTP call from Alipay+ to the merchant, as any server framework can hand it over.
public struct InboundRequest: Sendable {
    /// The HTTP method (Alipay+ uses `POST`).
    public var method: String
    /// The path of the endpoint that was called, as received (a query string is ignored).
    public var path: String
    /// The request headers (`Client-Id`, `Request-Time`, `Signature`, `Content-Type`).
    public var headers: HTTPHeaders
    /// The raw body bytes, exactly as received: the signature covers them.
    public var body: Data

    /// Creates an inbound request.
    public init(method: String = "POST", path: String, headers: HTTPHeaders, body: Data) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// The answer to send back to Alipay+: status, headers (signed when Alipay+ should believe it), body.
public struct InboundResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The headers, including `Client-Id`, `Response-Time` and `Signature` for signed answers.
    public var headers: HTTPHeaders
    /// The JSON body.
    public var body: Data

    /// Creates an inbound response.
    public init(status: Int, headers: HTTPHeaders, body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
