import Foundation

/// Runs at most one piece of work per key at a time; concurrent callers share its result.
///
/// Used for token refreshes (one applyToken per binding even under 100 concurrent charges), for
/// binding completion (one applyToken per auth code when the redirect and the notification race),
/// and for payment resolution (one inquiry loop per payment).
///
/// No task is created: the first caller for a key (the leader) runs the work in its own task, and
/// the others (followers) wait on continuations for its result. A follower that is cancelled stops
/// waiting at once (with `CancellationError`) and leaves the leader alone. A leader that is cancelled
/// and fails does not pass its cancellation on: the next waiting follower becomes the leader and runs
/// the work itself, so no follower is stranded or failed by another caller's cancellation.
final class SingleFlight<Value: Sendable>: @unchecked Sendable {
    /// What a follower is woken with.
    private enum Turn: Sendable {
        case lead
        case result(Result<Value, any Error>)
    }

    /// One waiting follower (its state is read and written only under the flight's lock).
    private final class Follower: @unchecked Sendable {
        enum State {
            case waiting
            case parked(CheckedContinuation<Turn, any Error>)
            case woken(Turn)
            case cancelled
        }

        var state = State.waiting
    }

    private let lock = NSLock()
    /// The keys being worked on, each with its followers in arrival order.
    private var flights: [String: [Follower]] = [:]

    /// The result of `work` for `key`, run now by this caller or joined if already running.
    func run(key: String, _ work: @Sendable () async throws -> Value) async throws -> Value {
        var turn: Turn = .lead
        if let follower = joinOrLead(key) { turn = try await wait(as: follower, for: key) }
        switch turn {
        case .result(let result):
            return try result.get()
        case .lead:
            let result: Result<Value, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            if case .failure = result, Task.isCancelled {
                handOver(key)
            } else {
                finish(key, with: result)
            }
            return try result.get()
        }
    }

    /// How many callers wait for the flight of `key` (for tests).
    func followers(of key: String) -> Int {
        lock.withLock { flights[key]?.count ?? 0 }
    }

    /// `nil` when the caller leads `key` now, else the follower slot it waits in.
    private func joinOrLead(_ key: String) -> Follower? {
        lock.withLock {
            guard flights[key] != nil else {
                flights[key] = []
                return nil
            }
            let follower = Follower()
            flights[key]?.append(follower)
            return follower
        }
    }

    private func wait(as follower: Follower, for key: String) async throws -> Turn {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<Turn, any Error>? = lock.withLock {
                    switch follower.state {
                    case .waiting:
                        follower.state = .parked(continuation)
                        return nil
                    case .woken(let turn):
                        return .success(turn)
                    case .cancelled:
                        return .failure(CancellationError())
                    case .parked:
                        preconditionFailure("a follower parks once")
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            let parked: CheckedContinuation<Turn, any Error>? = lock.withLock {
                guard case .waiting = follower.state else {
                    guard case .parked(let continuation) = follower.state else { return nil }
                    flights[key]?.removeAll { $0 === follower }
                    follower.state = .cancelled
                    return continuation
                }
                flights[key]?.removeAll { $0 === follower }
                follower.state = .cancelled
                return nil
            }
            parked?.resume(throwing: CancellationError())
        }
    }

    /// Ends the flight for `key` and gives every follower `result`.
    private func finish(_ key: String, with result: Result<Value, any Error>) {
        let woken = lock.withLock { () -> [CheckedContinuation<Turn, any Error>] in
            let followers = flights.removeValue(forKey: key) ?? []
            return followers.compactMap { wake($0, .result(result)) }
        }
        for continuation in woken { continuation.resume(returning: .result(result)) }
    }

    /// Passes the lead for `key` to the first follower, or ends the flight when nobody waits.
    private func handOver(_ key: String) {
        let next = lock.withLock { () -> CheckedContinuation<Turn, any Error>? in
            guard var followers = flights[key], !followers.isEmpty else {
                flights[key] = nil
                return nil
            }
            let leader = followers.removeFirst()
            flights[key] = followers
            return wake(leader, .lead)
        }
        next?.resume(returning: .lead)
    }

    /// Marks `follower` woken with `turn`; its continuation when it is parked (resume it outside the lock).
    private func wake(_ follower: Follower, _ turn: Turn) -> CheckedContinuation<Turn, any Error>? {
        switch follower.state {
        case .parked(let continuation):
            follower.state = .woken(turn)
            return continuation
        case .waiting:
            follower.state = .woken(turn)
            return nil
        case .woken, .cancelled:
            return nil
        }
    }
}
