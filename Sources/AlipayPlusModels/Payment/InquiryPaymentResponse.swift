public import Foundation

/// The inquiryPayment response. `result` is the outcome of the inquiry; `paymentResult` that of the payment.
public struct InquiryPaymentResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`: outcome of the inquiry call (`F` / `ORDER_NOT_EXIST` for an unknown order).
    public var result: APIResult
    /// `paymentResult`: outcome of the payment; returned when `result` is `S`.
    public var paymentResult: APIResult?
    /// `acquirerId`: at most 64; returned when `S`.
    public var acquirerId: String?
    /// `pspId`.
    public var pspId: String?
    /// `paymentRequestId`.
    public var paymentRequestId: String?
    /// `paymentId`.
    public var paymentId: String?
    /// `paymentAmount`.
    public var paymentAmount: Amount?
    /// `paymentTime`.
    public var paymentTime: Date?
    /// `customerId`.
    public var customerId: String?
    /// `walletBrandName`.
    public var walletBrandName: String?
    /// `transactions` [X].
    public var transactions: [Transaction]?
    /// `settlementAmount` [X].
    public var settlementAmount: Amount?
    /// `settlementQuote` [X]: the FX rate of the payment.
    public var settlementQuote: Quote?
    /// `customsDeclarationAmount` [X, weak].
    public var customsDeclarationAmount: Amount?
    /// `mppPaymentId` [X, weak].
    public var mppPaymentId: String?

    /// Creates a response.
    public init(result: APIResult, paymentResult: APIResult? = nil, acquirerId: String? = nil, pspId: String? = nil,
                paymentRequestId: String? = nil, paymentId: String? = nil, paymentAmount: Amount? = nil,
                paymentTime: Date? = nil, customerId: String? = nil, walletBrandName: String? = nil,
                transactions: [Transaction]? = nil, settlementAmount: Amount? = nil, settlementQuote: Quote? = nil,
                customsDeclarationAmount: Amount? = nil, mppPaymentId: String? = nil) {
        self.result = result
        self.paymentResult = paymentResult
        self.acquirerId = acquirerId
        self.pspId = pspId
        self.paymentRequestId = paymentRequestId
        self.paymentId = paymentId
        self.paymentAmount = paymentAmount
        self.paymentTime = paymentTime
        self.customerId = customerId
        self.walletBrandName = walletBrandName
        self.transactions = transactions
        self.settlementAmount = settlementAmount
        self.settlementQuote = settlementQuote
        self.customsDeclarationAmount = customsDeclarationAmount
        self.mppPaymentId = mppPaymentId
    }
}
