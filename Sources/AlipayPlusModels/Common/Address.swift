/// `Address`: a postal address (merchant, store or shipping).
public struct Address: Codable, Sendable, Hashable, Validatable {
    /// `region`: ISO 3166 alpha-2 code, required, 2 characters. Decides domestic vs cross-border fees.
    public var region: String
    /// `state`: at most 8 characters.
    public var state: String?
    /// `city`: at most 32 characters.
    public var city: String?
    /// `address1`: at most 256 characters.
    public var address1: String?
    /// `address2`: at most 256 characters.
    public var address2: String?
    /// `zipCode`: at most 32 characters.
    public var zipCode: String?

    /// Creates an address.
    public init(region: String, state: String? = nil, city: String? = nil, address1: String? = nil,
                address2: String? = nil, zipCode: String? = nil) {
        self.region = region
        self.state = state
        self.city = city
        self.address1 = address1
        self.address2 = address2
        self.zipCode = zipCode
    }

    /// Checks required fields and lengths.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(region, "region", maxLength: 2)
        c.optional(state, "state", maxLength: 8)
        c.optional(city, "city", maxLength: 32)
        c.optional(address1, "address1", maxLength: 256)
        c.optional(address2, "address2", maxLength: 256)
        c.optional(zipCode, "zipCode", maxLength: 32)
        return c.problems
    }
}
