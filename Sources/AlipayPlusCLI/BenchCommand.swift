import AlipayPlus
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation

/// `alipayplus bench`: measures the library's hot paths against raw OpenSSL in one process.
enum BenchCommand: CLICommand {
    static let name = "bench"
    static let summary = "Measure signing, verification, notifications and charges against raw OpenSSL and its limit."
    static let options: [OptionSpec] = [
        .value("seconds", "N", "Seconds of measurement per side of each row (default 3)."),
        .flag("json", "Print one JSON object instead of the table."),
        .value("only", "NAME", "Run one row only (sign, verify, notification, charge, charge_sealing, charge_durable, charge_durable_sealing, charge_parallel, charge_durable_parallel, 10k), e.g. under a profiler."),
        .value("concurrent", "COUNT", "Charges started at once in the memory run (default 10000; smaller for smoke tests)."),
    ]
    static let usage = """
          alipayplus bench [--seconds N] [--json] [--only NAME] [--concurrent COUNT]

        Each row runs its subject, its baseline and libcrypto's limit for the same key and content (one
        context initialised once and reused, as `openssl speed` does it) for N seconds each, in
        alternating slices of 0.25 s so machine noise hits all alike; ratio = subject / baseline and
        "of limit" = subject / limit. 10,000 charges run at once against the simulator first (wall time,
        peak resident memory of the process, before any other row has run).
        Run it from a release build: swift run -c release alipayplus bench
        """

    /// What a row's target ratio is measured against.
    enum Comparison: String {
        /// libcrypto's best rate for the same key and content (`LibcryptoLimit`).
        case limit
        /// The row's own baseline.
        case baseline
    }

    struct Row {
        let name: String
        let target: Double
        let against: Comparison
        let subject: BenchRate
        let baseline: Double
        let limit: Double
        /// Subject and baseline operations per process CPU second, compared (no core scaling).
        let cpuRatio: Double
        /// Subject and limit operations per process CPU second, compared (no core scaling): what the
        /// subject costs against the limit whatever else the machine runs.
        let limitCPURatio: Double
        /// Journal fsyncs per operation, where the row counts them.
        let fsyncsPerOperation: Double?

        /// A row from one interleaved run; the scales multiply the baseline's and the limit's rates
        /// (by cores, for the parallel rows measured against one thread).
        init(_ name: String, target: Double, against: Comparison, rates: (subject: BenchRate, baseline: BenchRate, limit: BenchRate),
             baselineScale: Double = 1, limitScale: Double = 1, fsyncsPerOperation: Double? = nil) {
            self.name = name
            self.target = target
            self.against = against
            subject = rates.subject
            baseline = rates.baseline.perSecond * baselineScale
            limit = rates.limit.perSecond * limitScale
            cpuRatio = rates.baseline.perCPUSecond > 0 ? rates.subject.perCPUSecond / rates.baseline.perCPUSecond : 0
            limitCPURatio = rates.limit.perCPUSecond > 0 ? rates.subject.perCPUSecond / rates.limit.perCPUSecond : 0
            self.fsyncsPerOperation = fsyncsPerOperation
        }

        var ratio: Double { baseline > 0 ? subject.perSecond / baseline : 0 }
        var limitRatio: Double { limit > 0 ? subject.perSecond / limit : 0 }
        var targetRatio: Double { against == .limit ? limitRatio : ratio }
        var passes: Bool { targetRatio >= target }
    }

    static let rowNames = ["sign", "verify", "notification", "charge", "charge_sealing", "charge_durable",
                           "charge_durable_sealing", "charge_parallel", "charge_durable_parallel", "10k"]
    /// Concurrent charges in the charge_durable_parallel row.
    static let durableParallelTasks = 16

