public import Foundation

/// The applyToken response: the token pair and the wallet the user bound.
///
/// A successful refresh returns a new pair and invalidates the old one: store both atomically.
public struct ApplyTokenResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`.
    public var result: APIResult
    /// `accessToken`: at most 128; the `paymentMethodId` of pay.
    public var accessToken: Secret?
    /// `accessTokenExpiryTime`.
    public var accessTokenExpiryTime: Date?
    /// `refreshToken`: at most 128.
    public var refreshToken: Secret?
    /// `refreshTokenExpiryTime`.
    public var refreshTokenExpiryTime: Date?
    /// `walletForAccountBinding`: `walletName` and `walletBrandName` of the bound wallet.
    public var walletForAccountBinding: Wallet?
    /// `customerId`: wallet user id, at most 64 [U].
    public var customerId: String?
    /// `pspId` [U].
    public var pspId: String?
    /// `userLoginId` [U].
    public var userLoginId: String?

    /// Creates a response.
    public init(result: APIResult, accessToken: Secret? = nil, accessTokenExpiryTime: Date? = nil,
                refreshToken: Secret? = nil, refreshTokenExpiryTime: Date? = nil, walletForAccountBinding: Wallet? = nil,
                customerId: String? = nil, pspId: String? = nil, userLoginId: String? = nil) {
        self.result = result
        self.accessToken = accessToken
        self.accessTokenExpiryTime = accessTokenExpiryTime
        self.refreshToken = refreshToken
        self.refreshTokenExpiryTime = refreshTokenExpiryTime
        self.walletForAccountBinding = walletForAccountBinding
        self.customerId = customerId
        self.pspId = pspId
        self.userLoginId = userLoginId
    }
}
