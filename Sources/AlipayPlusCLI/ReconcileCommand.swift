import AlipayPlus
import AlipayPlusModels
import AlipayPlusReconciliation
import Foundation

/// `alipayplus reconcile`: matches a day's Transaction Detail Reports against the durable store.
enum ReconcileCommand: CLICommand {
    static let name = "reconcile"
    static let summary = "Match Alipay+ clearing reports against the payments and refunds in a store."
    static let options: [OptionSpec] = [
        .value("store", "DIR", "Folder of the durable store (LocalAutoDebitStore(directory:)).", required: true),
        .value("date", "YYYY-MM-DD", "Clearing day (UTC+8) whose successful records must be in the files; default: the day of the lines."),
        .flag("json", "Print the result as one JSON object."),
        .positional("FILE...", "Report files (transactionItems_... and summary_...) or folders holding them.", required: true),
    ]
    static let usage = """
          alipayplus reconcile --store DIR [--date YYYY-MM-DD] [--json] FILE...

        Reads the Transaction Detail Reports (transactionItems_*.csv, all seq files of a batch as one) and
        the matching Transaction Summary Reports (summary_*.csv), and matches every line against the
        store's payments and refunds by request id or Alipay+ id. Fee and Settlement files are ignored.

        Exit status: 0 when everything matches; 1 when discrepancies were found (listed on stdout);
        2 for unusable input (unreadable file or store, a parse error with its line number, a missing seq).

        Example:
          alipayplus reconcile --store /var/lib/shop/alipayplus --date 2026-11-29 \\
            /data/alipayplus/clearing/20261130
        """