    static func run(_ arguments: CommandLineArguments) async throws -> Int32 {
        let secondsText = arguments.value("seconds") ?? "3"
        guard let seconds = Double(secondsText), seconds > 0, seconds <= 600 else {
            throw CLIError.usage("--seconds takes a number of seconds above 0, got '\(secondsText)'", command: name)
        }
        let concurrentText = arguments.value("concurrent") ?? "10000"
        guard let concurrent = Int(concurrentText), concurrent > 0 else {
            throw CLIError.usage("--concurrent takes a positive count, got '\(concurrentText)'", command: name)
        }
        let only = arguments.value("only")
        if let only, !rowNames.contains(only) {
            throw CLIError.usage("--only takes one of \(rowNames.joined(separator: ", ")), got '\(only)'", command: name)
        }
        let json = arguments.flag("json")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let progress: (String) -> Void = { if !json { Console.error("  measuring \($0)...\n") } }
        var rows: [Row] = []
        let selected: (String) -> Bool = { only == nil || only == $0 }

        // First, so that the peak resident memory is this workload's, not that of the rows before it.
        var wall = 0.0
        var peak: Double?
        if selected("10k") {
            progress("\(concurrent) concurrent charges")
            wall = try await BenchWorkloads.concurrentCharges(concurrent)
            peak = BenchRunner.peakResidentMegabytes()
        }

        if selected("sign") {
            progress("sign")
            let sign = try BenchWorkloads.sign()
            rows.append(Row("sign", target: 0.95, against: .limit, rates: try await BenchRunner.interleave(
                seconds: seconds, subject: sign.subject, baseline: sign.baseline, limit: sign.limit)))
        }

        if selected("verify") {
            progress("verify")
            let verify = try await BenchWorkloads.verify()
            rows.append(Row("verify", target: 0.70, against: .limit, rates: try await BenchRunner.interleave(
                seconds: seconds, subject: verify.subject, baseline: verify.baseline, limit: verify.limit)))
        }

        if selected("notification") {
            progress("notification")
            let notification = try await BenchWorkloads.notification()
            let rates = try await BenchRunner.interleave(
                seconds: seconds, subject: notification.subject, baseline: notification.baseline, limit: notification.limit)
            let fsyncs = try await BenchWorkloads.notificationFsyncs(count: 64)
            rows.append(Row("notification", target: 0.85, against: .limit, rates: rates, fsyncsPerOperation: fsyncs))
        }

        // The charge rows share one bound simulator; the scope releases it (and every payment it
        // booked) before the memory run.
        let chargeRows = ["charge", "charge_sealing", "charge_durable", "charge_durable_sealing", "charge_parallel",
                          "charge_durable_parallel"]
        if chargeRows.contains(where: selected) {
            let memoryFixture = try await ChargeFixture(store: LocalAutoDebitStore())
            let charge = BenchWorkloads.chargeOperation(memoryFixture)
            let limit = try BenchWorkloads.limitSign(try BenchWorkloads.payContent())
            if selected("charge") {
                progress("charge")
                rows.append(Row("charge", target: 0.42, against: .limit, rates: try await BenchRunner.interleave(
                    seconds: seconds, subject: BenchRunner.loop(charge),
                    baseline: BenchWorkloads.rawSign(try BenchWorkloads.payContent()), limit: limit)))
            }

            if selected("charge_sealing") {
                progress("charge_sealing")
                let unsealed = BenchWorkloads.chargeOperation(try await BenchWorkloads.unsealedMemoryFixture())
                rows.append(Row("charge_sealing", target: 0.97, against: .baseline, rates: try await BenchRunner.interleave(
                    seconds: seconds, subject: BenchRunner.loop(charge), baseline: BenchRunner.loop(unsealed), limit: limit)))
            }

            if selected("charge_durable") {
                progress("charge_durable")
                let durable = try await BenchWorkloads.durableFixture()
                defer { try? FileManager.default.removeItem(at: durable.directory) }
                let rates = try await BenchRunner.interleave(
                    seconds: seconds, subject: BenchRunner.countingFsyncs(BenchRunner.loop(BenchWorkloads.chargeOperation(durable.fixture))),
                    baseline: BenchRunner.loop(charge), limit: limit)
                await durable.store.close()
                rows.append(Row("charge_durable", target: 0.80, against: .baseline, rates: rates,
                                fsyncsPerOperation: rates.subject.fsyncsPerOperation))
            }

            if selected("charge_durable_sealing") {
                progress("charge_durable_sealing")
                let sealed = try await BenchWorkloads.durableFixture()
                let unsealed = try await BenchWorkloads.durableFixture(openedBindings: true)
                defer {
                    try? FileManager.default.removeItem(at: sealed.directory)
                    try? FileManager.default.removeItem(at: unsealed.directory)
                }
                let rates = try await BenchRunner.interleave(
                    seconds: seconds, subject: BenchRunner.countingFsyncs(BenchRunner.loop(BenchWorkloads.chargeOperation(sealed.fixture))),
                    baseline: BenchRunner.loop(BenchWorkloads.chargeOperation(unsealed.fixture)), limit: limit)
                await sealed.store.close()
                await unsealed.store.close()
                rows.append(Row("charge_durable_sealing", target: 0.97, against: .baseline, rates: rates,
                                fsyncsPerOperation: rates.subject.fsyncsPerOperation))
            }

            if selected("charge_parallel") {
                progress("charge_parallel (\(cores) tasks)")
                rows.append(Row("charge_parallel", target: 0.85, against: .baseline, rates: try await BenchRunner.interleave(
                    seconds: seconds, subject: BenchRunner.parallel(tasks: cores, charge), baseline: BenchRunner.loop(charge),
                    limit: limit), baselineScale: Double(cores), limitScale: Double(cores)))
            }

            if selected("charge_durable_parallel") {
                let tasks = durableParallelTasks
                progress("charge_durable_parallel (\(tasks) tasks)")
                let durable = try await BenchWorkloads.durableFixture()
                defer { try? FileManager.default.removeItem(at: durable.directory) }
                let durableCharge = BenchWorkloads.chargeOperation(durable.fixture)
                let rates = try await BenchRunner.interleave(
                    seconds: seconds, subject: BenchRunner.countingFsyncs(BenchRunner.parallel(tasks: tasks, durableCharge)),
                    baseline: BenchRunner.parallel(tasks: tasks, charge), limit: limit)
                await durable.store.close()
                // The baseline runs the same tasks; the limit is one thread's, so it is scaled by cores.
                rows.append(Row("charge_durable_parallel", target: 0.85, against: .baseline, rates: rates,
                                limitScale: Double(cores), fsyncsPerOperation: rates.subject.fsyncsPerOperation))
            }
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
            var members = [
                "\"ops_per_s\": \(number(row.subject.perSecond, 1))",
                "\"baseline_ops_per_s\": \(number(row.baseline, 1))", "\"ratio\": \(number(row.ratio, 3))",
                "\"limit_ops_per_s\": \(number(row.limit, 1))", "\"limit_ratio\": \(number(row.limitRatio, 3))",
                "\"target_ratio\": \(number(row.target, 2))", "\"target_against\": \"\(row.against.rawValue)\"",
                "\"cpu_ratio\": \(number(row.cpuRatio, 3))", "\"limit_cpu_ratio\": \(number(row.limitCPURatio, 3))",
            ]
            if let fsyncs = row.fsyncsPerOperation { members.append("\"fsyncs_per_op\": \(number(fsyncs, 3))") }
            fields.append("  \"\(row.name)\": {" + members.joined(separator: ", ") + "}")
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
        let header = pad("name", 24) + pad("ops/s", 9, right: true) + pad("baseline/s", 11, right: true)
            + pad("ratio", 7, right: true) + pad("limit/s", 9, right: true) + pad("of limit", 9, right: true)
            + pad("target", 15, right: true) + "  ok" + pad("cpu ratio", 10, right: true) + pad("cpu of limit", 13, right: true)
            + pad("fsyncs/op", 10, right: true)
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for row in rows {
            let target = String(format: ">= %.2f ", row.target) + (row.against == .limit ? "limit" : "base")
            lines.append(pad(row.name, 24) + pad(rate(row.subject.perSecond), 9, right: true)
                + pad(rate(row.baseline), 11, right: true) + pad(String(format: "%.3f", row.ratio), 7, right: true)
                + pad(rate(row.limit), 9, right: true) + pad(String(format: "%.3f", row.limitRatio), 9, right: true)
                + pad(target, 15, right: true) + "  " + (row.passes ? "✓ " : "✗ ")
                + pad(String(format: "%.3f", row.cpuRatio), 10, right: true)
                + pad(String(format: "%.3f", row.limitCPURatio), 13, right: true)
                + pad(row.fsyncsPerOperation.map { String(format: "%.2f", $0) } ?? "", 10, right: true))
        }
        lines.append("")
        if let peak {
            lines.append("\(concurrent) concurrent charges: \(String(format: "%.2f", wall)) s wall, peak RSS "
                + String(format: "%.1f MB", peak) + " (process peak, measured before the other rows; target <= 150 MB) " + (peak <= 150 ? "✓" : "✗"))
        }
        lines.append("")
        lines.append("Limit: libcrypto's best rate for the same key and content, measured in this run the way `openssl speed` does "
            + "it (one EVP_PKEY_CTX initialised once with PKCS#1 v1.5 and SHA-256, reused; one-shot SHA256() per message): "
            + "the sign limit for sign/notification/charge rows, the verify limit for verify; × \(cores) cores for the parallel rows.")
        lines.append("Baselines: sign/notification/charge = raw RSAPrivateKey.signature(for:) of the same bytes; verify = raw "
            + "isValidSignature; charge_sealing and charge_durable_sealing = the same charge with its bindings kept opened "
            + "(no AES-GCM open of sealed tokens; bench only); charge_durable = charge (in-memory store); charge_parallel = charge × \(cores); "
            + "charge_durable_parallel = the same \(durableParallelTasks) concurrent charges with the in-memory store.")
        lines.append("ratio = subject/baseline, of limit = subject/limit, in wall-clock ops/s (the target names which one it applies to); "
            + "cpu ratio and cpu of limit = subject/baseline and subject/limit in ops per process CPU second (what the work costs "
            + "whatever else the machine runs; not scaled by cores). "
            + "fsyncs/op: journal fsyncs counted per charge (durable rows) and per notification (a separate untimed pass of 64 through a journal store).")
        return lines.joined(separator: "\n") + "\n"
    }
}
