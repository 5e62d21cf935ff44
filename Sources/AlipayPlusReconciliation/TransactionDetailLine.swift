public import AlipayPlusModels
public import Foundation

/// One detail line of a Transaction Detail Report: a payment or refund that was cleared.
///
/// Column names are read case-insensitively; columns this type does not name are kept in ``extra``.
/// Amounts are integers in minor units of their currency.
public struct TransactionDetailLine: Sendable, Hashable {
    /// Alipay+'s transaction ID (`paymentId` or `refundId`). Column `transactionId` (required).
    public var transactionId: String
    /// The merchant's request ID (`paymentRequestId` or `refundRequestId`). Column `transactionRequestId`.
    public var transactionRequestId: String?
    /// For a refund, the original payment's `paymentId`. Column `originalTransactionId`.
    public var originalTransactionId: String?
    /// For a refund, the original payment's `paymentRequestId`. Column `originalTransactionRequestId`.
    public var originalTransactionRequestId: String?
    /// `PAYMENT`, `REFUND` or unknown. Column `transactionType` (required).
    public var transactionType: TransactionType
    /// The amount in minor units. Column `transactionAmountValue` (required).
    public var transactionAmountValue: Int64
    /// The amount's currency. Column `transactionCurrency` (required).
    public var transactionCurrency: String
    /// When the transaction happened. Column `transactionTime` (required; no offset means UTC+8).
    public var transactionTime: Date
    /// The amount in the settlement currency, minor units. Column `settlementAmountValue`.
    public var settlementAmountValue: Int64?
    /// The settlement currency. Column `settlementCurrency`.
    public var settlementCurrency: String?
    /// Interchange fee in minor units. Column `interchangeFeeAmountValue`.
    public var interchangeFeeAmountValue: Int64?
    /// Interchange fee currency. Column `interchangeFeeCurrency`.
    public var interchangeFeeCurrency: String?
    /// Service fee in minor units. Column `serviceFeeAmountValue`.
    public var serviceFeeAmountValue: Int64?
    /// Service fee currency. Column `serviceFeeCurrency`.
    public var serviceFeeCurrency: String?
    /// Every other column, by its header name as written (e.g. `pspId`, `referenceMerchantId`).
    public var extra: [String: String]
    /// The file the line came from.
    public var file: String
    /// The 1-based line number in that file.
    public var line: Int

    /// Creates a line (for writers and tests).
    public init(transactionId: String, transactionRequestId: String? = nil, originalTransactionId: String? = nil,
                originalTransactionRequestId: String? = nil, transactionType: TransactionType,
                transactionAmountValue: Int64, transactionCurrency: String, transactionTime: Date,
                settlementAmountValue: Int64? = nil, settlementCurrency: String? = nil,
                interchangeFeeAmountValue: Int64? = nil, interchangeFeeCurrency: String? = nil,
                serviceFeeAmountValue: Int64? = nil, serviceFeeCurrency: String? = nil,
                extra: [String: String] = [:], file: String = "", line: Int = 0) {
        self.transactionId = transactionId
        self.transactionRequestId = transactionRequestId
        self.originalTransactionId = originalTransactionId
        self.originalTransactionRequestId = originalTransactionRequestId
        self.transactionType = transactionType
        self.transactionAmountValue = transactionAmountValue
        self.transactionCurrency = transactionCurrency
        self.transactionTime = transactionTime
        self.settlementAmountValue = settlementAmountValue
        self.settlementCurrency = settlementCurrency
        self.interchangeFeeAmountValue = interchangeFeeAmountValue
        self.interchangeFeeCurrency = interchangeFeeCurrency
        self.serviceFeeAmountValue = serviceFeeAmountValue
        self.serviceFeeCurrency = serviceFeeCurrency
        self.extra = extra
        self.file = file
        self.line = line
    }

    /// The columns this type reads, in the order ``ReportWriter`` writes them.
    public static let columns = [
        "transactionId", "transactionRequestId", "originalTransactionId", "originalTransactionRequestId",
        "transactionType", "transactionAmountValue", "transactionCurrency", "transactionTime",
        "settlementAmountValue", "settlementCurrency", "interchangeFeeAmountValue", "interchangeFeeCurrency",
        "serviceFeeAmountValue", "serviceFeeCurrency",
    ]
    static let known = Set(columns.map { $0.lowercased() })

    /// Decodes a detail row.
    ///
    /// - Throws: ``ReportError`` for an empty required value, a non-integer amount or a bad time.
    public init(row: ReportRow) throws {
        self.init(
            transactionId: try row.requiredString(["transactionId"]),
            transactionRequestId: row.string(["transactionRequestId"]),
            originalTransactionId: row.string(["originalTransactionId"]),
            originalTransactionRequestId: row.string(["originalTransactionRequestId"]),
            transactionType: TransactionType(reportValue: try row.requiredString(["transactionType"])),
            transactionAmountValue: try row.requiredAmount(["transactionAmountValue"]),
            transactionCurrency: try row.requiredString(["transactionCurrency"]),
            transactionTime: try row.requiredTime(["transactionTime"]),
            settlementAmountValue: try row.amount(["settlementAmountValue"]),
            settlementCurrency: row.string(["settlementCurrency"]),
            interchangeFeeAmountValue: try row.amount(["interchangeFeeAmountValue"]),
            interchangeFeeCurrency: row.string(["interchangeFeeCurrency"]),
            serviceFeeAmountValue: try row.amount(["serviceFeeAmountValue"]),
            serviceFeeCurrency: row.string(["serviceFeeCurrency"]),
            extra: row.extras(excluding: Self.known),
            file: row.file, line: row.line)
    }

    /// This line as the value the matcher consumes.
    public var reconciliationRecord: ReconciliationRecord {
        ReconciliationRecord(
            kind: transactionType, transactionId: transactionId, transactionRequestId: transactionRequestId,
            originalTransactionId: originalTransactionId, originalTransactionRequestId: originalTransactionRequestId,
            amountValue: transactionAmountValue, currency: transactionCurrency,
            settlementAmountValue: settlementAmountValue, settlementCurrency: settlementCurrency,
            transactionTime: transactionTime, source: ReportLocation(file: file, line: line))
    }
}
