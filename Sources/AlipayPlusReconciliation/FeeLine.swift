public import AlipayPlusModels
/// One detail line of a Fee Report: a fee charged on one transaction.
public struct FeeLine: Sendable, Hashable {
    /// Alipay+'s transaction ID. Column `transactionId` (required).
    public var transactionId: String
    /// The merchant's request ID. Column `transactionRequestId`.
    public var transactionRequestId: String?
    /// The transaction's type. Column `transactionType`.
    public var transactionType: TransactionType?
    /// The fee's kind (e.g. interchange, service). Column `feeType`.
    public var feeType: String?
    /// The fee in minor units. Column `feeAmountValue` (required).
    public var feeAmountValue: Int64
    /// The fee currency. Column `feeCurrency`.
    public var feeCurrency: String?
    /// Every other column.
    public var extra: [String: String]
    /// The file of the line.
    public var file: String
    /// The 1-based line.
    public var line: Int

    static let known = Set(["transactionId", "transactionRequestId", "transactionType", "feeType", "feeAmountValue", "feeCurrency"].map { $0.lowercased() })

    /// Decodes a detail row.
    ///
    /// - Throws: ``ReportError`` for an empty required value or a non-integer amount.
    public init(row: ReportRow) throws {
        transactionId = try row.requiredString(["transactionId"])
        transactionRequestId = row.string(["transactionRequestId"])
        transactionType = row.string(["transactionType"]).map(TransactionType.init(reportValue:))
        feeType = row.string(["feeType"])
        feeAmountValue = try row.requiredAmount(["feeAmountValue"])
        feeCurrency = row.string(["feeCurrency"])
        extra = row.extras(excluding: Self.known)
        file = row.file
        line = row.line
    }
}

/// One row of a Fee Report's summary section.
public struct FeeSummaryRow: Sendable, Hashable {
    /// Number of fee lines. Column `totalCount` (required).
    public var totalCount: Int
    /// Total fees in minor units. Column `totalFeeAmountValue`.
    public var totalFeeAmountValue: Int64?
    /// Currency of the total. Column `feeCurrency`.
    public var feeCurrency: String?
    /// Every other column.
    public var extra: [String: String]
    /// The file of the row.
    public var file: String
    /// The 1-based line.
    public var line: Int

    /// Decodes a summary row.
    ///
    /// - Throws: ``ReportError`` for a bad count or amount.
    public init(row: ReportRow) throws {
        totalCount = try row.requiredCount(["totalCount"])
        totalFeeAmountValue = try row.amount(["totalFeeAmountValue"])
        feeCurrency = row.string(["feeCurrency"])
        extra = row.extras(excluding: Set(["totalcount", "totalfeeamountvalue", "feecurrency"]))
        file = row.file
        line = row.line
    }
}

/// Totals of Fee Report lines.
public struct FeeTotals: ReportTotals, Hashable {
    /// Count and fee sums per currency.
    public private(set) var amounts = AmountTotals()

    /// Empty totals.
    public init() {}

    /// Adds a line.
    ///
    /// - Throws: ``ReportError`` `.amountOverflow` (with the row) when the running total would overflow.
    public mutating func add(_ line: FeeLine, at row: ReportRow) throws {
        try amounts.add(amount: line.feeAmountValue, currency: line.feeCurrency, at: row, column: "feeAmountValue")
    }

    /// Compares the count and fee total of each summary row.
    public func findings(against summaryRows: [FeeSummaryRow]) -> [ReconciliationFinding] {
        summaryRows.flatMap { row in
            amounts.findings(expectedCount: row.totalCount, expectedAmount: row.totalFeeAmountValue, currency: row.feeCurrency,
                             compareMagnitudes: true, file: row.file, line: row.line, countColumn: "totalCount", amountColumn: "totalFeeAmountValue")
        }
    }
}

/// The Fee Report (`feeItems_...csv`): summary header with `totalCount`, detail header with `transactionId`.
public enum FeeFormat: ReportFormat {
    /// Count and fee totals.
    public typealias Totals = FeeTotals
    /// `.fee`.
    public static let kind = ReportKind.fee
    /// Summary markers `totalCount`, `clearingBatchId`; detail markers `transactionId`, `transactionRequestId`.
    public static let layout = ReportLayout(
        summaryMarkers: ["totalCount", "clearingBatchId"],
        detailMarkers: ["transactionId", "transactionRequestId"],
        summaryRequired: [["totalCount"]],
        detailRequired: [["transactionId"], ["feeAmountValue"]])
    /// Decodes a summary row.
    ///
    /// - Throws: ``ReportError`` (with the file, line and column) when a required cell is missing or malformed.
    public static func summaryRow(from row: ReportRow) throws -> FeeSummaryRow { try FeeSummaryRow(row: row) }
    /// Decodes a detail line.
    ///
    /// - Throws: ``ReportError`` (with the file, line and column) when a required cell is missing or malformed.
    public static func line(from row: ReportRow) throws -> FeeLine { try FeeLine(row: row) }
}
