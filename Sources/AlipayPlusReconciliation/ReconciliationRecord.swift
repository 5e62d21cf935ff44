public import AlipayPlusModels
public import Foundation

/// Where a record came from: a report file and a 1-based line.
public struct ReportLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name.
    public var file: String
    /// The 1-based line.
    public var line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`.
    public var description: String { "\(file):\(line)" }
}

/// One cleared transaction as Alipay+ reports it: the value a matcher compares with the merchant's records.
///
/// This is the seam between parsing and matching. A matcher looks up the merchant's payment or refund
/// by ``transactionRequestId`` (the merchant's `paymentRequestId` / `refundRequestId`) or by
/// ``transactionId`` (Alipay+'s `paymentId` / `refundId`) and compares ``amountValue`` and ``currency``.
/// ``source`` says where to look when a record does not match.
public struct ReconciliationRecord: Sendable, Hashable {
    /// Payment, refund or unknown.
    public var kind: TransactionType
    /// Alipay+'s ID (`paymentId` / `refundId`).
    public var transactionId: String
    /// The merchant's request ID (`paymentRequestId` / `refundRequestId`), when the report has it.
    public var transactionRequestId: String?
    /// For a refund: the original payment's `paymentId`.
    public var originalTransactionId: String?
    /// For a refund: the original payment's `paymentRequestId`.
    public var originalTransactionRequestId: String?
    /// The amount in minor units (as written; refunds usually positive).
    public var amountValue: Int64
    /// The amount's currency.
    public var currency: String
    /// The settlement amount in minor units, if reported.
    public var settlementAmountValue: Int64?
    /// The settlement currency, if reported.
    public var settlementCurrency: String?
    /// When the transaction happened.
    public var transactionTime: Date
    /// The report file and line.
    public var source: ReportLocation

    /// Creates a record.
    public init(kind: TransactionType, transactionId: String, transactionRequestId: String?,
                originalTransactionId: String? = nil, originalTransactionRequestId: String? = nil,
                amountValue: Int64, currency: String, settlementAmountValue: Int64? = nil,
                settlementCurrency: String? = nil, transactionTime: Date, source: ReportLocation) {
        self.kind = kind
        self.transactionId = transactionId
        self.transactionRequestId = transactionRequestId
        self.originalTransactionId = originalTransactionId
        self.originalTransactionRequestId = originalTransactionRequestId
        self.amountValue = amountValue
        self.currency = currency
        self.settlementAmountValue = settlementAmountValue
        self.settlementCurrency = settlementCurrency
        self.transactionTime = transactionTime
        self.source = source
    }
}
