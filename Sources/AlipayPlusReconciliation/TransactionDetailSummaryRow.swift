public import AlipayPlusModels
/// One row of a Transaction Detail Report's summary section.
///
/// A row covers all detail lines, or only those matching the filters it sets (``transactionType``,
/// ``transactionCurrency``, ``settlementCurrency``). With a ``transactionType`` the totals are sums of
/// that direction; without one they are net totals (payments minus refunds).
public struct TransactionDetailSummaryRow: Sendable, Hashable {
    /// Number of detail lines covered. Column `totalCount` (required).
    public var totalCount: Int
    /// Filter: only lines of this type. Column `transactionType`.
    public var transactionType: TransactionType?
    /// Filter: only lines in this transaction currency. Column `transactionCurrency`.
    public var transactionCurrency: String?
    /// Total transaction amount, minor units. Column `totalTransactionAmountValue` (or `totalAmountValue`).
    public var totalTransactionAmountValue: Int64?
    /// Filter: only lines in this settlement currency. Column `settlementCurrency`.
    public var settlementCurrency: String?
    /// Total settlement amount, minor units. Column `totalSettlementAmountValue` (or `netSettlementAmountValue`).
    public var totalSettlementAmountValue: Int64?
    /// The clearing batch, if given. Column `clearingBatchId`.
    public var clearingBatchId: String?
    /// Every other column.
    public var extra: [String: String]
    /// The file of the row.
    public var file: String
    /// The 1-based line of the row.
    public var line: Int

    static let transactionAmountAliases = ["totalTransactionAmountValue", "totalAmountValue"]
    static let settlementAmountAliases = ["totalSettlementAmountValue", "netSettlementAmountValue"]
    /// The columns ``ReportWriter`` writes, in order.
    public static let columns = ["totalCount", "transactionType", "transactionCurrency", "totalTransactionAmountValue",
                                "settlementCurrency", "totalSettlementAmountValue"]
    static let known = Set((columns + transactionAmountAliases + settlementAmountAliases + ["clearingBatchId"]).map { $0.lowercased() })

    /// Creates a row.
    public init(totalCount: Int, transactionType: TransactionType? = nil, transactionCurrency: String? = nil,
                totalTransactionAmountValue: Int64? = nil, settlementCurrency: String? = nil,
                totalSettlementAmountValue: Int64? = nil, clearingBatchId: String? = nil,
                extra: [String: String] = [:], file: String = "", line: Int = 0) {
        self.totalCount = totalCount
        self.transactionType = transactionType
        self.transactionCurrency = transactionCurrency
        self.totalTransactionAmountValue = totalTransactionAmountValue
        self.settlementCurrency = settlementCurrency
        self.totalSettlementAmountValue = totalSettlementAmountValue
        self.clearingBatchId = clearingBatchId
        self.extra = extra
        self.file = file
        self.line = line
    }

    /// Decodes a summary row.
    ///
    /// - Throws: ``ReportError`` for a bad count or amount.
    public init(row: ReportRow) throws {
        self.init(
            totalCount: try row.requiredCount(["totalCount"]),
            transactionType: row.string(["transactionType"]).map(TransactionType.init(reportValue:)),
            transactionCurrency: row.string(["transactionCurrency"]),
            totalTransactionAmountValue: try row.amount(Self.transactionAmountAliases),
            settlementCurrency: row.string(["settlementCurrency"]),
            totalSettlementAmountValue: try row.amount(Self.settlementAmountAliases),
            clearingBatchId: row.string(["clearingBatchId"]),
            extra: row.extras(excluding: Self.known), file: row.file, line: row.line)
    }
}
