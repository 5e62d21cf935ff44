/// Which Alipay+ report a file holds, from the first part of its name.
public enum ReportKind: String, Sendable, Hashable, CaseIterable {
    /// Transaction Detail Report, `transactionItems_...csv` (clearing directory).
    case transactionDetail = "transactionItems"
    /// Transaction Summary Report, `summary_...csv` (clearing directory).
    case transactionSummary = "summary"
    /// Fee Report, `feeItems_...csv` (clearing directory).
    case fee = "feeItems"
    /// Settlement Report, `settlement_...csv` (settlement directory).
    case settlement = "settlement"
}
