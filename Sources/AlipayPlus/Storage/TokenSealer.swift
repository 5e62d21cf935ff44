public import AlipayPlusModels
public import AlipayPlusSigning

/// The sealing step every store shares: turns records into their stored form (tokens and auth
/// codes sealed with a ``TokenKeyRing``, the access token hashed for lookups) and back.
///
/// A store calls ``seal(_:)-(BindingRecord)`` before it writes and ``open(_:)-(SealedBindingRecord)``
/// after it reads, queries by ``lookupHashes(ofAccessToken:)``, re-seals with
/// ``resealed(_:)-(SealedBindingRecord)`` when it rotates, and checks its records with
/// ``verify(_:)-(SealedBindingRecord)`` when it opens. Each sealed value is bound to its record
/// (associated data `binding/<bindingId>/accessToken`, `binding/<bindingId>/refreshToken`,
/// `authorization/<authState>/authCode`), so a value copied to another record does not open.
///
/// ```swift
/// let sealer = TokenSealer(keyRing: try TokenKeyRing(environmentVariable: "ALIPAYPLUS_TOKEN_KEYS"))
/// let row = try sealer.seal(binding)            // write row's fields
/// let hashes = try sealer.lookupHashes(ofAccessToken: token) // WHERE access_token_lookup_hash IN (…)
/// let binding = try sealer.open(row)
/// ```
public struct TokenSealer: Sendable {
    /// The ring that seals (with its sealing key) and opens (with any key).
    public let keyRing: TokenKeyRing

    /// A sealer over `keyRing`.
    public init(keyRing: TokenKeyRing) {
        self.keyRing = keyRing
    }

    /// The associated data binding a binding's token to it: `binding/<bindingId>/<field>`.
    static func associatedData(bindingId: String, field: String) -> String { "binding/\(bindingId)/\(field)" }

    /// The associated data binding an auth code to its authorization.
    static func associatedData(authState: String) -> String { "authorization/\(authState)/authCode" }

    // MARK: Bindings

    /// The stored form of `binding`: both tokens sealed under the sealing key, the access token hashed.
    ///
    /// - Throws: ``SealingError`` (`.valueTooLarge`, `.libcryptoFailure`).
    public func seal(_ binding: BindingRecord) throws -> SealedBindingRecord {
        let id = binding.bindingId
        return SealedBindingRecord(
            bindingId: id, merchantUserId: binding.merchantUserId,
            accessToken: try keyRing.seal(binding.accessToken.revealed, associatedData: Self.associatedData(bindingId: id, field: "accessToken")),
            accessTokenLookupHash: try keyRing.lookupHash(of: binding.accessToken.revealed),
            accessTokenExpiryTime: binding.accessTokenExpiryTime,
            refreshToken: try binding.refreshToken.map {
                try keyRing.seal($0.revealed, associatedData: Self.associatedData(bindingId: id, field: "refreshToken"))
            },
            refreshTokenExpiryTime: binding.refreshTokenExpiryTime, wallet: binding.wallet, customerId: binding.customerId,
            status: binding.status, statusReason: binding.statusReason, unbindRequestedAt: binding.unbindRequestedAt,
            createdAt: binding.createdAt, updatedAt: binding.updatedAt, version: binding.version)
    }

    /// The binding with its tokens opened.
    ///
    /// - Throws: ``SealingError`` `.unknownKeyId` (naming the key), `.wrongAssociatedData` (a value
    ///   moved from another binding), `.tamperedCiphertext`, `.libcryptoFailure`.
    public func open(_ sealed: SealedBindingRecord) throws -> BindingRecord {
        let id = sealed.bindingId
        var binding = BindingRecord(
            bindingId: id, merchantUserId: sealed.merchantUserId,
            accessToken: Secret(try keyRing.open(sealed.accessToken, associatedData: Self.associatedData(bindingId: id, field: "accessToken"))),
            accessTokenExpiryTime: sealed.accessTokenExpiryTime,
            refreshToken: try sealed.refreshToken.map {
                Secret(try keyRing.open($0, associatedData: Self.associatedData(bindingId: id, field: "refreshToken")))
            },
            refreshTokenExpiryTime: sealed.refreshTokenExpiryTime, wallet: sealed.wallet, customerId: sealed.customerId,
            status: sealed.status, statusReason: sealed.statusReason, createdAt: sealed.createdAt, updatedAt: sealed.updatedAt)
        binding.unbindRequestedAt = sealed.unbindRequestedAt
        binding.version = sealed.version
        return binding
    }

    /// The hashes to look a binding up by its access token, the sealing key's first (query with all
    /// of them: during a rotation some records are still under an older key).
    ///
    /// - Throws: ``SealingError`` `.libcryptoFailure` only.
    public func lookupHashes(ofAccessToken token: Secret) throws -> [TokenLookupHash] {
        try keyRing.lookupHashes(of: token.revealed)
    }

