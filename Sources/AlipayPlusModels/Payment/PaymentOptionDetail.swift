/// `paymentOptionDetail` of a payment option [X].
public struct PaymentOptionDetail: Codable, Sendable, Hashable {
    /// `paymentOptionDetailType`, e.g. `CONNECT_WALLET`.
    public var paymentOptionDetailType: String?
    /// `connectWallet`: the wallets behind the option.
    public var connectWallet: ConnectWallet?

    /// Creates a detail.
    public init(paymentOptionDetailType: String? = nil, connectWallet: ConnectWallet? = nil) {
        self.paymentOptionDetailType = paymentOptionDetailType
        self.connectWallet = connectWallet
    }
}
