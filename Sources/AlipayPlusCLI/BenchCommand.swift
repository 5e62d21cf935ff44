import AlipayPlus
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation

/// `alipayplus bench`: measures the library's hot paths against raw OpenSSL in one process.
enum BenchCommand: CLICommand {
    static let name = "bench"
    static let summary = "Measure signing, verification, notifications and charges against raw OpenSSL."
    static let options: [OptionSpec] = [
        .value("seconds", "N", "Seconds of measurement per side of each row (default 3)."),
        .flag("json", "Print one JSON object instead of the table."),
        .value("only", "NAME", "Run one row only (sign, verify, notification, charge, charge_durable, charge_parallel, 10k), e.g. under a profiler."),
        .value("concurrent", "COUNT", "Charges started at once in the memory run (default 10000; smaller for smoke tests)."),
    ]
    static let usage = """
          alipayplus bench [--seconds N] [--json]

        Each row runs its subject and its baseline for N seconds each, alternating slices of 0.25 s so
        machine noise hits both alike; the ratio is subject / baseline. Then 10,000 charges run at once
        against the simulator (wall time, peak resident memory of the whole process so far).
        Run it from a release build: swift run -c release alipayplus bench
        """

    struct Row {
        let name: String
        let target: Double
        let subject: BenchRate
        let baseline: Double
        /// Subject and baseline operations per process CPU second, compared (no core scaling).
        var cpuRatio: Double

        init(name: String, target: Double, subject: BenchRate, baseline: Double, baselineRate: BenchRate) {
            self.name = name
            self.target = target
            self.subject = subject
            self.baseline = baseline
            cpuRatio = baselineRate.perCPUSecond > 0 ? subject.perCPUSecond / baselineRate.perCPUSecond : 0
        }

        var ratio: Double { baseline > 0 ? subject.perSecond / baseline : 0 }
        var passes: Bool { ratio >= target }
    }

