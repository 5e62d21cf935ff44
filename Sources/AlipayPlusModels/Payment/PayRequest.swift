public import Foundation

/// pay (Auto Debit): debit the user's wallet with their access token, without user interaction.
///
/// `POST /aps/api/v1/payments/pay`. Idempotent on `paymentRequestId`, but a resend after an unknown
/// outcome is not the documented path: inquire with inquiryPayment, then cancelPayment.
/// Build one with ``autoDebit(paymentRequestId:accessToken:amount:order:settlementCurrency:paymentExpiryTime:paymentNotifyUrl:)``.
public struct PayRequest: AlipayPlusOperation, Codable, Hashable {
    /// The response type.
    public typealias Response = PayResponse
    /// `pay`.
    public static var name: String { "pay" }
    /// `/aps/api/v1/payments/pay`.
    public static var path: String { "/aps/api/v1/payments/pay" }
    /// 8 s.
    public static var recommendedTimeout: Duration { .seconds(8) }
    /// Resend only when it surely never left; otherwise inquire.
    public static var resendSafety: ResendSafety { .onlyIfNotSent }
    /// `paymentRequestId`.
    public var idempotencyKey: String? { paymentRequestId }

    /// `order`: required.
    public var order: Order
    /// `paymentRequestId`: the merchant's unique id for this payment attempt, required, at most 64.
    public var paymentRequestId: String
    /// `paymentAmount`: required, in the order currency.
    public var paymentAmount: Amount
    /// `paymentMethod`: required; `CONNECT_WALLET` with the access token for Auto Debit.
    public var paymentMethod: PaymentMethod
    /// `paymentFactor`: required; `isAgreementPayment` `"true"` for Auto Debit.
    public var paymentFactor: PaymentFactor
    /// `settlementStrategy`: required; `settlementCurrency` required inside.
    public var settlementStrategy: SettlementStrategy
    /// `paymentExpiryTime`: optional; the order is closed (`ORDER_IS_CLOSED`) if not done by then.
    public var paymentExpiryTime: Date?
    /// `paymentNotifyUrl`: optional, at most 2048 [U]; where notifyPayment is sent.
    public var paymentNotifyUrl: String?
    /// `userRegion`: ISO 3166 alpha-2 [X]; not needed for Auto Debit.
    public var userRegion: String?

    /// Creates a pay request from its fields.
    public init(order: Order, paymentRequestId: String, paymentAmount: Amount, paymentMethod: PaymentMethod,
                paymentFactor: PaymentFactor, settlementStrategy: SettlementStrategy, paymentExpiryTime: Date? = nil,
                paymentNotifyUrl: String? = nil, userRegion: String? = nil) {
        self.order = order
        self.paymentRequestId = paymentRequestId
        self.paymentAmount = paymentAmount
        self.paymentMethod = paymentMethod
        self.paymentFactor = paymentFactor
        self.settlementStrategy = settlementStrategy
        self.paymentExpiryTime = paymentExpiryTime
        self.paymentNotifyUrl = paymentNotifyUrl
        self.userRegion = userRegion
    }

    /// An Auto Debit pay request: `CONNECT_WALLET` with the access token, `isAgreementPayment` `"true"`.
    ///
    /// - Parameters:
    ///   - paymentRequestId: unique per payment attempt (max 64); reuse it only to resend the same attempt.
    ///   - accessToken: the user's access token from applyToken.
    ///   - amount: the amount to debit (also used as `order.orderAmount` if the order has none set differently).
    ///   - order: the order; its `orderAmount` is sent as given.
    ///   - settlementCurrency: the ACQP's settlement currency.
    ///   - paymentExpiryTime: optional time after which the order is closed.
    ///   - paymentNotifyUrl: optional notifyPayment endpoint.
    public static func autoDebit(paymentRequestId: String, accessToken: Secret, amount: Amount, order: Order,
                                 settlementCurrency: String, paymentExpiryTime: Date? = nil,
                                 paymentNotifyUrl: String? = nil) -> PayRequest {
        PayRequest(order: order, paymentRequestId: paymentRequestId, paymentAmount: amount,
                   paymentMethod: .autoDebit(accessToken: accessToken), paymentFactor: .autoDebit,
                   settlementStrategy: SettlementStrategy(settlementCurrency: settlementCurrency),
                   paymentExpiryTime: paymentExpiryTime, paymentNotifyUrl: paymentNotifyUrl)
    }

    /// Checks required fields, lengths, amounts and the Auto Debit rules.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(order, "order")
        c.require(paymentRequestId, "paymentRequestId", maxLength: 64)
        c.require(paymentAmount, "paymentAmount")
        if paymentAmount.minorUnits == 0 { c.report("paymentAmount.value", "must be greater than zero") }
        c.require(paymentMethod, "paymentMethod")
        if paymentMethod.paymentMethodType == PaymentMethod.connectWallet {
            c.require(paymentMethod.paymentMethodId, "paymentMethod.paymentMethodId", maxLength: 128)
            if paymentFactor.isAgreementPayment != true {
                c.report("paymentFactor.isAgreementPayment", "must be \"true\" for Auto Debit (CONNECT_WALLET)")
            }
        }
        c.require(paymentFactor, "paymentFactor")
        c.require(settlementStrategy, "settlementStrategy")
        c.require(settlementStrategy.settlementCurrency, "settlementStrategy.settlementCurrency", maxLength: 3)
        c.optional(paymentNotifyUrl, "paymentNotifyUrl", maxLength: 2048)
        c.optional(userRegion, "userRegion", maxLength: 2)
        return c.problems
    }
}
