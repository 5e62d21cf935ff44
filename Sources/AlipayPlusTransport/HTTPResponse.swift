public import Foundation

/// One HTTP response as received: status code, headers and body bytes.
///
/// Any status comes back as a response, including 3xx (redirects are never followed) and 5xx;
/// deciding what a status means is the caller's job.
public struct HTTPResponse: Sendable {
    /// The HTTP status code, e.g. `200`.
    public var status: Int
    /// The response header fields.
    public var headers: HTTPHeaders
    /// The exact body bytes received (the signature covers these bytes).
    public var body: Data

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - status: the HTTP status code.
    ///   - headers: the header fields.
    ///   - body: the body bytes.
    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
