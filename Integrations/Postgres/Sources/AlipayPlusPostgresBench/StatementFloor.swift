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
        let (client, logger) = (self.client, self.logger)
        let load = try await TimedLoad.run(concurrency: concurrency, seconds: seconds) { _, inTime in
            var statements = 0
            while inTime() {
                for try await _ in try await client.query("SELECT 1", logger: logger) {}
                statements += 1
            }
            return statements
        }
        return Double(load.tallies.reduce(0, +)) / load.seconds
    }
}
