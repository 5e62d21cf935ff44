/// `Buyer`: the paying user as the merchant knows them (`order.buyer`) [X].
public struct Buyer: Codable, Sendable, Hashable, Validatable {
    /// `referenceBuyerId`: the merchant's user id, at most 64 characters.
    public var referenceBuyerId: String?
    /// `buyerName`.
    public var buyerName: UserName?
    /// `buyerPhoneNo`: at most 24 characters [U].
    public var buyerPhoneNo: String?
    /// `buyerEmail`: at most 64 characters [U].
    public var buyerEmail: String?

    /// Creates a buyer.
    public init(referenceBuyerId: String? = nil, buyerName: UserName? = nil, buyerPhoneNo: String? = nil, buyerEmail: String? = nil) {
        self.referenceBuyerId = referenceBuyerId
        self.buyerName = buyerName
        self.buyerPhoneNo = buyerPhoneNo
        self.buyerEmail = buyerEmail
    }

    /// Checks lengths.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.optional(referenceBuyerId, "referenceBuyerId", maxLength: 64)
        c.optional(buyerName, "buyerName")
        c.optional(buyerPhoneNo, "buyerPhoneNo", maxLength: 24)
        c.optional(buyerEmail, "buyerEmail", maxLength: 64)
        return c.problems
    }
}
