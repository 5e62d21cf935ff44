/// `Order`: the merchant's order a payment belongs to (used for records, risk and reporting).
public struct Order: Codable, Sendable, Hashable, Validatable {
    /// `referenceOrderId`: the merchant's order id, required, at most 64 characters.
    public var referenceOrderId: String
    /// `orderDescription`: required, at most 256 characters.
    public var orderDescription: String
    /// `orderAmount`: required; part of pay's idempotency check.
    public var orderAmount: Amount
    /// `merchant`: required [X].
    public var merchant: Merchant
    /// `buyer`: optional.
    public var buyer: Buyer?
    /// `goods`: optional list of order lines.
    public var goods: [Goods]?
    /// `shipping`: optional.
    public var shipping: Shipping?
    /// `env`: the user's environment.
    public var env: Env?

    /// Creates an order.
    public init(referenceOrderId: String, orderDescription: String, orderAmount: Amount, merchant: Merchant,
                buyer: Buyer? = nil, goods: [Goods]? = nil, shipping: Shipping? = nil, env: Env? = nil) {
        self.referenceOrderId = referenceOrderId
        self.orderDescription = orderDescription
        self.orderAmount = orderAmount
        self.merchant = merchant
        self.buyer = buyer
        self.goods = goods
        self.shipping = shipping
        self.env = env
    }

    /// Checks required fields, lengths and every nested object.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(referenceOrderId, "referenceOrderId", maxLength: 64)
        c.require(orderDescription, "orderDescription", maxLength: 256)
        c.require(orderAmount, "orderAmount")
        c.require(merchant, "merchant")
        c.optional(buyer, "buyer")
        c.each(goods, "goods")
        c.optional(shipping, "shipping")
        c.optional(env, "env")
        return c.problems
    }
}
