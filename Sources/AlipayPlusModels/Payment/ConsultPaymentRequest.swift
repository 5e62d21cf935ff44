/// consultPayment: get the logos, brand names and availability to show for Alipay+ on the merchant's page.
///
/// `POST /aps/api/v1/payments/consultPayment`. Read-only, so safe to resend.
///
/// Unconfirmed: the consultPayment page marks `paymentFactor` required but documents only the
/// cashier values (`isCashierPayment` `"true"`, `isInStorePayment` `"false"`, `presentmentMode`
/// `UNIFIED`); the values for Auto Debit are not documented. So no `paymentFactor` is sent unless
/// you pass one: if Alipay+ answers `PARAM_ILLEGAL` about it, pass the factor your Alipay+
/// onboarding confirms (for example ``PaymentFactor/autoDebit``).
public struct ConsultPaymentRequest: AlipayPlusOperation, Codable, Hashable {
    /// The response type.
    public typealias Response = ConsultPaymentResponse
    /// `consultPayment`.
    public static var name: String { "consultPayment" }
    /// `/aps/api/v1/payments/consultPayment`.
    public static var path: String { "/aps/api/v1/payments/consultPayment" }
    /// 5 s (not in the timeout table [U]).
    public static var recommendedTimeout: Duration { .seconds(5) }
    /// Read-only.
    public static var resendSafety: ResendSafety { .idempotent }
    /// None.
    public var idempotencyKey: String? { nil }

    /// `paymentAmount`: required; value `"0"` when the amount is not known yet.
    public var paymentAmount: Amount
    /// `paymentFactor`: omitted unless set. The page documents cashier values only; the Auto Debit
    /// values are unconfirmed [U] (see the type's documentation).
    public var paymentFactor: PaymentFactor?
    /// `settlementStrategy`: required.
    public var settlementStrategy: SettlementStrategy
    /// `userRegion`: ISO 3166 alpha-2, 2 characters; used to rank wallets.
    public var userRegion: String?
    /// `allowedPspRegions` [X].
    public var allowedPspRegions: [String]?
    /// `merchant` [X].
    public var merchant: Merchant?
    /// `referenceUserId` [X], at most 64.
    public var referenceUserId: String?
    /// `env` [X].
    public var env: Env?

    /// Creates a request; `paymentFactor` is sent only when given (Auto Debit values are unconfirmed).
    public init(paymentAmount: Amount, paymentFactor: PaymentFactor? = nil, settlementStrategy: SettlementStrategy,
                userRegion: String? = nil, allowedPspRegions: [String]? = nil, merchant: Merchant? = nil,
                referenceUserId: String? = nil, env: Env? = nil) {
        self.paymentAmount = paymentAmount
        self.paymentFactor = paymentFactor
        self.settlementStrategy = settlementStrategy
        self.userRegion = userRegion
        self.allowedPspRegions = allowedPspRegions
        self.merchant = merchant
        self.referenceUserId = referenceUserId
        self.env = env
    }

    /// Checks required fields, lengths and the amount (zero allowed); `paymentFactor` is optional here.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(paymentAmount, "paymentAmount")
        c.optional(paymentFactor, "paymentFactor")
        c.require(settlementStrategy, "settlementStrategy")
        c.optional(userRegion, "userRegion", maxLength: 2)
        c.optional(merchant, "merchant")
        c.optional(referenceUserId, "referenceUserId", maxLength: 64)
        c.optional(env, "env")
        return c.problems
    }
}
