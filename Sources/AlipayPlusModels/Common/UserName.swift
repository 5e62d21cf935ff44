/// `UserName`: a person's name (buyer, shipping recipient).
public struct UserName: Codable, Sendable, Hashable, Validatable {
    /// `firstName`: at most 32 characters [U].
    public var firstName: String?
    /// `middleName`: at most 32 characters [U].
    public var middleName: String?
    /// `lastName`: at most 32 characters [U].
    public var lastName: String?
    /// `fullName`: at most 128 characters [U].
    public var fullName: String?

    /// Creates a name.
    public init(firstName: String? = nil, middleName: String? = nil, lastName: String? = nil, fullName: String? = nil) {
        self.firstName = firstName
        self.middleName = middleName
        self.lastName = lastName
        self.fullName = fullName
    }

    /// Checks lengths.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.optional(firstName, "firstName", maxLength: 32)
        c.optional(middleName, "middleName", maxLength: 32)
        c.optional(lastName, "lastName", maxLength: 32)
        c.optional(fullName, "fullName", maxLength: 128)
        return c.problems
    }
}
