public import Foundation

/// The pay response. `result.resultStatus` `U` (or `PAYMENT_IN_PROCESS`) means: inquire, then cancel.
public struct PayResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`.
    public var result: APIResult
    /// `acquirerId`: at most 64.
    public var acquirerId: String?
    /// `pspId`: the wallet's id, at most 64.
    public var pspId: String?
    /// `paymentId`: Alipay+'s payment id, at most 64.
    public var paymentId: String?
    /// `paymentTime`.
    public var paymentTime: Date?
    /// `paymentAmount`.
    public var paymentAmount: Amount?
    /// `customerId`: wallet user id, at most 64.
    public var customerId: String?
    /// `walletBrandName`: returned when the payment succeeds.
    public var walletBrandName: String?
    /// `settlementAmount` [X].
    public var settlementAmount: Amount?
    /// `settlementQuote` [X].
    public var settlementQuote: Quote?
    /// `customsDeclarationAmount` [X, weak].
    public var customsDeclarationAmount: Amount?
    /// `mppPaymentId` [X, weak].
    public var mppPaymentId: String?

    /// Creates a response.
    public init(result: APIResult, acquirerId: String? = nil, pspId: String? = nil, paymentId: String? = nil,
                paymentTime: Date? = nil, paymentAmount: Amount? = nil, customerId: String? = nil,
                walletBrandName: String? = nil, settlementAmount: Amount? = nil, settlementQuote: Quote? = nil,
                customsDeclarationAmount: Amount? = nil, mppPaymentId: String? = nil) {
        self.result = result
        self.acquirerId = acquirerId
        self.pspId = pspId
        self.paymentId = paymentId
        self.paymentTime = paymentTime
        self.paymentAmount = paymentAmount
        self.customerId = customerId
        self.walletBrandName = walletBrandName
        self.settlementAmount = settlementAmount
        self.settlementQuote = settlementQuote
        self.customsDeclarationAmount = customsDeclarationAmount
        self.mppPaymentId = mppPaymentId
    }
}
