/// One entry of `paymentOptions` [X].
public struct PaymentOption: Codable, Sendable, Hashable {
    /// `paymentMethodType`, e.g. `CONNECT_WALLET`.
    public var paymentMethodType: String?
    /// `paymentMethodCategory`, e.g. `WALLET`.
    public var paymentMethodCategory: String?
    /// `enabled`: whether to offer it ("true"/"false" on the wire).
    public var enabled: Bool?
    /// `preferred`.
    public var preferred: Bool?
    /// `disableReason`.
    public var disableReason: String?
    /// `logo`.
    public var logo: Logo?
    /// `paymentOptionDetail`.
    public var paymentOptionDetail: PaymentOptionDetail?

    /// Creates a payment option.
    public init(paymentMethodType: String? = nil, paymentMethodCategory: String? = nil, enabled: Bool? = nil,
                preferred: Bool? = nil, disableReason: String? = nil, logo: Logo? = nil,
                paymentOptionDetail: PaymentOptionDetail? = nil) {
        self.paymentMethodType = paymentMethodType
        self.paymentMethodCategory = paymentMethodCategory
        self.enabled = enabled
        self.preferred = preferred
        self.disableReason = disableReason
        self.logo = logo
        self.paymentOptionDetail = paymentOptionDetail
    }
}
