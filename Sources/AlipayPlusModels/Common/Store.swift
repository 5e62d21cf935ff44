/// `Store`: the merchant's store (`order.merchant.store`) [X].
public struct Store: Codable, Sendable, Hashable, Validatable {
    /// `referenceStoreId`: the merchant's store id, at most 64 characters.
    public var referenceStoreId: String?
    /// `storeName`: at most 256 characters.
    public var storeName: String?
    /// `storeMCC`: merchant category code, at most 4 characters (since v1.2.3).
    public var storeMCC: String?
    /// `storeDisplayName`: at most 64 characters [U].
    public var storeDisplayName: String?
    /// `storeTerminalId`: at most 64 characters [U].
    public var storeTerminalId: String?
    /// `storeOperatorId`: at most 64 characters [U].
    public var storeOperatorId: String?
    /// `storePhoneNo`: at most 16 characters [U].
    public var storePhoneNo: String?
    /// `storeAddress`.
    public var storeAddress: Address?

    /// Creates a store.
    public init(referenceStoreId: String? = nil, storeName: String? = nil, storeMCC: String? = nil,
                storeDisplayName: String? = nil, storeTerminalId: String? = nil, storeOperatorId: String? = nil,
                storePhoneNo: String? = nil, storeAddress: Address? = nil) {
        self.referenceStoreId = referenceStoreId
        self.storeName = storeName
        self.storeMCC = storeMCC
        self.storeDisplayName = storeDisplayName
        self.storeTerminalId = storeTerminalId
        self.storeOperatorId = storeOperatorId
        self.storePhoneNo = storePhoneNo
        self.storeAddress = storeAddress
    }

    /// Checks lengths and the nested address.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.optional(referenceStoreId, "referenceStoreId", maxLength: 64)
        c.optional(storeName, "storeName", maxLength: 256)
        c.optional(storeMCC, "storeMCC", maxLength: 4)
        c.optional(storeDisplayName, "storeDisplayName", maxLength: 64)
        c.optional(storeTerminalId, "storeTerminalId", maxLength: 64)
        c.optional(storeOperatorId, "storeOperatorId", maxLength: 64)
        c.optional(storePhoneNo, "storePhoneNo", maxLength: 16)
        c.optional(storeAddress, "storeAddress")
        return c.problems
    }
}
