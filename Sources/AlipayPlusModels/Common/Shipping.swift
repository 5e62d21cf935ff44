/// `Shipping`: where the order is delivered (`order.shipping`) [X].
public struct Shipping: Codable, Sendable, Hashable, Validatable {
    /// `shippingName`: the recipient.
    public var shippingName: UserName?
    /// `shippingAddress`.
    public var shippingAddress: Address?
    /// `shippingCarrier`: at most 128 characters [U].
    public var shippingCarrier: String?
    /// `shippingPhoneNo`: at most 16 characters [U].
    public var shippingPhoneNo: String?

    /// Creates shipping information.
    public init(shippingName: UserName? = nil, shippingAddress: Address? = nil, shippingCarrier: String? = nil, shippingPhoneNo: String? = nil) {
        self.shippingName = shippingName
        self.shippingAddress = shippingAddress
        self.shippingCarrier = shippingCarrier
        self.shippingPhoneNo = shippingPhoneNo
    }

    /// Checks lengths and nested objects.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.optional(shippingName, "shippingName")
        c.optional(shippingAddress, "shippingAddress")
        c.optional(shippingCarrier, "shippingCarrier", maxLength: 128)
        c.optional(shippingPhoneNo, "shippingPhoneNo", maxLength: 16)
        return c.problems
    }
}
