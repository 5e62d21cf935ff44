/// `PaymentMethod`: how the user pays. For Auto Debit: `CONNECT_WALLET` plus the access token.
public struct PaymentMethod: Codable, Sendable, Hashable, Validatable {
    /// `CONNECT_WALLET`, the payment method type of Unified Auto Debit.
    public static let connectWallet = "CONNECT_WALLET"

    /// `paymentMethodType`: required, at most 64 characters; `CONNECT_WALLET` for Auto Debit.
    public var paymentMethodType: String
    /// `paymentMethodId`: the access token for Auto Debit (a secret), at most 128 characters.
    public var paymentMethodId: Secret?
    /// `customerId`: the wallet user id, at most 64 characters [X].
    public var customerId: String?

    /// Creates a payment method.
    public init(paymentMethodType: String, paymentMethodId: Secret? = nil, customerId: String? = nil) {
        self.paymentMethodType = paymentMethodType
        self.paymentMethodId = paymentMethodId
        self.customerId = customerId
    }

    /// The Auto Debit payment method: `CONNECT_WALLET` with the user's access token.
    public static func autoDebit(accessToken: Secret) -> PaymentMethod {
        PaymentMethod(paymentMethodType: connectWallet, paymentMethodId: accessToken)
    }

    /// Checks required fields and lengths.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(paymentMethodType, "paymentMethodType", maxLength: 64)
        c.optional(paymentMethodId, "paymentMethodId", maxLength: 128)
        c.optional(customerId, "customerId", maxLength: 64)
        return c.problems
    }
}
