public import AlipayPlusModels
public import AlipayPlusSigning
public import Foundation

/// A binding as a store keeps it: its tokens sealed, its access token findable by a keyed hash.
///
/// ``TokenSealer`` makes it from a ``BindingRecord`` and back. A database store maps these fields
/// to its columns (`access_token` and `refresh_token` as text holding
/// ``SealedSecret/stringRepresentation``, `access_token_lookup_hash` as an indexed text column
/// holding ``TokenLookupHash/stringRepresentation``) and never sees a token in plain text.
/// `description` and `dump()` show key ids only.
public struct SealedBindingRecord: Codable, Sendable, Hashable {
    /// The library's id for this binding (the sealed tokens are bound to it).
    public var bindingId: String
    /// The merchant's id for the user who bound the wallet.
    public var merchantUserId: String
    /// The access token, sealed with associated data `binding/<bindingId>/accessToken`.
    public var accessToken: SealedSecret
    /// The access token's keyed hash under the key that sealed it: what lookups by token query.
    public var accessTokenLookupHash: TokenLookupHash
    /// When the access token stops working, if Alipay+ said.
    public var accessTokenExpiryTime: Date?
    /// The refresh token, sealed with associated data `binding/<bindingId>/refreshToken`.
    public var refreshToken: SealedSecret?
    /// When the refresh token stops working.
    public var refreshTokenExpiryTime: Date?
    /// The wallet the user picked.
    public var wallet: Wallet?
    /// The wallet's user id, when Alipay+ gave it.
    public var customerId: String?
    /// Whether the binding can be charged.
    public var status: BindingRecord.Status
    /// The result code that ended the binding's usability, when it did.
    public var statusReason: ResultCode?
    /// When the merchant asked to unbind it.
    public var unbindRequestedAt: Date?
    /// When the binding was created.
    public var createdAt: Date
    /// When the binding last changed.
    public var updatedAt: Date
    /// The stored version (see ``BindingRecord/version``).
    public var version: Int64

    /// The ids of the ring keys its sealed values and hash name.
    public var keyIds: Set<String> {
        Set([accessToken.keyId, accessTokenLookupHash.keyId] + (refreshToken.map { [$0.keyId] } ?? []))
    }
}

/// A pending authorization as a store keeps it: the auth code that completed it sealed.
///
/// The coordinator compares a redirect's auth code with the stored one, so the code is sealed
/// (associated data `authorization/<authState>/authCode`) rather than only hashed.
public struct SealedAuthorization: Codable, Sendable, Hashable {
    /// The state value sent in prepare.
    public var authState: String
    /// The merchant user who started the binding.
    public var merchantUserId: String
    /// The agreement id sent in prepare.
    public var referenceAgreementId: String
    /// When prepare was called.
    public var createdAt: Date
    /// The auth code that completed it, sealed; `nil` while it waits.
    public var sealedAuthCode: SealedSecret?
    /// The binding it produced, once completed.
    public var bindingId: String?
    /// The stored version (see ``BindingRecord/version``).
    public var version: Int64

    /// The id of the ring key its auth code is sealed under, if it has one.
    public var keyIds: Set<String> { Set(sealedAuthCode.map { [$0.keyId] } ?? []) }
}
