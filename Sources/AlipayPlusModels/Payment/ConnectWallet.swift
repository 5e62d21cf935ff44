/// `connectWallet` of a payment option detail [X].
public struct ConnectWallet: Codable, Sendable, Hashable {
    /// `supportWallets`.
    public var supportWallets: [Wallet]?

    /// Creates the wallet list.
    public init(supportWallets: [Wallet]? = nil) { self.supportWallets = supportWallets }
}
