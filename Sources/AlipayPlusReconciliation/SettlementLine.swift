/// One detail line of a Settlement Report: a clearing batch included in the settlement.
public struct SettlementLine: Sendable, Hashable {
    /// The clearing batch settled. Column `clearingBatchId` (required).
    public var clearingBatchId: String
    /// The amount of that batch in minor units. Column `settlementAmountValue` (or `netSettlementAmountValue`).
    public var settlementAmountValue: Int64?
    /// The settlement currency. Column `settlementCurrency`.
    public var settlementCurrency: String?
    /// `C` or `D` if given; a `D` line counts negative in the net total. Column `direction`.
    public var direction: String?
    /// Every other column.
    public var extra: [String: String]
    /// The file of the line.
    public var file: String
    /// The 1-based line.
    public var line: Int

    static let amountAliases = ["settlementAmountValue", "netSettlementAmountValue"]

    /// Decodes a detail row.
    ///
    /// - Throws: ``ReportError`` for an empty batch ID or a non-integer amount.
    public init(row: ReportRow) throws {
        clearingBatchId = try row.requiredString(["clearingBatchId"])
        settlementAmountValue = try row.amount(Self.amountAliases)
        settlementCurrency = row.string(["settlementCurrency"])
        direction = row.string(["direction"])
        extra = row.extras(excluding: Set((["clearingBatchId", "settlementCurrency", "direction"] + Self.amountAliases).map { $0.lowercased() }))
        file = row.file
        line = row.line
    }

    /// The amount signed by ``direction`` (`D` negative).
    var signedAmount: Int64? {
        guard let value = settlementAmountValue else { return nil }
        return direction?.uppercased() == "D" ? -value.magnitudeClamped : value
    }
}

/// The Settlement Report's summary row.
public struct SettlementSummaryRow: Sendable, Hashable {
    /// The settlement batch. Column `settlementBatchId` (required).
    public var settlementBatchId: String
    /// The settlement currency. Column `settlementCurrency`.
    public var settlementCurrency: String?
    /// Net amount transferred, minor units. Column `netSettlementAmountValue` (or `netSettlementAmount`).
    public var netSettlementAmountValue: Int64?
    /// Number of clearing batches listed. Column `totalCount`.
    public var totalCount: Int?
    /// The value date, as written. Column `valueDate`.
    public var valueDate: String?
    /// The settlement date, as written. Column `settlementDate`.
    public var settlementDate: String?
    /// Every other column.
    public var extra: [String: String]
    /// The file of the row.
    public var file: String
    /// The 1-based line.
    public var line: Int

    static let amountAliases = ["netSettlementAmountValue", "netSettlementAmount"]

    /// Decodes a summary row.
    ///
    /// - Throws: ``ReportError`` for a bad count or amount.
    public init(row: ReportRow) throws {
        settlementBatchId = try row.requiredString(["settlementBatchId"])
        settlementCurrency = row.string(["settlementCurrency"])
        netSettlementAmountValue = try row.amount(Self.amountAliases)
        totalCount = try row.count(["totalCount"])
        valueDate = row.string(["valueDate"])
        settlementDate = row.string(["settlementDate"])
        extra = row.extras(excluding: Set((["settlementBatchId", "settlementCurrency", "totalCount", "valueDate", "settlementDate"] + Self.amountAliases).map { $0.lowercased() }))
        file = row.file
        line = row.line
    }
}

/// Totals of Settlement Report lines.
public struct SettlementTotals: ReportTotals, Hashable {
    /// Count and signed amount sums per currency.
    public private(set) var amounts = AmountTotals()

    /// Empty totals.
    public init() {}

    /// Adds a line.
    ///
    /// - Throws: ``ReportError`` `.amountOverflow` (with the row) when the running total would overflow.
    public mutating func add(_ line: SettlementLine, at row: ReportRow) throws {
        try amounts.add(amount: line.signedAmount, currency: line.settlementCurrency, at: row, column: "settlementAmountValue")
    }

    /// Compares `totalCount` and the net amount (by magnitude) of each summary row.
    public func findings(against summaryRows: [SettlementSummaryRow]) -> [ReconciliationFinding] {
        summaryRows.flatMap { row in
            amounts.findings(expectedCount: row.totalCount, expectedAmount: row.netSettlementAmountValue, currency: row.settlementCurrency,
                             compareMagnitudes: true, file: row.file, line: row.line, countColumn: "totalCount", amountColumn: "netSettlementAmountValue")
        }
    }
}

/// The Settlement Report (`settlement_...csv`): summary header with `settlementBatchId`, detail header
/// (the clearing batches settled) with `clearingBatchId`.
public enum SettlementFormat: ReportFormat {
    /// Count and net totals.
    public typealias Totals = SettlementTotals
    /// `.settlement`.
    public static let kind = ReportKind.settlement
    /// Summary markers `settlementBatchId`, `netSettlementAmountValue`, `totalCount`; detail marker `clearingBatchId`.
    public static let layout = ReportLayout(
        summaryMarkers: ["settlementBatchId", "netSettlementAmountValue", "netSettlementAmount", "totalCount"],
        detailMarkers: ["clearingBatchId"],
        summaryRequired: [["settlementBatchId"]],
        detailRequired: [["clearingBatchId"]])
    /// Decodes a summary row.
    ///
    /// - Throws: ``ReportError`` (with the file, line and column) when a required cell is missing or malformed.
    public static func summaryRow(from row: ReportRow) throws -> SettlementSummaryRow { try SettlementSummaryRow(row: row) }
    /// Decodes a detail line.
    ///
    /// - Throws: ``ReportError`` (with the file, line and column) when a required cell is missing or malformed.
    public static func line(from row: ReportRow) throws -> SettlementLine { try SettlementLine(row: row) }
}
