public import Foundation

/// How a fault-injection soak runs: how many charges, from which seed, how hard.
public struct SoakConfiguration: Sendable {
    /// How many charges to run (`ALIPAYPLUS_SOAK_CHARGES`).
    public var charges: Int
    /// The seed of every random choice (`ALIPAYPLUS_SOAK_SEED`); printed in the summary.
    public var seed: UInt64
    /// How many tasks charge at once.
    public var concurrency: Int
    /// How many bound users the charges are spread over.
    public var users: Int
    /// How many process crashes to simulate (`nil`: 24 plus one per 4,000 charges).
    public var crashes: Int?
    /// The share of requests that get a transport fault (0...1).
    public var faultRate: Double
    /// Where the durable store lives; `nil` uses a fresh temporary folder, removed afterwards.
    public var directory: URL?

    /// The seed used when none is given.
    public static let defaultSeed: UInt64 = 20_260_101

    /// Creates a configuration.
    public init(
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
    public var plannedCrashes: Int { crashes ?? (24 + charges / 4_000) }

    /// A configuration from `ALIPAYPLUS_SOAK_CHARGES` and `ALIPAYPLUS_SOAK_SEED` (defaults: 2,000 and
    /// ``defaultSeed``).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SoakConfiguration {
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
public struct SoakReport: Sendable {
    /// Charges run.
    public var charges: Int
    /// The seed.
    public var seed: UInt64
    /// Injected faults by kind.
    public var faults: [String: Int]
    /// Simulated process crashes.
    public var crashes: Int
    /// Final outcomes by kind (`succeeded`, `failed`, `canceled`, and `needsReauthorization` when any).
    public var outcomes: [String: Int]
    /// Refunds that reached a final state.
    public var refunds: Int
    /// Notification deliveries (duplicates included).
    public var notifications: Int
    /// Wall-clock duration in seconds.
    public var duration: Double
    /// Every broken rule; empty when the run passed.
    public var violations: [String]

    /// Whether every rule held.
    public var passed: Bool { violations.isEmpty }

    /// `soak: charges=… seed=… faults={kind:count,…} crashes=… outcomes={…} refunds=… notifications=… duration=…s`
    public var summaryLine: String {
        let faultText = faults.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
        let order = ["succeeded", "failed", "canceled"]
        let outcomeKeys = order + outcomes.keys.filter { !order.contains($0) }.sorted()
        let outcomeText = outcomeKeys.map { "\($0):\(outcomes[$0] ?? 0)" }.joined(separator: ", ")
        return "soak: charges=\(charges) seed=\(seed) faults={\(faultText)} crashes=\(crashes) "
            + "outcomes={\(outcomeText)} refunds=\(refunds) notifications=\(notifications) "
            + "duration=\(String(format: "%.1f", duration))s"
    }

    /// The summary line, then (on failure) the seed and up to `limit` violations.
    public func text(limit: Int = 50) -> String {
        guard !passed else { return summaryLine }
        var lines = [summaryLine, "soak FAILED with seed=\(seed): \(violations.count) violation(s)"]
        lines += violations.prefix(limit).map { "  - " + $0 }
        if violations.count > limit { lines.append("  ... \(violations.count - limit) more") }
        return lines.joined(separator: "\n")
    }
}
