import Foundation
import Logging
import PostgresNIO

/// The client's floor on this machine: `SELECT 1` from `concurrency` tasks through one
/// `PostgresClient`, the cheapest statement a round trip can carry. A charge's round trips cannot
/// cost less than this, whatever the store's statements do.
struct StatementFloor: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// Statements per second over `seconds`.
    func run(concurrency: Int, seconds: Double) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let count = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var statements = 0
                    while clock.now < deadline {
                        for try await _ in try await client.query("SELECT 1", logger: logger) {}
                        statements += 1
                    }
                    return statements
                }
            }
            return try await group.reduce(0, +)
        }
        let (whole, atto) = start.duration(to: clock.now).components
        return Double(count) / (Double(whole) + Double(atto) / 1e18)
    }
}
