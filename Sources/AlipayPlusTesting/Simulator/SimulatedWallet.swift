/// The wallet a simulated user picks on the Alipay+ wallet page.
public struct SimulatedWallet: Sendable, Hashable {
    /// The internal wallet identifier (`walletForAccountBinding.walletName`).
    public var walletName: String
    /// The name shown to users (`walletBrandName`).
    public var walletBrandName: String
    /// The wallet's user id reported as `customerId`; `nil` generates one.
    public var customerId: String?

    /// Creates a wallet.
    public init(walletName: String, walletBrandName: String, customerId: String? = nil) {
        self.walletName = walletName
        self.walletBrandName = walletBrandName
        self.customerId = customerId
    }

    /// AlipayHK.
    public static let alipayHK = SimulatedWallet(walletName: "ALIPAY_HK", walletBrandName: "AlipayHK")
    /// GCash.
    public static let gcash = SimulatedWallet(walletName: "GCASH", walletBrandName: "GCash")
    /// Kakao Pay.
    public static let kakaoPay = SimulatedWallet(walletName: "KAKAOPAY", walletBrandName: "Kakao Pay")
}
