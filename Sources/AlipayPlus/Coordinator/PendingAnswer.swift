import Foundation

/// A value that one piece of background work gives and any number of callers wait for.
///
/// Waiting creates no task and is cancellable: a waiter whose task is cancelled gets `nil` at once,
/// which is what lets ``AnswerBudget`` stop waiting when its budget runs out while the work goes on.
final class PendingAnswer<Value: Sendable>: @unchecked Sendable {
    private enum State {
        case open([UInt64: CheckedContinuation<Value?, Never>])
        case given(Value)
    }

    private let lock = NSLock()
    private var state = State.open([:])
    private var nextWaiter: UInt64 = 0
    private var cancelledWaiters: Set<UInt64> = []

    /// Gives the value to every waiter, present and future; later calls change nothing.
    func give(_ value: Value) {
        let waiters = lock.withLock { () -> [CheckedContinuation<Value?, Never>] in
            guard case .open(let waiters) = state else { return [] }
            state = .given(value)
            return Array(waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// The value once given, or `nil` when the calling task is cancelled first.
    func value() async -> Value? {
        let id = lock.withLock { () -> UInt64 in
            nextWaiter += 1
            return nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: Value?? = lock.withLock {
                    if cancelledWaiters.remove(id) != nil { return .some(nil) }
                    switch state {
                    case .given(let value):
                        return .some(value)
                    case .open(var waiters):
                        waiters[id] = continuation
                        state = .open(waiters)
                        return nil
                    }
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = lock.withLock { () -> CheckedContinuation<Value?, Never>? in
                guard case .open(var waiters) = state else { return nil }
                guard let waiter = waiters.removeValue(forKey: id) else {
                    cancelledWaiters.insert(id)  // cancelled before it parked: it returns nil when it does
                    return nil
                }
                state = .open(waiters)
                return waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
