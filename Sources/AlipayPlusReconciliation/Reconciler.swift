import AlipayPlusModels
import Foundation

/// Matches the Transaction Detail lines of a clearing day against the merchant's payments and refunds.
///
/// Feed it one or more detail batches (``read(detail:summary:)``) or single records (``match(_:)``),
/// then ask for the ``report()``. Lines stream through: besides the ``MerchantLedger`` it keeps one
/// "first seen at" number per ledger entry, the ids of lines that matched nothing (to spot repeats),
/// and per-day line counts, so memory does not grow with the file.
///
/// ```swift
/// let ledger = await MerchantLedger(store: store)
/// var reconciler = Reconciler(ledger: ledger, clearingDate: ClearingDate("2026-11-29"))
/// try reconciler.read(detail: detailBatch, summary: summaryBatch)
/// let report = reconciler.report()
/// for discrepancy in report.discrepancies { print(discrepancy) }
/// ```
public struct Reconciler: Sendable {
    /// The merchant's records.
    public let ledger: MerchantLedger
    /// The clearing day whose successful records must appear (UTC+8); when nil, the day most lines fall on.
    public var clearingDate: ClearingDate?

    /// Per ledger entry: 0 when not reported yet, else the packed location of the first line.
    private var firstSeen: [UInt64]
    /// First location of lines that matched no record, by `transactionId`.
    private var unmatchedSeen: [String: UInt64] = [:]
    private var files: [String] = []
    private var dayCounts: [Int: Int] = [:]
    private var lineCount = 0
    private var matchedCount = 0
    private var discrepancies: [Discrepancy] = []
    private var totalsFindings: [ReconciliationFinding] = []
    private var notes: [String] = []

    /// Starts a reconciliation run.
    ///
    /// - Parameters:
    ///   - ledger: The merchant's payments and refunds.
    ///   - clearingDate: The clearing day (UTC+8) the files cover; nil to take the day most lines fall on.
    public init(ledger: MerchantLedger, clearingDate: ClearingDate? = nil) {
        self.ledger = ledger
        self.clearingDate = clearingDate
        firstSeen = Array(repeating: 0, count: ledger.count)
    }

    /// Reads every file of a Transaction Detail batch as one report, matching each line, and checks
    /// its totals against its summary section and, when given, the batch's Transaction Summary Report.
    ///
    /// - Parameters:
    ///   - detail: A `transactionItems` batch.
    ///   - summary: The `summary` batch with the same clearing batch id, if you have it.
    /// - Throws: ``ReportError`` for unreadable input (the run then holds the lines read before the error).
    public mutating func read(detail: ReportBatch, summary: ReportBatch? = nil) throws {
        guard detail.name.kind == .transactionDetail else {
            throw ReportError(.mixedBatch, file: detail.name.fileName, detail: "this is a \(detail.name.kind.rawValue) batch, not a Transaction Detail (transactionItems) batch",
                              hint: "pass the transactionItems files as detail and the summary files as summary")
        }
        for url in detail.files where !files.contains(url.lastPathComponent) { files.append(url.lastPathComponent) }
        let result = try TransactionDetailReader(batch: detail).read { line in
            match(line.reconciliationRecord)
        }
        totalsFindings += result.findings
        guard let summary else {
            notes.append("no Transaction Summary Report for clearing batch \(detail.name.batchId) (\(detail.name.settlementCurrency)); its totals were checked only against the detail report's summary section")
            return
        }
        guard summary.name.kind == .transactionSummary else {
            throw ReportError(.mixedBatch, file: summary.name.fileName, detail: "this is a \(summary.name.kind.rawValue) batch, not a Transaction Summary (summary) batch",
                              hint: "pass the summary_... files as the summary batch")
        }
        try checkSummary(summary, against: result.totals)
    }

    /// Checks a Transaction Summary Report's lines against the totals of a detail report.
    ///
    /// - Throws: ``ReportError`` for unreadable input.
    public mutating func checkSummary(_ summary: ReportBatch, against totals: TransactionTotals) throws {
        var findings: [ReconciliationFinding] = []
        try TransactionSummaryReader(batch: summary).read { line in
            findings += line.findings(against: totals)
        }
        totalsFindings += findings
    }

    /// Adds totals findings found elsewhere (e.g. from your own reading of the reports).
    public mutating func add(_ findings: [ReconciliationFinding]) {
        totalsFindings += findings
    }

