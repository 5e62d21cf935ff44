/// `Wallet`: a wallet, e.g. the one the user bound (`walletForAccountBinding`).
public struct Wallet: Codable, Sendable, Hashable {
    /// `walletName`: internal identifier of the wallet.
    public var walletName: String?
    /// `walletBrandName`: the name shown to users.
    public var walletBrandName: String?
    /// `walletLogo` [X].
    public var walletLogo: Logo?
    /// `walletRegion`: ISO 3166 alpha-2 [X].
    public var walletRegion: String?

    /// Creates a wallet.
    public init(walletName: String? = nil, walletBrandName: String? = nil, walletLogo: Logo? = nil, walletRegion: String? = nil) {
        self.walletName = walletName
        self.walletBrandName = walletBrandName
        self.walletLogo = walletLogo
        self.walletRegion = walletRegion
    }
}
