/// `PaymentFactor`: flags that describe the payment; booleans are sent as `"true"`/`"false"`.
public struct PaymentFactor: Codable, Sendable, Hashable, Validatable {
    /// `isAgreementPayment`: `true` for Auto Debit (required there).
    public var isAgreementPayment: Bool?
    /// `isInStorePayment`.
    public var isInStorePayment: Bool?
    /// `isCashierPayment`.
    public var isCashierPayment: Bool?
    /// `inStorePaymentScenario`: `PaymentCode`, `OrderCode` or `EntryCode`.
    public var inStorePaymentScenario: String?
    /// `presentmentMode`: `UNIFIED` or `TILE` [X]; for Auto Debit [U].
    public var presentmentMode: PresentmentMode?
    /// `isPaymentEvaluation`: `true` checks balance and KYC without debiting [X].
    public var isPaymentEvaluation: Bool?

    /// Creates payment factors.
    public init(isAgreementPayment: Bool? = nil, isInStorePayment: Bool? = nil, isCashierPayment: Bool? = nil,
                inStorePaymentScenario: String? = nil, presentmentMode: PresentmentMode? = nil,
                isPaymentEvaluation: Bool? = nil) {
        self.isAgreementPayment = isAgreementPayment
        self.isInStorePayment = isInStorePayment
        self.isCashierPayment = isCashierPayment
        self.inStorePaymentScenario = inStorePaymentScenario
        self.presentmentMode = presentmentMode
        self.isPaymentEvaluation = isPaymentEvaluation
    }

    /// `{"isAgreementPayment":"true"}`, the Auto Debit factor.
    public static let autoDebit = PaymentFactor(isAgreementPayment: true)

    /// Checks allowed values.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        if let inStorePaymentScenario, !["PaymentCode", "OrderCode", "EntryCode"].contains(inStorePaymentScenario) {
            c.report("inStorePaymentScenario", "\"\(inStorePaymentScenario)\" is not one of PaymentCode, OrderCode, EntryCode")
        }
        c.allowed(presentmentMode, "presentmentMode", [.unified, .tile])
        return c.problems
    }
}
