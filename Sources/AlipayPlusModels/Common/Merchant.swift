/// `Merchant`: the merchant behind an order (`order.merchant`).
public struct Merchant: Codable, Sendable, Hashable, Validatable {
    /// `referenceMerchantId`: the ACQP's id for the merchant, required, at most 32 characters.
    public var referenceMerchantId: String
    /// `merchantMCC`: merchant category code, at most 4 characters (since v1.2.3).
    public var merchantMCC: String?
    /// `merchantName`: legal name, at most 256 characters.
    public var merchantName: String?
    /// `merchantDisplayName`: trade name, at most 64 characters [U].
    public var merchantDisplayName: String?
    /// `merchantAddress`: decides domestic vs cross-border fees; `region` required inside.
    public var merchantAddress: Address?
    /// `merchantRegisterDate`: ISO 8601 text as the merchant wrote it [X].
    public var merchantRegisterDate: String?
    /// `store`: the store where the order was placed [X].
    public var store: Store?

    /// Creates a merchant.
    public init(referenceMerchantId: String, merchantMCC: String? = nil, merchantName: String? = nil,
                merchantDisplayName: String? = nil, merchantAddress: Address? = nil,
                merchantRegisterDate: String? = nil, store: Store? = nil) {
        self.referenceMerchantId = referenceMerchantId
        self.merchantMCC = merchantMCC
        self.merchantName = merchantName
        self.merchantDisplayName = merchantDisplayName
        self.merchantAddress = merchantAddress
        self.merchantRegisterDate = merchantRegisterDate
        self.store = store
    }

    /// Checks required fields, lengths and nested objects.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(referenceMerchantId, "referenceMerchantId", maxLength: 32)
        c.optional(merchantMCC, "merchantMCC", maxLength: 4)
        c.optional(merchantName, "merchantName", maxLength: 256)
        c.optional(merchantDisplayName, "merchantDisplayName", maxLength: 64)
        c.optional(merchantAddress, "merchantAddress")
        c.optional(store, "store")
        return c.problems
    }
}
