import Foundation

/// A point where a scripted Alipay+ holds calls until the test releases them.
///
/// Tests wait for a call to arrive (``untilReached(_:)``), look at the world while it is held, and
/// release it (``release()``): no timing is involved. A held call whose task is cancelled stops
/// waiting and throws `CancellationError`, so a coordinator shut down mid-call still ends.
final class FlowGate: @unchecked Sendable {
    private let lock = NSLock()
    private var released = false
    private var arrivals = 0
    private var held: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    private var cancelledBeforeHolding: Set<UInt64> = []
    private var nextId: UInt64 = 0
    private var arrivalWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// Passes once released; holds the caller until then.
    ///
    /// - Throws: `CancellationError` when the caller's task is cancelled while held.
    func pass() async throws {
        let (id, mustWait, arrived) = lock.withLock { () -> (UInt64, Bool, [CheckedContinuation<Void, Never>]) in
            arrivals += 1
            nextId += 1
            let ready = arrivalWaiters.filter { $0.count <= arrivals }.map(\.continuation)
            arrivalWaiters.removeAll { $0.count <= arrivals }
            return (nextId, !released, ready)
        }
        for waiter in arrived { waiter.resume() }
        guard mustWait else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let outcome: Result<Void, any Error>? = lock.withLock {
                    if cancelledBeforeHolding.remove(id) != nil { return .failure(CancellationError()) }
                    if released { return .success(()) }
                    held[id] = continuation
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let continuation = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                guard let continuation = held.removeValue(forKey: id) else {
                    if !released { cancelledBeforeHolding.insert(id) }
                    return nil
                }
                return continuation
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Lets every held and future call pass.
    func release() {
        let waiting = lock.withLock { () -> [CheckedContinuation<Void, any Error>] in
            released = true
            defer { held = [:] }
            return Array(held.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns once `count` calls in all have arrived at the gate.
    func untilReached(_ count: Int = 1) async {
        await withCheckedContinuation { continuation in
            let reached = lock.withLock {
                guard arrivals < count else { return true }
                arrivalWaiters.append((count, continuation))
                return false
            }
            if reached { continuation.resume() }
        }
    }
}
