public import AlipayPlusModels
public import Foundation

/// One wallet bound to one merchant user: the token pair Alipay+ issued and its lifetime.
public struct BindingRecord: Codable, Sendable, Hashable {
    /// Whether the binding can be charged.
    public enum Status: String, Codable, Sendable, Hashable {
        /// Chargeable (after a refresh when the access token is close to expiry).
        case active
        /// The user must authorize again (token cancelled, refresh token expired, token invalid).
        case needsReauthorization
        /// The merchant unbound it with cancelToken.
        case removed
    }

    /// The library's id for this binding.
    public var bindingId: String
    /// The merchant's id for the user who bound the wallet.
    public var merchantUserId: String
    /// The access token used as `paymentMethodId` in pay.
    public var accessToken: Secret
    /// When the access token stops working, if Alipay+ said.
    public var accessTokenExpiryTime: Date?
    /// The refresh token for applyToken `REFRESH_TOKEN`.
    public var refreshToken: Secret?
    /// When the refresh token stops working; after that the user must authorize again.
    public var refreshTokenExpiryTime: Date?
    /// The wallet the user picked on the Alipay+ wallet page.
    public var wallet: Wallet?
    /// The wallet's user id (`customerId`), when applyToken or a `TOKEN_CREATED` authNotify carried it.
    ///
    /// Optional: Alipay+ does not promise it, and bindings stored before it existed decode without it.
    public var customerId: String?
    /// Whether the binding can be charged.
    public var status: Status
    /// The result code that ended the binding's usability, when it did.
    public var statusReason: ResultCode?
    /// When the merchant asked to unbind it: from then on it is never charged, and a `TOKEN_CANCELED`
    /// notification completes the removal instead of asking the user to authorize again.
    public var unbindRequestedAt: Date?
    /// When the binding was created.
    public var createdAt: Date
    /// When the binding last changed.
    public var updatedAt: Date
    /// The stored version: `0` for a record never stored; the store sets `1` on insert and adds one on
    /// every replacement, which it accepts only from a copy with the stored version (compare-and-set).
    public var version: Int64 = 0

    private enum CodingKeys: String, CodingKey {
        case bindingId, merchantUserId, accessToken, accessTokenExpiryTime, refreshToken, refreshTokenExpiryTime
        case wallet, customerId, status, statusReason, unbindRequestedAt, createdAt, updatedAt, version
    }

    /// Creates a binding record.
    public init(
        bindingId: String, merchantUserId: String, accessToken: Secret, accessTokenExpiryTime: Date?,
        refreshToken: Secret?, refreshTokenExpiryTime: Date?, wallet: Wallet?, customerId: String? = nil, status: Status = .active,
        statusReason: ResultCode? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.bindingId = bindingId
        self.merchantUserId = merchantUserId
        self.accessToken = accessToken
        self.accessTokenExpiryTime = accessTokenExpiryTime
        self.refreshToken = refreshToken
        self.refreshTokenExpiryTime = refreshTokenExpiryTime
        self.wallet = wallet
        self.customerId = customerId
        self.status = status
        self.statusReason = statusReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Decodes a binding; one stored before records had versions reads as version 1.
    ///
    /// - Throws: `DecodingError` when a required field is missing or malformed.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        bindingId = try values.decode(String.self, forKey: .bindingId)
        merchantUserId = try values.decode(String.self, forKey: .merchantUserId)
        accessToken = try values.decode(Secret.self, forKey: .accessToken)
        accessTokenExpiryTime = try values.decodeIfPresent(Date.self, forKey: .accessTokenExpiryTime)
        refreshToken = try values.decodeIfPresent(Secret.self, forKey: .refreshToken)
        refreshTokenExpiryTime = try values.decodeIfPresent(Date.self, forKey: .refreshTokenExpiryTime)
        wallet = try values.decodeIfPresent(Wallet.self, forKey: .wallet)
        customerId = try values.decodeIfPresent(String.self, forKey: .customerId)
        status = try values.decode(Status.self, forKey: .status)
        statusReason = try values.decodeIfPresent(ResultCode.self, forKey: .statusReason)
        unbindRequestedAt = try values.decodeIfPresent(Date.self, forKey: .unbindRequestedAt)
        createdAt = try values.decode(Date.self, forKey: .createdAt)
        updatedAt = try values.decode(Date.self, forKey: .updatedAt)
        version = try values.decodeIfPresent(Int64.self, forKey: .version) ?? 1
    }
}

/// A binding that was started with prepare and waits for the user's authorization.
public struct PendingAuthorization: Codable, Sendable, Hashable {
    /// The unguessable state value sent in prepare and expected back on the redirect.
    public var authState: String
    /// The merchant user who started the binding.
    public var merchantUserId: String
    /// The agreement id sent in prepare (with the auth client id, prepare's idempotency key).
    public var referenceAgreementId: String
    /// When prepare was called.
    public var createdAt: Date
    /// The auth code that completed it, once one did; a different code for the same state is refused.
    public var completedWithAuthCode: Secret?
    /// The binding it produced, once completed.
    public var bindingId: String?
    /// The stored version (see ``BindingRecord/version``).
    public var version: Int64 = 0

    private enum CodingKeys: String, CodingKey {
        case authState, merchantUserId, referenceAgreementId, createdAt, completedWithAuthCode, bindingId, version
    }

    /// Creates a pending authorization.
    public init(authState: String, merchantUserId: String, referenceAgreementId: String, createdAt: Date) {
        self.authState = authState
        self.merchantUserId = merchantUserId
        self.referenceAgreementId = referenceAgreementId
        self.createdAt = createdAt
    }

    /// Decodes an authorization; one stored before records had versions reads as version 1.
    ///
    /// - Throws: `DecodingError` when a required field is missing or malformed.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        authState = try values.decode(String.self, forKey: .authState)
        merchantUserId = try values.decode(String.self, forKey: .merchantUserId)
        referenceAgreementId = try values.decode(String.self, forKey: .referenceAgreementId)
        createdAt = try values.decode(Date.self, forKey: .createdAt)
        completedWithAuthCode = try values.decodeIfPresent(Secret.self, forKey: .completedWithAuthCode)
        bindingId = try values.decodeIfPresent(String.self, forKey: .bindingId)
        version = try values.decodeIfPresent(Int64.self, forKey: .version) ?? 1
    }
}
