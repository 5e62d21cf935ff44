/// `concurrency` tasks that each repeat their work until `seconds` have passed: what each counted,
/// and the seconds the whole load took (the bench's charge rows and its `SELECT 1` floor).
enum TimedLoad {
    /// Runs `worker(index, inTime)` in `concurrency` tasks; a worker repeats while `inTime()` is true.
    ///
    /// - Throws: the first error a worker throws.
    static func run<Tally: Sendable>(
        concurrency: Int, seconds: Double,
        _ worker: @escaping @Sendable (_ index: Int, _ inTime: @escaping @Sendable () -> Bool) async throws -> Tally
    ) async throws -> (tallies: [Tally], seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let tallies = try await withThrowingTaskGroup(of: Tally.self) { group in
            for index in 0..<concurrency {
                group.addTask { try await worker(index) { clock.now < deadline } }
            }
            return try await group.reduce(into: [Tally]()) { $0.append($1) }
        }
        let (whole, atto) = start.duration(to: clock.now).components
        return (tallies, Double(whole) + Double(atto) / 1e18)
    }
}