    /// Matches one report line against the ledger.
    ///
    /// The line is looked up by `transactionRequestId`, then by `transactionId`. A found record must be
    /// of the line's type, succeeded, and have the same currency and amount (refund amounts compare by
    /// magnitude); each difference is one discrepancy. A record reported again is a duplicate.
    public mutating func match(_ record: ReconciliationRecord) {
        lineCount += 1
        dayCounts[ClearingDate(containing: record.transactionTime).dayNumber, default: 0] += 1
        let location = pack(record.source)
        let found = "\(record.amountValue.magnitudeClamped) \(record.currency)"
        guard let (index, typeConflict) = ledger.lookup(record) else {
            if let first = unmatchedSeen[record.transactionId] {
                discrepancies.append(Discrepancy(kind: .duplicateInFile, transactionType: record.kind, transactionId: record.transactionId,
                                                 transactionRequestId: record.transactionRequestId, location: record.source,
                                                 firstLocation: unpack(first), expected: nil, found: "\(record.kind) \(found)"))
            } else {
                unmatchedSeen[record.transactionId] = location
                discrepancies.append(Discrepancy(kind: .missingOnOurSide, transactionType: record.kind, transactionId: record.transactionId,
                                                 transactionRequestId: record.transactionRequestId, location: record.source,
                                                 expected: nil, found: "\(record.kind) \(found)"))
            }
            return
        }
        let entry = ledger.entries[index]
        let ids = (alipay: entry.alipayId ?? record.transactionId, request: entry.requestId)
        func add(_ kind: Discrepancy.Kind, expected: String?, found: String?, first: ReportLocation? = nil) {
            discrepancies.append(Discrepancy(kind: kind, transactionType: record.kind, transactionId: ids.alipay,
                                             transactionRequestId: ids.request, location: record.source,
                                             firstLocation: first, expected: expected, found: found))
        }
        if firstSeen[index] != 0 {
            add(.duplicateInFile, expected: "reported once", found: "reported again", first: unpack(firstSeen[index]))
            return
        }
        firstSeen[index] = location
        var clean = true
        if typeConflict {
            add(.typeMismatch, expected: entry.type.rawValue, found: record.kind.rawValue)
            clean = false
        }
        if !entry.succeeded {
            add(.statusMismatch, expected: entry.state, found: "cleared")
            clean = false
        }
        if entry.currency.uppercased() != record.currency.uppercased() {
            add(.currencyMismatch, expected: entry.amountText, found: found)
            clean = false
        } else if entry.amount != record.amountValue.magnitudeClamped {
            add(.amountMismatch, expected: entry.amountText, found: found)
            clean = false
        }
        if clean { matchedCount += 1 }
    }

    /// The result so far, including the successful records of the clearing day that no line reported.
    public func report() -> ReconciliationReport {
        var all = discrepancies
        var notes = self.notes
        let day = clearingDate?.dayNumber ?? dayCounts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        if let day {
            if clearingDate == nil && dayCounts.count > 1 {
                notes.append("the lines span \(dayCounts.count) days; checked missing records for \(ClearingDate(dayNumber: day)), the day most lines fall on (pass a clearing date to choose)")
            }
            for (index, entry) in ledger.entries.enumerated() where entry.succeeded && entry.clearingDay == day && firstSeen[index] == 0 {
                all.append(Discrepancy(kind: .missingInFile, transactionType: entry.type, transactionId: entry.alipayId,
                                       transactionRequestId: entry.requestId, location: nil, expected: entry.amountText, found: nil))
            }
        } else {
            notes.append("the clearing date is unknown (no lines and none given), so records missing from the file were not looked for")
        }
        return ReconciliationReport(clearingDate: day.map(ClearingDate.init(dayNumber:)), files: files, lineCount: lineCount,
                                    matchedCount: matchedCount, discrepancies: all, totalsFindings: totalsFindings, notes: notes)
    }

    /// Reconciles one detail batch (and its summary batch) against a ledger in one call.
    ///
    /// - Throws: ``ReportError`` for unreadable input.
    public static func reconcile(detail: ReportBatch, summary: ReportBatch? = nil, ledger: MerchantLedger,
                                 clearingDate: ClearingDate? = nil) throws -> ReconciliationReport {
        var reconciler = Reconciler(ledger: ledger, clearingDate: clearingDate)
        try reconciler.read(detail: detail, summary: summary)
        return reconciler.report()
    }

    /// Packs a location as (file index + 1) << 40 | line, so "not seen" is 0.
    private mutating func pack(_ location: ReportLocation) -> UInt64 {
        let fileIndex: Int
        if let last = files.last, last == location.file {
            fileIndex = files.count - 1
        } else if let existing = files.lastIndex(of: location.file) {
            fileIndex = existing
        } else {
            files.append(location.file)
            fileIndex = files.count - 1
        }
        return UInt64(fileIndex + 1) << 40 | UInt64(max(0, min(location.line, (1 << 40) - 1)))
    }

    private func unpack(_ packed: UInt64) -> ReportLocation {
        ReportLocation(file: files[Int(packed >> 40) - 1], line: Int(packed & ((1 << 40) - 1)))
    }
}
