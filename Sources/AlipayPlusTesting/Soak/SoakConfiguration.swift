package import Foundation

/// How a fault-injection soak runs: how many charges, from which seed, how hard.
package struct SoakConfiguration: Sendable {
    /// How many charges to run (`ALIPAYPLUS_SOAK_CHARGES`).
    package var charges: Int
    /// The seed of every random choice (`ALIPAYPLUS_SOAK_SEED`); printed in the summary.
    package var seed: UInt64
    /// How many tasks charge at once.
    package var concurrency: Int
    /// How many bound users the charges are spread over.
    package var users: Int
    /// How many process crashes to simulate (`nil`: 24 plus one per 4,000 charges).
    package var crashes: Int?
    /// The share of requests that get a transport fault (0...1).
    package var faultRate: Double
    /// Where the durable store lives; `nil` uses a fresh temporary folder, removed afterwards.
    package var directory: URL?

    /// The seed used when none is given.
    package static let defaultSeed: UInt64 = 20_260_101

    /// Creates a configuration.
    package init(
        charges: Int = 2_000, seed: UInt64 = SoakConfiguration.defaultSeed, concurrency: Int = 16, users: Int = 24,
        crashes: Int? = nil, faultRate: Double = 0.08, directory: URL? = nil
    ) {
        self.charges = charges
        self.seed = seed
        self.concurrency = concurrency
        self.users = users
        self.crashes = crashes
        self.faultRate = faultRate
        self.directory = directory
    }

    /// The number of crashes this run simulates.
    package var plannedCrashes: Int { crashes ?? (24 + charges / 4_000) }

    /// A configuration from `ALIPAYPLUS_SOAK_CHARGES` and `ALIPAYPLUS_SOAK_SEED` (defaults: 2,000 and
    /// ``defaultSeed``).
    package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SoakConfiguration {
        var configuration = SoakConfiguration()
        if let text = environment["ALIPAYPLUS_SOAK_CHARGES"], let charges = Int(text), charges > 0 {
            configuration.charges = charges
        }
        if let text = environment["ALIPAYPLUS_SOAK_SEED"], let seed = UInt64(text) {
            configuration.seed = seed
        }
        return configuration
    }
}

/// What a soak found: the figures of its summary line and every violated rule.
package struct SoakReport: Sendable {
    /// Charges run.
    package var charges: Int
    /// The seed.
    package var seed: UInt64
    /// Injected faults by kind.
    package var faults: [String: Int]
    /// Simulated process crashes.
    package var crashes: Int
    /// Final outcomes by kind (`succeeded`, `failed`, `canceled`, and `needsReauthorization` when any).
    package var outcomes: [String: Int]
    /// Refunds that reached a final state.
    package var refunds: Int
    /// Notification deliveries (duplicates included).
    package var notifications: Int
    /// Wall-clock duration in seconds.
    package var duration: Double
    /// Every broken rule; empty when the run passed.
    package var violations: [String]
    /// Charges refused before anything was stored (the `notStarted` outcomes), by their reason in
    /// ``SoakRefusal/reason(of:)``'s form.
    package var refusals: [String: Int] = [:]

    /// Whether every rule held.
    package var passed: Bool { violations.isEmpty }

    /// `soak: charges=… seed=… faults={kind:count,…} crashes=… outcomes={…} refunds=… notifications=… duration=…s`
    package var summaryLine: String {
        let faultText = faults.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
        let order = ["succeeded", "failed", "canceled"]
        let outcomeKeys = order + outcomes.keys.filter { !order.contains($0) }.sorted()
        let outcomeText = outcomeKeys.map { "\($0):\(outcomes[$0] ?? 0)" }.joined(separator: ", ")
        return "soak: charges=\(charges) seed=\(seed) faults={\(faultText)} crashes=\(crashes) "
            + "outcomes={\(outcomeText)} refunds=\(refunds) notifications=\(notifications) "
            + "duration=\(String(format: "%.1f", duration))s"
    }

    /// The summary line, the refusals' reasons when there were any, then (on failure) the seed and up
    /// to `limit` violations.
    package func text(limit: Int = 50) -> String {
        let head = [summaryLine] + (SoakRefusal.line(refusals).map { [$0] } ?? [])
        guard !passed else { return head.joined(separator: "\n") }
        var lines = head + ["soak FAILED with seed=\(seed): \(violations.count) violation(s)"]
        lines += violations.prefix(limit).map { "  - " + $0 }
        if violations.count > limit { lines.append("  ... \(violations.count - limit) more") }
        return lines.joined(separator: "\n")
    }
}
