import Foundation

/// A counting gate for async work: at most `limit` holders at once, the rest wait in FIFO order.
///
/// The uncontended path is one lock round trip and never suspends. Used to bound how many charges
/// are in flight: a waiting charge holds only its request, while a running one holds its encoded
/// body, signed headers and the frames of the whole call chain (about 30 KB).
final class AdmissionGate: @unchecked Sendable {
    private let lock = NSLock()
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var head = 0

    init(limit: Int) {
        available = max(1, limit)
    }

    /// Runs `body` once a place is free, and frees the place when it returns or throws.
    func run<T>(_ body: () async throws -> T) async rethrows -> T {
        await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async {
        if tryEnter() { return }
        await withCheckedContinuation { continuation in
            if enterOrQueue(continuation) { continuation.resume() }
        }
    }

    /// Takes a free place without waiting, if there is one.
    private func tryEnter() -> Bool {
        lock.withLock {
            guard available > 0 else { return false }
            available -= 1
            return true
        }
    }

    /// Takes a free place (`true`) or queues `continuation` to be resumed with one (`false`).
    private func enterOrQueue(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        lock.withLock {
            if available > 0 {
                available -= 1
                return true
            }
            waiters.append(continuation)
            return false
        }
    }

    private func leave() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            guard head < waiters.count else {
                available += 1
                return nil
            }
            // Hand the place straight to the oldest waiter.
            let next = waiters[head]
            head += 1
            if head > 64, head * 2 > waiters.count {
                waiters.removeFirst(head)
                head = 0
            }
            return next
        }
        next?.resume()
    }
}