    static func run(_ arguments: CommandLineArguments) async throws -> Int32 {
        var clearingDate: ClearingDate?
        if let text = arguments.value("date") {
            guard let date = ClearingDate(text) else {
                throw CLIError.usage("--date must be a date YYYY-MM-DD, got '\(text)'", command: name)
            }
            clearingDate = date
        }
        let (details, summaries, ignored) = try batches(from: arguments.positionals)
        let storePath = arguments.required("store")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: storePath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.unusableInput("the store folder '\(storePath)' does not exist")
        }
        let store: LocalAutoDebitStore
        do {
            store = try LocalAutoDebitStore(directory: URL(fileURLWithPath: storePath, isDirectory: true))
        } catch {
            throw CLIError.unusableInput("cannot open the store in '\(storePath)': \(error)")
        }
        let ledger = await MerchantLedger(store: store)
        await store.close()
        var reconciler = Reconciler(ledger: ledger, clearingDate: clearingDate)
        do {
            for detail in details {
                try reconciler.read(detail: detail, summary: summaries[batchKey(detail.name)])
            }
        } catch let error as ReportError {
            throw CLIError.unusableInput(error.description)
        }
        var report = reconciler.report()
        report.notes += ignored.map { "ignored \($0) (not a Transaction Detail or Transaction Summary report)" }
        let usedSummaries = Set(details.map { batchKey($0.name) })
        for (key, summary) in summaries.sorted(by: { $0.key < $1.key }) where !usedSummaries.contains(key) {
            report.notes.append("\(summary.name.fileName) has no Transaction Detail batch to check against")
        }
        if arguments.flag("json") {
            Console.out(try json(report) + "\n")
        } else {
            Console.out(table(report))
        }
        return report.isClean ? 0 : 1
    }

    /// Groups the given files (and the report files inside given folders) into detail and summary batches.
    static func batches(from paths: [String]) throws -> (details: [ReportBatch], summaries: [String: ReportBatch], ignored: [String]) {
        var groups: [ReportFileName: [URL]] = [:]
        var ignored: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError.unusableInput("cannot read '\(path)': no such file or folder")
            }
            var urls: [URL] = []
            if isDirectory.boolValue {
                let names: [String]
                do { names = try manager.contentsOfDirectory(atPath: path) } catch {
                    throw CLIError.unusableInput("cannot list the folder '\(path)': \(error.localizedDescription)")
                }
                for fileName in names.sorted() where (try? ReportFileName(parsing: fileName)) != nil {
                    urls.append(URL(fileURLWithPath: path).appendingPathComponent(fileName))
                }
            } else {
                urls.append(URL(fileURLWithPath: path))
            }
            for url in urls {
                guard manager.isReadableFile(atPath: url.path) else {
                    throw CLIError.unusableInput("cannot read '\(url.path)'")
                }
                var parsed: ReportFileName
                do { parsed = try ReportFileName(parsing: url.lastPathComponent) } catch let error as ReportError {
                    throw CLIError.unusableInput(error.description)
                }
                guard parsed.kind == .transactionDetail || parsed.kind == .transactionSummary else {
                    ignored.append(url.lastPathComponent)
                    continue
                }
                parsed.seq = 0
                if !(groups[parsed]?.contains(url) ?? false) { groups[parsed, default: []].append(url) }
            }
        }
        var details: [ReportBatch] = []
        var summaries: [String: ReportBatch] = [:]
        do {
            for files in groups.values {
                let batch = try ReportBatch(files: files)
                if batch.name.kind == .transactionDetail { details.append(batch) } else { summaries[batchKey(batch.name)] = batch }
            }
        } catch let error as ReportError {
            throw CLIError.unusableInput(error.description)
        }
        guard !details.isEmpty else {
            throw CLIError.unusableInput("no Transaction Detail Report (transactionItems_*.csv) among the given files")
        }
        details.sort { $0.name.fileName < $1.name.fileName }
        return (details, summaries, ignored.sorted())
    }

    /// What pairs a detail batch with its summary batch: everything in the name but the kind and seq.
    static func batchKey(_ name: ReportFileName) -> String {
        [name.participantId, name.settlementCurrency, name.batchId, name.participantAgreementId].joined(separator: "_")
    }

    /// The report as one JSON object: the report's fields plus `"status"` (`matched` or `discrepancies`).
    static func json(_ report: ReconciliationReport) throws -> String {
        struct Output: Encodable {
            let status: String
            let report: ReconciliationReport
            func encode(to encoder: any Encoder) throws {
                try report.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(status, forKey: Key(stringValue: "status"))
            }
            struct Key: CodingKey {
                let stringValue: String
                init(stringValue: String) { self.stringValue = stringValue }
                var intValue: Int? { nil }
                init?(intValue: Int) { nil }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Output(status: report.isClean ? "matched" : "discrepancies", report: report))
        return String(decoding: data, as: UTF8.self)
    }

    /// The report as aligned text sections.
    static func table(_ report: ReconciliationReport) -> String {
        var text = "Clearing day: \(report.clearingDate?.description ?? "unknown")\n"
        text += "Files: \(report.files.count) (\(report.lineCount) lines)\n"
        text += "Matched: \(report.matchedCount) of \(report.lineCount) lines\n"
        if !report.discrepancies.isEmpty {
            text += "\nDiscrepancies (\(report.discrepancies.count)); expected = our records, found = the report:\n"
            var rows = [["KIND", "TYPE", "ID", "ALIPAY+ ID", "FILE:LINE", "EXPECTED", "FOUND"]]
            for item in report.discrepancies {
                var place = item.location?.description ?? "-"
                if let first = item.firstLocation { place += " (first: \(first.line))" }
                rows.append([item.kind.description, item.transactionType.rawValue, item.transactionRequestId ?? "-",
                             item.transactionId ?? "-", place, item.expected ?? "-", item.found ?? "-"])
            }
            text += aligned(rows)
        }
        if !report.totalsFindings.isEmpty {
            text += "\nTotals that disagree (\(report.totalsFindings.count)):\n"
            for finding in report.totalsFindings { text += "  \(finding)\n" }
        }
        if !report.notes.isEmpty {
            text += "\nNotes:\n"
            for note in report.notes { text += "  \(note)\n" }
        }
        if report.isClean {
            text += "\nResult: everything matches.\n"
        } else {
            text += "\nResult: \(report.discrepancies.count) discrepancies, \(report.totalsFindings.count) totals findings. "
            text += "Check them, then report them to Alipay+ support (overseas_support@service.alibaba.com); settlement completes first.\n"
        }
        return text
    }

    private static func aligned(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
