import Foundation

/// `concurrency` tasks that each repeat their work until `seconds` have passed: what each counted,
/// the seconds the whole load took and the CPU seconds this process spent meanwhile (the bench's
/// charge rows and its `SELECT 1` floor).
enum TimedLoad {
    /// Runs `worker(index, inTime)` in `concurrency` tasks; a worker repeats while `inTime()` is true.
    ///
    /// - Throws: the first error a worker throws.
    static func run<Tally: Sendable>(
        concurrency: Int, seconds: Double,
        _ worker: @escaping @Sendable (_ index: Int, _ inTime: @escaping @Sendable () -> Bool) async throws -> Tally
    ) async throws -> (tallies: [Tally], seconds: Double, cpuSeconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuAtStart = processCPUSeconds()
        let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let tallies = try await withThrowingTaskGroup(of: Tally.self) { group in
            for index in 0..<concurrency {
                group.addTask { try await worker(index) { clock.now < deadline } }
            }
            return try await group.reduce(into: [Tally]()) { $0.append($1) }
        }
        let (whole, atto) = start.duration(to: clock.now).components
        return (tallies, Double(whole) + Double(atto) / 1e18, processCPUSeconds() - cpuAtStart)
    }

    /// CPU seconds (user and system, every thread) this process has used: the merchant side's cost,
    /// without the database server's.
    static func processCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