    static func run(_ arguments: CommandLineArguments) async throws -> Int32 {
        let secondsText = arguments.value("seconds") ?? "3"
        guard let seconds = Double(secondsText), seconds > 0, seconds <= 600 else {
            throw CLIError.usage("--seconds takes a number of seconds above 0, got '\(secondsText)'", command: name)
        }
        let concurrentText = arguments.value("concurrent") ?? "10000"
        guard let concurrent = Int(concurrentText), concurrent > 0 else {
            throw CLIError.usage("--concurrent takes a positive count, got '\(concurrentText)'", command: name)
        }
        let json = arguments.flag("json")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let progress: (String) -> Void = { if !json { Console.error("  measuring \($0)...\n") } }
        var rows: [Row] = []
        let only = arguments.value("only")
        let selected: (String) -> Bool = { only == nil || only == $0 }

        if selected("sign") {
            progress("sign")
            let sign = try BenchWorkloads.sign()
            let signRates = try await BenchRunner.interleave(seconds: seconds, subject: sign.subject, baseline: sign.baseline)
            rows.append(Row(name: "sign", target: 0.95, subject: signRates.subject, baseline: signRates.baseline.perSecond,
                            baselineRate: signRates.baseline))
        }

        if selected("verify") {
            progress("verify")
            let verify = try await BenchWorkloads.verify()
            let verifyRates = try await BenchRunner.interleave(seconds: seconds, subject: verify.subject, baseline: verify.baseline)
            rows.append(Row(name: "verify", target: 0.60, subject: verifyRates.subject, baseline: verifyRates.baseline.perSecond,
                            baselineRate: verifyRates.baseline))
        }

        if selected("notification") {
            progress("notification")
            let notification = try await BenchWorkloads.notification()
            let notificationRates = try await BenchRunner.interleave(seconds: seconds, subject: notification.subject,
                                                                     baseline: notification.baseline)
            rows.append(Row(name: "notification", target: 0.85, subject: notificationRates.subject,
                            baseline: notificationRates.baseline.perSecond, baselineRate: notificationRates.baseline))
        }

        // The charge rows share one bound simulator; the scope releases it (and every payment it
        // booked) before the memory run.
        if ["charge", "charge_durable", "charge_parallel"].contains(where: selected) {
            let memoryFixture = try await ChargeFixture(store: LocalAutoDebitStore())
            let charge = BenchWorkloads.chargeOperation(memoryFixture)
            if selected("charge") {
                progress("charge")
                let chargeRates = try await BenchRunner.interleave(
                    seconds: seconds, subject: BenchRunner.loop(charge),
                    baseline: BenchWorkloads.rawSign(try BenchWorkloads.payContent()))
                rows.append(Row(name: "charge", target: 0.42, subject: chargeRates.subject, baseline: chargeRates.baseline.perSecond,
                                baselineRate: chargeRates.baseline))
            }

            if selected("charge_durable") {
                progress("charge_durable")
                let directory = FileManager.default.temporaryDirectory
                    .appendingPathComponent("alipayplus-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: directory) }
                let durableStore = try LocalAutoDebitStore(directory: directory)
                let durableFixture = try await ChargeFixture(store: durableStore)
                let durableRates = try await BenchRunner.interleave(
                    seconds: seconds, subject: BenchRunner.loop(BenchWorkloads.chargeOperation(durableFixture)),
                    baseline: BenchRunner.loop(charge))
                await durableStore.close()
                rows.append(Row(name: "charge_durable", target: 0.80, subject: durableRates.subject,
                                baseline: durableRates.baseline.perSecond, baselineRate: durableRates.baseline))
            }

            if selected("charge_parallel") {
                progress("charge_parallel (\(cores) tasks)")
                let parallelRates = try await BenchRunner.interleave(
                    seconds: seconds, subject: BenchRunner.parallel(tasks: cores, charge), baseline: BenchRunner.loop(charge))
                rows.append(Row(name: "charge_parallel", target: 0.85, subject: parallelRates.subject,
                                baseline: parallelRates.baseline.perSecond * Double(cores), baselineRate: parallelRates.baseline))
            }
        }

        var wall = 0.0
        var peak: Double?
        if selected("10k") {
            progress("\(concurrent) concurrent charges")
            wall = try await BenchWorkloads.concurrentCharges(concurrent)
            peak = BenchRunner.peakResidentMegabytes()
        }

        if json {
            Console.out(jsonReport(rows: rows, wall: wall, peak: peak, cores: cores))
        } else {
            Console.out(table(rows: rows, wall: wall, peak: peak, cores: cores, seconds: seconds, concurrent: concurrent))
        }
        return 0
    }

    static func jsonReport(rows: [Row], wall: Double, peak: Double?, cores: Int) -> String {
        func number(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }
        var fields: [String] = []
        for row in rows {
            fields.append("  \"\(row.name)\": {\"ops_per_s\": \(number(row.subject.perSecond, 1)), "
                + "\"baseline_ops_per_s\": \(number(row.baseline, 1)), \"ratio\": \(number(row.ratio, 3)), "
                + "\"target_ratio\": \(number(row.target, 2)), \"cpu_ratio\": \(number(row.cpuRatio, 3))}")
        }
        fields.append("  \"peak_rss_mb_10k\": \(peak.map { number($0, 1) } ?? "null")")
        fields.append("  \"wall_s_10k\": \(number(wall, 3))")
        fields.append("  \"cores\": \(cores)")
        fields.append("  \"openssl\": \"\(OpenSSLInfo.version.replacingOccurrences(of: "\"", with: "'"))\"")
        return "{\n" + fields.joined(separator: ",\n") + "\n}\n"
    }

    static func table(rows: [Row], wall: Double, peak: Double?, cores: Int, seconds: Double, concurrent: Int) -> String {
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return right ? padding + text : text + padding
        }
        func rate(_ value: Double) -> String { String(format: "%.0f", value) }
        var lines: [String] = []
        lines.append("alipayplus bench: \(cores) cores, \(OpenSSLInfo.version), \(String(format: "%g", seconds)) s per side")
        lines.append("")
        let header = pad("name", 16) + pad("ops/s", 10, right: true) + pad("baseline/s", 12, right: true)
            + pad("ratio", 8, right: true) + pad("target", 9, right: true) + "  ok" + pad("cpu ratio", 11, right: true)
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for row in rows {
            lines.append(pad(row.name, 16) + pad(rate(row.subject.perSecond), 10, right: true)
                + pad(rate(row.baseline), 12, right: true) + pad(String(format: "%.3f", row.ratio), 8, right: true)
                + pad(String(format: ">= %.2f", row.target), 9, right: true) + "  " + (row.passes ? "✓ " : "✗ ")
                + pad(String(format: "%.3f", row.cpuRatio), 11, right: true))
        }
        lines.append("")
        if let peak {
            lines.append("\(concurrent) concurrent charges: \(String(format: "%.2f", wall)) s wall, peak RSS "
                + String(format: "%.1f MB", peak) + " (whole process so far; target <= 150 MB) " + (peak <= 150 ? "✓" : "✗"))
        }
        lines.append("")
        lines.append("Baselines: sign/notification/charge = raw RSAPrivateKey.signature(for:) of the same bytes; verify = raw "
            + "isValidSignature; charge_durable = charge (in-memory store); charge_parallel = charge × \(cores).")
        lines.append("ratio = subject/baseline in wall-clock ops/s (the target); cpu ratio = the same in ops per process CPU second "
            + "(what the work costs whatever else the machine runs; charge_parallel's is not scaled by cores).")
        return lines.joined(separator: "\n") + "\n"
    }
}
