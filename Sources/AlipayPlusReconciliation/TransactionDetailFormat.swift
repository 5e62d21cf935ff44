/// The Transaction Detail Report (`transactionItems_...csv`): a summary section and a detail section.
///
/// Summary header: contains `totalCount` (required) — see ``TransactionDetailSummaryRow``.
/// Detail header: contains `transactionId` or `transactionRequestId` — see ``TransactionDetailLine``.
public enum TransactionDetailFormat: ReportFormat {
    /// Totals per type and currency.
    public typealias Totals = TransactionTotals
    /// `.transactionDetail`.
    public static let kind = ReportKind.transactionDetail
    /// Summary markers `totalCount`, `clearingBatchId`; detail markers `transactionId`, `transactionRequestId`.
    public static let layout = ReportLayout(
        summaryMarkers: ["totalCount", "clearingBatchId"],
        detailMarkers: ["transactionId", "transactionRequestId"],
        summaryRequired: [["totalCount"]],
        detailRequired: [["transactionId"], ["transactionType"], ["transactionAmountValue"], ["transactionCurrency"], ["transactionTime"]])

    /// Decodes a summary row.
    ///
    /// - Throws: ``ReportError`` (with the file, line and column) when a required cell is missing or malformed.
    public static func summaryRow(from row: ReportRow) throws -> TransactionDetailSummaryRow { try TransactionDetailSummaryRow(row: row) }
    /// Decodes a detail line.
    ///
    /// - Throws: ``ReportError`` (with the file, line and column) when a required cell is missing or malformed.
    public static func line(from row: ReportRow) throws -> TransactionDetailLine { try TransactionDetailLine(row: row) }
}
