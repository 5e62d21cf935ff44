public import AlipayPlusModels
/// One line of a Transaction Summary Report (`summary_...csv`), which has a detail section only.
///
/// A day without transactions still has one line with count 0, amount 0 and direction `D`.
public struct TransactionSummaryLine: Sendable, Hashable {
    /// The clearing batch. Column `clearingBatchId` (required).
    public var clearingBatchId: String
    /// Number of transactions. Column `totalCount` (required).
    public var totalCount: Int
    /// Only this type, if given. Column `transactionType`.
    public var transactionType: TransactionType?
    /// The currency. Column `settlementCurrency` (or `currency`).
    public var settlementCurrency: String?
    /// Net amount in minor units. Column `netSettlementAmountValue` (or `totalAmountValue`, `settlementAmountValue`).
    public var amountValue: Int64?
    /// `C` (credit to the participant) or `D`, as written. Column `direction`.
    public var direction: String?
    /// Every other column.
    public var extra: [String: String]
    /// The file of the line.
    public var file: String
    /// The 1-based line.
    public var line: Int

    static let amountAliases = ["netSettlementAmountValue", "totalAmountValue", "settlementAmountValue"]
    static let currencyAliases = ["settlementCurrency", "currency"]
    /// The columns ``ReportWriter`` writes, in order.
    public static let columns = ["clearingBatchId", "settlementCurrency", "totalCount", "netSettlementAmountValue", "direction"]

    /// Creates a line.
    public init(clearingBatchId: String, totalCount: Int, transactionType: TransactionType? = nil, settlementCurrency: String? = nil,
                amountValue: Int64? = nil, direction: String? = nil, extra: [String: String] = [:], file: String = "", line: Int = 0) {
        self.clearingBatchId = clearingBatchId
        self.totalCount = totalCount
        self.transactionType = transactionType
        self.settlementCurrency = settlementCurrency
        self.amountValue = amountValue
        self.direction = direction
        self.extra = extra
        self.file = file
        self.line = line
    }

    /// Decodes a row.
    ///
    /// - Throws: ``ReportError`` for an empty required value or a bad count or amount.
    public init(row: ReportRow) throws {
        self.init(
            clearingBatchId: try row.requiredString(["clearingBatchId"]),
            totalCount: try row.requiredCount(["totalCount"]),
            transactionType: row.string(["transactionType"]).map(TransactionType.init(reportValue:)),
            settlementCurrency: row.string(Self.currencyAliases),
            amountValue: try row.amount(Self.amountAliases),
            direction: row.string(["direction"]),
            extra: row.extras(excluding: Set((["clearingBatchId", "totalCount", "transactionType", "direction"] + Self.amountAliases + Self.currencyAliases).map { $0.lowercased() })),
            file: row.file, line: row.line)
    }

    /// Compares this Transaction Summary Report line with the totals of the day's Transaction Detail Report.
    ///
    /// The count is compared with the detail lines of ``transactionType`` (all lines when nil) in
    /// ``settlementCurrency``; the amount (by magnitude) with their net settlement amount.
    public func findings(against totals: TransactionTotals) -> [ReconciliationFinding] {
        let matching = totals.groups.filter { group, _ in
            (transactionType.map { $0 == group.transactionType } ?? true)
                && (settlementCurrency.map { filter in group.settlementCurrency.map { filter.caseInsensitiveCompare($0) } ?? true } ?? true)
        }
        let scope = [transactionType?.rawValue, settlementCurrency].compactMap { $0 }.joined(separator: " ")
        var findings: [ReconciliationFinding] = []
        let count = matching.values.reduce(0) { $0 + $1.count }
        if count != totalCount {
            findings.append(ReconciliationFinding(.countMismatch, file: file, line: line, column: "totalCount",
                                                  scope: scope.isEmpty ? "all lines" : scope, expected: Int64(totalCount), actual: Int64(count)))
        }
        if let amountValue {
            let net = matching.reduce(Int64(0)) { sum, entry in
                sum &+ (transactionType == nil ? entry.key.transactionType.netSign : 1) &* entry.value.settlementAmount
            }
            if net.magnitudeClamped != amountValue.magnitudeClamped {
                findings.append(ReconciliationFinding(.amountMismatch, file: file, line: line, column: "netSettlementAmountValue",
                                                      scope: scope.isEmpty ? "all lines" : scope, expected: amountValue, actual: net))
            }
        }
        return findings
    }
}

/// Totals of a Transaction Summary Report: just the number of lines (it has no summary section).
public struct TransactionSummaryTotals: ReportTotals, Hashable {
    /// Number of lines.
    public private(set) var count = 0

    /// Empty totals.
    public init() {}

    /// Counts a line.
    ///
    /// - Throws: never (counting cannot fail).
    public mutating func add(_ line: TransactionSummaryLine, at row: ReportRow) throws { count += 1 }

    /// No internal check is possible; always empty.
    public func findings(against summaryRows: [Never]) -> [ReconciliationFinding] { [] }
}

/// The Transaction Summary Report (`summary_...csv`): one section whose header contains `clearingBatchId`.
public enum TransactionSummaryFormat: ReportFormat {
    /// Line count only.
    public typealias Totals = TransactionSummaryTotals
    /// `.transactionSummary`.
    public static let kind = ReportKind.transactionSummary
    /// Detail markers `clearingBatchId`, `totalCount`; no summary section.
    public static let layout = ReportLayout(
        summaryMarkers: [], detailMarkers: ["clearingBatchId", "totalCount"],
        summaryRequired: [], detailRequired: [["clearingBatchId"], ["totalCount"]], hasSummarySection: false)
    /// Never called: this report has no summary section.
    ///
    /// - Throws: ``ReportError`` `.missingHeader`, always.
    public static func summaryRow(from row: ReportRow) throws -> Never {
        throw ReportError(.missingHeader, file: row.file, line: row.line, detail: "the Transaction Summary Report has no summary section",
                          hint: "this is a bug in the layout; report it")
    }
    /// Decodes a line.
    ///
    /// - Throws: ``ReportError`` (with the file, line and column) when a required cell is missing or malformed.
    public static func line(from row: ReportRow) throws -> TransactionSummaryLine { try TransactionSummaryLine(row: row) }
}
