import Foundation

/// The coordinator's background jobs: submitted by any caller, run only by
/// ``AutoDebitCoordinator/run()``'s task group.
///
/// Jobs wait in first-in, first-out order while `run()` is not running (before it starts, between
/// two runs, after a shutdown) and are taken by the next `run()`. Nothing here creates a task: the
/// consumer is `run()` itself, which takes one job at a time with ``next()`` and starts it as a child
/// of its own group.
final class BackgroundWork: @unchecked Sendable {
    /// One piece of background work.
    struct Job: Sendable {
        /// What the job does, for events (never a secret).
        let summary: String
        let body: @Sendable () async -> Void
    }

    private let lock = NSLock()
    private var queue: [Job] = []
    private var head = 0
    private var running = false
    /// Jobs submitted and not yet finished (queued or in flight).
    private var unfinished = 0
    private var consumer: CheckedContinuation<Job?, Never>?
    private var consumerCancelled = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var runningWaiters: [CheckedContinuation<Void, Never>] = []

    /// Whether a `run()` is taking jobs now.
    var isRunning: Bool { lock.withLock { running } }

    /// Queues `job`; returns whether a `run()` is taking jobs now (otherwise the job waits for one).
    @discardableResult
    func submit(_ job: Job) -> Bool {
        let (waitingConsumer, isTaking) = lock.withLock { () -> (CheckedContinuation<Job?, Never>?, Bool) in
            unfinished += 1
            if let consumer {
                self.consumer = nil
                return (consumer, running)
            }
            queue.append(job)
            return (nil, running)
        }
        waitingConsumer?.resume(returning: job)
        return isTaking
    }

    /// Marks the start of a `run()`; `false` when another one is already running.
    func start() -> Bool {
        let waiters = lock.withLock { () -> [CheckedContinuation<Void, Never>]? in
            guard !running else { return nil }
            running = true
            consumerCancelled = false
            defer { runningWaiters = [] }
            return runningWaiters
        }
        guard let waiters else { return false }
        for waiter in waiters { waiter.resume() }
        return true
    }

    /// Marks the end of a `run()`: jobs submitted from now on wait for the next one.
    func stop() {
        lock.withLock { running = false }
    }

    /// The next job, waiting for one if none is queued; `nil` once the calling task is cancelled.
    func next() async -> Job? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: Job?? = lock.withLock {
                    if consumerCancelled { return .some(nil) }
                    if head < queue.count {
                        let job = queue[head]
                        head += 1
                        if head == queue.count {
                            queue.removeAll(keepingCapacity: true)
                            head = 0
                        }
                        return .some(job)
                    }
                    consumer = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiting = lock.withLock { () -> CheckedContinuation<Job?, Never>? in
                consumerCancelled = true
                defer { consumer = nil }
                return consumer
            }
            waiting?.resume(returning: nil)
        }
    }

    /// Records that a job taken with ``next()`` has ended.
    func finished() {
        let waiters = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            unfinished -= 1
            guard unfinished == 0 else { return [] }
            defer { idleWaiters = [] }
            return idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no job is queued or in flight.
    func untilIdle() async {
        await withCheckedContinuation { continuation in
            let idle = lock.withLock {
                guard unfinished > 0 else { return true }
                idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    /// Returns once a `run()` is taking jobs.
    func untilRunning() async {
        await withCheckedContinuation { continuation in
            let isRunning = lock.withLock {
                guard !running else { return true }
                runningWaiters.append(continuation)
                return false
            }
            if isRunning { continuation.resume() }
        }
    }
}
