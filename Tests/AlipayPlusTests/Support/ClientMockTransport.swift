import AlipayPlus
import AlipayPlusTransport
import Foundation

/// A transport that records every request and answers from a closure.
///
/// The closure gets the request and its 1-based attempt number; it may throw a `TransportError`
/// or suspend (for cancellation tests).
final class ClientMockTransport: HTTPTransport, @unchecked Sendable {
    typealias Handler = @Sendable (HTTPRequest, Int) async throws -> HTTPResponse

    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let handler: Handler

    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    /// Every request sent so far, in order.
    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let attempt = lock.withLock { () -> Int in
            recorded.append(request)
            return recorded.count
        }
        return try await handler(request, attempt)
    }
}

/// Collects the client's events, thread-safely.
final class ClientEventCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [AlipayPlusEvent] = []

    var handler: @Sendable (AlipayPlusEvent) -> Void {
        { [self] event in lock.withLock { collected.append(event) } }
    }

    var events: [AlipayPlusEvent] { lock.withLock { collected } }
}
