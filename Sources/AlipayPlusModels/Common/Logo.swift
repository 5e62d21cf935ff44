/// `Logo`: a logo to show (`walletLogo`, `paymentOptions[i].logo`) [X].
public struct Logo: Codable, Sendable, Hashable {
    /// `logoName`.
    public var logoName: String?
    /// `logoUrl`.
    public var logoUrl: String?

    /// Creates a logo.
    public init(logoName: String? = nil, logoUrl: String? = nil) {
        self.logoName = logoName
        self.logoUrl = logoUrl
    }
}
