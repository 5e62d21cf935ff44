public import Foundation

/// `Transaction`: one transaction on a payment (inquiryPayment `transactions`) [X].
public struct Transaction: Codable, Sendable, Hashable {
    /// `transactionResult`: outcome of this transaction.
    public var transactionResult: APIResult?
    /// `transactionId`: Alipay+'s id, at most 64 characters.
    public var transactionId: String?
    /// `transactionRequestId`: the ACQP's request id (e.g. a refundRequestId), at most 64 characters.
    public var transactionRequestId: String?
    /// `transactionType`: `PAYMENT`, `REFUND`, `AUTHORIZATION`, `CAPTURE`, `CANCEL`, `VOID`.
    public var transactionType: TransactionType?
    /// `transactionStatus`: `SUCCESS`, `FAIL`, `PROCESSING`, `CANCELLED`.
    public var transactionStatus: TransactionStatus?
    /// `transactionAmount`.
    public var transactionAmount: Amount?
    /// `transactionTime`.
    public var transactionTime: Date?

    /// Creates a transaction.
    public init(transactionResult: APIResult? = nil, transactionId: String? = nil, transactionRequestId: String? = nil,
                transactionType: TransactionType? = nil, transactionStatus: TransactionStatus? = nil,
                transactionAmount: Amount? = nil, transactionTime: Date? = nil) {
        self.transactionResult = transactionResult
        self.transactionId = transactionId
        self.transactionRequestId = transactionRequestId
        self.transactionType = transactionType
        self.transactionStatus = transactionStatus
        self.transactionAmount = transactionAmount
        self.transactionTime = transactionTime
    }
}
