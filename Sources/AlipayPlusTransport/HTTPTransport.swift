/// The one-method seam between the Alipay+ client and the network.
///
/// `URLSessionTransport` is the built-in implementation. Implement your own to use another HTTP
/// stack, add logging or metrics, or answer from a test double:
///
/// ```swift
/// struct LoggingTransport: HTTPTransport {
///     let next: any HTTPTransport
///     func send(_ request: HTTPRequest) async throws -> HTTPResponse {
///         print("→ \(request.method) \(request.url)")
///         let response = try await next.send(request)
///         print("← \(response.status)")
///         return response
///     }
/// }
/// ```
///
/// Rules for implementations: send the body bytes unchanged, do not follow redirects, return every
/// HTTP status as a response, honour `request.timeout` per attempt, stop when the calling task is
/// cancelled, and throw ``TransportError`` with an honest ``RequestDelivery`` so the caller knows
/// whether a non-idempotent request may be re-sent. Do not retry inside the transport: retries are
/// the client's decision.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the response, whatever its status.
    ///
    /// - Parameter request: the request to send.
    /// - Returns: the response, including non-2xx statuses.
    /// - Throws: ``TransportError`` when no complete response arrived.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
