/// Runs at most one piece of work per key at a time; concurrent callers share its result.
///
/// Used for token refreshes (one applyToken per binding even under 100 concurrent charges), for
/// binding completion (one applyToken per auth code when the redirect and the notification race),
/// and for payment resolution (one inquiry loop per payment).
actor SingleFlight<Value: Sendable> {
    private var running: [String: Task<Value, any Error>] = [:]

    /// The result of `work` for `key`, started now or joined if already running.
    func run(key: String, _ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let task = running[key] { return try await task.value }
        let task = Task { try await work() }
        running[key] = task
        defer { running[key] = nil }
        return try await task.value
    }
}
