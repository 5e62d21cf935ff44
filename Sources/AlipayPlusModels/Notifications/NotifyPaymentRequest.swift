public import Foundation

/// notifyPayment (Alipay+ → merchant): the final result of a pay call.
///
/// Check that `paymentRequestId` and `paymentAmount` match the stored order before marking it paid;
/// answer with ``NotificationAcknowledgement/success`` within 5 s.
public struct NotifyPaymentRequest: AlipayPlusNotification, Hashable {
    /// The acknowledgement.
    public typealias Answer = NotificationAcknowledgement
    /// `notifyPayment`.
    public static var name: String { "notifyPayment" }
    /// `/aps/api/v1/payments/notifyPayment`.
    public static var path: String { "/aps/api/v1/payments/notifyPayment" }

    /// `paymentResult`: required; status `S` or `F` only.
    public var paymentResult: APIResult
    /// `paymentRequestId`: required, at most 64.
    public var paymentRequestId: String
    /// `paymentId`: at most 64; present when `S`.
    public var paymentId: String?
    /// `acquirerId`: required by the docs, at most 64 (decoded as optional).
    public var acquirerId: String?
    /// `pspId`: at most 64; present when `S`.
    public var pspId: String?
    /// `customerId`: wallet user id; present when `S`.
    public var customerId: String?
    /// `paymentAmount`.
    public var paymentAmount: Amount?
    /// `paymentTime`.
    public var paymentTime: Date?
    /// `walletBrandName`.
    public var walletBrandName: String?
    /// `settlementAmount`.
    public var settlementAmount: Amount?
    /// `settlementQuote`: the FX rate of the payment.
    public var settlementQuote: Quote?
    /// `customsDeclarationAmount` [X, weak].
    public var customsDeclarationAmount: Amount?
    /// `mppPaymentId` [X, weak].
    public var mppPaymentId: String?

    /// Creates a notification (tests, simulators).
    public init(paymentResult: APIResult, paymentRequestId: String, paymentId: String? = nil, acquirerId: String? = nil,
                pspId: String? = nil, customerId: String? = nil, paymentAmount: Amount? = nil, paymentTime: Date? = nil,
                walletBrandName: String? = nil, settlementAmount: Amount? = nil, settlementQuote: Quote? = nil,
                customsDeclarationAmount: Amount? = nil, mppPaymentId: String? = nil) {
        self.paymentResult = paymentResult
        self.paymentRequestId = paymentRequestId
        self.paymentId = paymentId
        self.acquirerId = acquirerId
        self.pspId = pspId
        self.customerId = customerId
        self.paymentAmount = paymentAmount
        self.paymentTime = paymentTime
        self.walletBrandName = walletBrandName
        self.settlementAmount = settlementAmount
        self.settlementQuote = settlementQuote
        self.customsDeclarationAmount = customsDeclarationAmount
        self.mppPaymentId = mppPaymentId
    }
}
