/// `Goods`: one line of the order (`order.goods[i]`) [X].
public struct Goods: Codable, Sendable, Hashable, Validatable {
    /// `referenceGoodsId`: required in a goods entry, at most 64 characters.
    public var referenceGoodsId: String
    /// `goodsName`: required in a goods entry, at most 256 characters.
    public var goodsName: String
    /// `goodsCategory`: at most 64 characters [U].
    public var goodsCategory: String?
    /// `goodsBrand`: at most 128 characters [U].
    public var goodsBrand: String?
    /// `goodsUnitAmount`: price of one unit.
    public var goodsUnitAmount: Amount?
    /// `goodsQuantity`: sent as a string, e.g. `"2"`; must be positive.
    public var goodsQuantity: Int?

    /// Creates a goods line.
    public init(referenceGoodsId: String, goodsName: String, goodsCategory: String? = nil, goodsBrand: String? = nil,
                goodsUnitAmount: Amount? = nil, goodsQuantity: Int? = nil) {
        self.referenceGoodsId = referenceGoodsId
        self.goodsName = goodsName
        self.goodsCategory = goodsCategory
        self.goodsBrand = goodsBrand
        self.goodsUnitAmount = goodsUnitAmount
        self.goodsQuantity = goodsQuantity
    }

    /// Checks required fields, lengths, the unit amount and the quantity.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(referenceGoodsId, "referenceGoodsId", maxLength: 64)
        c.require(goodsName, "goodsName", maxLength: 256)
        c.optional(goodsCategory, "goodsCategory", maxLength: 64)
        c.optional(goodsBrand, "goodsBrand", maxLength: 128)
        c.optional(goodsUnitAmount, "goodsUnitAmount")
        if let goodsQuantity, goodsQuantity <= 0 { c.report("goodsQuantity", "must be greater than zero") }
        return c.problems
    }
}
