package import Foundation

/// How a process-kill soak runs (`alipayplus soak --processes`).
package struct ProcessSoakConfiguration: Sendable {
    /// Charges to run.
    package var charges: Int
    /// The seed of every random choice.
    package var seed: UInt64
    /// SIGKILLs to deliver (`nil`: 5, or one per 30 charges when more).
    package var kills: Int?
    /// Merchant children serving at once.
    package var instances: Int
    /// Charges the driver sends at once.
    package var concurrency: Int
    /// Bound users the charges are spread over.
    package var users: Int
    /// The share of sandbox requests given a transport fault.
    package var faultRate: Double
    /// The child executable and the arguments before the contract's own (`--store ... --instance-id ...`).
    package var merchantExecutable: String
    /// Arguments given to the child before `--store DIR --sandbox URL --port 0 --instance-id ID`.
    package var merchantArguments: [String]
    /// The run's folder (children's stores and logs); `nil`: a temporary folder, removed after a pass.
    package var directory: URL?

    package init(
        charges: Int = 1_000, seed: UInt64, kills: Int? = nil, instances: Int = 1, concurrency: Int = 8, users: Int = 24,
        faultRate: Double = 0.05, merchantExecutable: String, merchantArguments: [String], directory: URL? = nil
    ) {
        self.charges = charges
        self.seed = seed
        self.kills = kills
        self.instances = instances
        self.concurrency = concurrency
        self.users = users
        self.faultRate = faultRate
        self.merchantExecutable = merchantExecutable
        self.merchantArguments = merchantArguments
        self.directory = directory
    }

    /// The SIGKILLs this run delivers.
    package var plannedKills: Int { kills ?? max(5, charges / 30) }

    /// A seed that differs per run (the time in microseconds), for runs given none.
    package static func timeSeed() -> UInt64 { UInt64(Date().timeIntervalSince1970 * 1_000_000) }
}

/// What a process-kill soak found.
package struct ProcessSoakReport: Sendable {
    /// The checks of the in-process soak, over the children's stored records and the sandbox's ledger.
    package var soak: SoakReport
    /// Children serving at once.
    package var instances: Int
    /// SIGKILLs delivered, by the phase they were aimed at.
    package var kills: [String: Int]

    package var passed: Bool { soak.passed }

    /// `soak --processes: charges=… seed=… instances=… kills=<n> (opening:…,recovering:…,serving:…) outcomes={…} …`
    package var summaryLine: String {
        let total = kills.values.reduce(0, +)
        let phases = ["opening", "recovering", "serving"].map { "\($0):\(kills[$0] ?? 0)" }.joined(separator: ",")
        let faultText = soak.faults.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
        let order = ["succeeded", "failed", "canceled"]
        let outcomeKeys = order + soak.outcomes.keys.filter { !order.contains($0) }.sorted()
        let outcomeText = outcomeKeys.map { "\($0):\(soak.outcomes[$0] ?? 0)" }.joined(separator: ", ")
        return "soak --processes: charges=\(soak.charges) seed=\(soak.seed) instances=\(instances) kills=\(total) (\(phases)) "
            + "outcomes={\(outcomeText)} refunds=\(soak.refunds) notifications=\(soak.notifications) faults={\(faultText)} "
            + "duration=\(String(format: "%.1f", soak.duration))s"
    }

    /// The summary line, the refusals' reasons when there were any, then (on failure) the seed to
    /// replay and every violation.
    package func text() -> String {
        let head = [summaryLine] + (SoakRefusal.line(soak.refusals).map { [$0] } ?? [])
        guard !passed else { return head.joined(separator: "\n") }
        var lines = head + ["soak --processes FAILED: replay with --seed \(soak.seed): \(soak.violations.count) violation(s)"]
        lines += soak.violations.map { "  - " + $0 }
        return lines.joined(separator: "\n")
    }
}