    /// Checks, without any token leaving the ring, that every sealed value of `sealed` opens and
    /// that its lookup hash is the one of its access token.
    ///
    /// - Throws: the ``SealingError``s of ``open(_:)-(SealedBindingRecord)``; ``StoreError``
    ///   `sealingFailed` when the stored hash does not belong to the token.
    public func verify(_ sealed: SealedBindingRecord) throws {
        let id = sealed.bindingId
        let hash = try keyRing.lookupHash(ofSealed: sealed.accessToken, associatedData: Self.associatedData(bindingId: id, field: "accessToken"))
        guard hash == sealed.accessTokenLookupHash else {
            throw StoreError(code: .sealingFailed,
                             message: "binding \(id)'s stored lookup hash is not the hash of its access token: the record was edited; restore it from a backup")
        }
        if let refresh = sealed.refreshToken {
            _ = try keyRing.lookupHash(ofSealed: refresh, associatedData: Self.associatedData(bindingId: id, field: "refreshToken"))
        }
    }

    /// True when a value of `sealed` is under another key than the sealing key.
    public func needsResealing(_ sealed: SealedBindingRecord) -> Bool {
        sealed.keyIds != [keyRing.sealingKeyId]
    }

    /// `sealed` re-sealed and re-hashed under the sealing key (same version: the tokens did not
    /// change), or `nil` when it already is. No token leaves the ring.
    ///
    /// A shared database re-seals by compare-and-set on the record's version, so a write that landed
    /// in between is never overwritten.
    /// - Throws: the errors of ``open(_:)-(SealedBindingRecord)``.
    public func resealed(_ sealed: SealedBindingRecord) throws -> SealedBindingRecord? {
        guard needsResealing(sealed) else { return nil }
        let id = sealed.bindingId
        let accessData = Self.associatedData(bindingId: id, field: "accessToken")
        var result = sealed
        result.accessToken = try keyRing.reseal(sealed.accessToken, associatedData: accessData)
        result.accessTokenLookupHash = try keyRing.lookupHash(ofSealed: result.accessToken, associatedData: accessData)
        result.refreshToken = try sealed.refreshToken.map {
            try keyRing.reseal($0, associatedData: Self.associatedData(bindingId: id, field: "refreshToken"))
        }
        return result
    }

    // MARK: Authorizations

    /// The stored form of `authorization`: its auth code, if any, sealed.
    ///
    /// - Throws: ``SealingError`` (`.valueTooLarge`, `.libcryptoFailure`).
    public func seal(_ authorization: PendingAuthorization) throws -> SealedAuthorization {
        SealedAuthorization(
            authState: authorization.authState, merchantUserId: authorization.merchantUserId,
            referenceAgreementId: authorization.referenceAgreementId, createdAt: authorization.createdAt,
            sealedAuthCode: try authorization.completedWithAuthCode.map {
                try keyRing.seal($0.revealed, associatedData: Self.associatedData(authState: authorization.authState))
            },
            bindingId: authorization.bindingId, version: authorization.version)
    }

    /// The authorization with its auth code opened.
    ///
    /// - Throws: the errors of ``open(_:)-(SealedBindingRecord)``.
    public func open(_ sealed: SealedAuthorization) throws -> PendingAuthorization {
        var authorization = PendingAuthorization(
            authState: sealed.authState, merchantUserId: sealed.merchantUserId,
            referenceAgreementId: sealed.referenceAgreementId, createdAt: sealed.createdAt)
        authorization.completedWithAuthCode = try sealed.sealedAuthCode.map {
            Secret(try keyRing.open($0, associatedData: Self.associatedData(authState: sealed.authState)))
        }
        authorization.bindingId = sealed.bindingId
        authorization.version = sealed.version
        return authorization
    }

    /// Checks that the auth code, if any, opens.
    ///
    /// - Throws: the errors of ``open(_:)-(SealedBindingRecord)``.
    public func verify(_ sealed: SealedAuthorization) throws {
        if let code = sealed.sealedAuthCode {
            _ = try keyRing.lookupHash(ofSealed: code, associatedData: Self.associatedData(authState: sealed.authState))
        }
    }

    /// True when the auth code is under another key than the sealing key.
    public func needsResealing(_ sealed: SealedAuthorization) -> Bool {
        sealed.sealedAuthCode.map(keyRing.needsResealing) ?? false
    }

    /// `sealed` with its auth code re-sealed under the sealing key, or `nil` when it already is.
    ///
    /// - Throws: the errors of ``open(_:)-(SealedBindingRecord)``.
    public func resealed(_ sealed: SealedAuthorization) throws -> SealedAuthorization? {
        guard needsResealing(sealed), let code = sealed.sealedAuthCode else { return nil }
        var result = sealed
        result.sealedAuthCode = try keyRing.reseal(code, associatedData: Self.associatedData(authState: sealed.authState))
        return result
    }
}
