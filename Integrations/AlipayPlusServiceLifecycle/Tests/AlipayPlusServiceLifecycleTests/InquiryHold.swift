import AlipayPlus
import Foundation

/// A transport in front of the simulator that holds every inquiryPayment until the calling task is
/// cancelled (while `holding`), and tells the test when one arrives. Everything else passes through.
final class InquiryHold: HTTPTransport, @unchecked Sendable {
    private let next: any HTTPTransport
    private let lock = NSLock()
    private var holding = true
    private var held: [UUID: CheckedContinuation<Void, any Error>] = [:]
    private let arrivals: AsyncStream<Void>
    private let arrival: AsyncStream<Void>.Continuation

    init(inFrontOf next: any HTTPTransport) {
        self.next = next
        (arrivals, arrival) = AsyncStream<Void>.makeStream()
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if request.url.path.hasSuffix("/inquiryPayment"), lock.withLock({ holding }) {
            arrival.yield()
            try await holdUntilCancelled()
        }
        return try await next.send(request)
    }

    /// Returns once an inquiry is held.
    func untilAnInquiryIsHeld() async {
        for await _ in arrivals { return }
    }

    /// Lets the inquiries that arrive from now on through.
    func stopHolding() {
        lock.withLock { holding = false }
    }

    private func holdUntilCancelled() async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelled = lock.withLock { () -> Bool in
                    if Task.isCancelled { return true }
                    held[id] = continuation
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            lock.withLock { held.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }
}

/// The events a coordinator emitted, for assertions.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [AlipayPlusEvent] = []

    func record(_ event: AlipayPlusEvent) {
        lock.withLock { events.append(event) }
    }

    /// How many `warning` events say `text`.
    func warnings(containing text: String) -> Int {
        lock.withLock { events.filter { $0.kind == .warning && $0.message?.contains(text) == true }.count }
    }
}
