import Foundation

/// The merchant children as the driver sees them: which are serving (and where), how many charges
/// each completed in its current life, and whether the run is winding down.
actor ProcessSoakCluster {
    private var urls: [URL?]
    private var completions: [Int]
    private var settled: Set<Int> = []
    private var next = 0
    var nextNotificationTarget = 0
    private var isShuttingDown = false
    private var isWorkDone = false
    private var upWaiters: [CheckedContinuation<Void, Never>] = []
    private var completionWaiters: [(instance: Int, count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var settleWaiters: [CheckedContinuation<Void, Never>] = []
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []

    init(instances: Int) {
        urls = Array(repeating: nil, count: instances)
        completions = Array(repeating: 0, count: instances)
    }

    var instanceCount: Int { urls.count }
    var shuttingDown: Bool { isShuttingDown }

    /// A serving child (round robin), waiting while none serves; `nil` once the run shuts down.
    func serving() async -> (instance: Int, url: URL)? {
        while !isShuttingDown {
            for offset in 0..<urls.count {
                let instance = (next + offset) % urls.count
                if let url = urls[instance] {
                    next = instance + 1
                    return (instance, url)
                }
            }
            await withCheckedContinuation { upWaiters.append($0) }
        }
        return nil
    }

    /// The serving child `instance`'s URL, if it serves.
    func url(of instance: Int) -> URL? { urls[instance] }

    func markUp(_ instance: Int, url: URL) {
        urls[instance] = url
        completions[instance] = 0
        let waiters = upWaiters
        upWaiters.removeAll()
        waiters.forEach { $0.resume() }
    }

    func markDown(_ instance: Int) { urls[instance] = nil }

    func completed(on instance: Int) {
        completions[instance] += 1
        resumeCompletionWaiters()
    }

    /// Returns once `count` charges completed on `instance` in this life, or all charges are done.
    func waitForCompletions(on instance: Int, count: Int) async {
        guard !isWorkDone, !isShuttingDown, completions[instance] < count else { return }
        await withCheckedContinuation { completionWaiters.append((instance, count, $0)) }
    }

    /// Every charge completed: serving kills still planned happen now (during the final recovery).
    func workDone() {
        isWorkDone = true
        resumeCompletionWaiters()
    }

    private func resumeCompletionWaiters() {
        var waiting: [(instance: Int, count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        for waiter in completionWaiters {
            if isWorkDone || isShuttingDown || completions[waiter.instance] >= waiter.count {
                waiter.continuation.resume()
            } else {
                waiting.append(waiter)
            }
        }
        completionWaiters = waiting
    }

    /// A supervisor's child is in its last life (every planned kill of it is done) and serves.
    func settle(_ instance: Int) {
        settled.insert(instance)
        if settled.count == urls.count {
            let waiters = settleWaiters
            settleWaiters.removeAll()
            waiters.forEach { $0.resume() }
        }
    }

    /// Returns once every instance is in its last life.
    func waitUntilSettled() async {
        guard settled.count < urls.count, !isShuttingDown else { return }
        await withCheckedContinuation { settleWaiters.append($0) }
    }

    /// The run is over: supervisors kill their last child and return.
    func shutDown() {
        isShuttingDown = true
        resumeCompletionWaiters()
        let waiters = shutdownWaiters + settleWaiters + upWaiters
        shutdownWaiters.removeAll()
        settleWaiters.removeAll()
        upWaiters.removeAll()
        waiters.forEach { $0.resume() }
    }

    func waitForShutdown() async {
        guard !isShuttingDown else { return }
        await withCheckedContinuation { shutdownWaiters.append($0) }
    }
}

extension ProcessSoakCluster {
    /// A serving child's URL (round robin), or `nil` at once when none serves.
    func anyServing() -> URL? {
        for offset in 0..<instanceCount {
            let instance = (nextNotificationTarget + offset) % instanceCount
            if let url = url(of: instance) {
                nextNotificationTarget = instance + 1
                return url
            }
        }
        return nil
    }
}
