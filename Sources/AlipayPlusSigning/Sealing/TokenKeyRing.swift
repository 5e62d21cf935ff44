public import Foundation
internal import CAlipayPlusOpenSSL

/// Versioned 32-byte keys that seal secrets at rest with AES-256-GCM: seal with the sealing key
/// (normally the newest), open with any key the ring holds.
///
/// Every seal draws a fresh random 96-bit nonce and binds the value to its record through the
/// associated data, so a sealed token copied to another record does not open there. Load the ring
/// once at start-up and share it: it is `Sendable`, and sealing from many tasks at once is safe.
///
/// ```swift
/// let ring = try TokenKeyRing(environmentVariable: "ALIPAYPLUS_TOKEN_KEYS")
/// let sealed = try ring.seal(accessToken, associatedData: "binding/B-42/accessToken")
/// let token = try ring.open(sealed, associatedData: "binding/B-42/accessToken")
/// ```
///
/// **Rotation.** Add a key (it seals from then on), re-seal every record with ``reseal(_:associatedData:)``
/// and re-hash it with ``lookupHash(ofSealed:associatedData:)``, then remove the old key. To roll a new key out to many
/// servers before any of them seals with it, add it unmarked and mark the current key with `*`
/// (see ``init(text:)``), then drop the mark once every server holds the new key.
///
/// **Key material** lives in memory this library allocates and wipes with `OPENSSL_cleanse` when
/// the last ring holding it is released; it is never printed: `description`, `debugDescription`,
/// `dump()` and mirrors show key ids only. The text a ring was parsed from (an environment
/// variable, a `String`) belongs to the caller and is not wiped.
public struct TokenKeyRing: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The largest secret ``seal(_:associatedData:)`` accepts, in UTF-8 bytes (64 KiB).
    public static let maximumPlaintextCount = 65_536

    /// Keys in ring order (as loaded or added).
    let keys: [TokenKey]
    /// The key new seals use.
    let sealing: TokenKey

    init(keys: [TokenKey], sealingIndex: Int) throws {
        var seen = Set<String>()
        for key in keys where !seen.insert(key.id).inserted {
            throw SealingError(.duplicateKeyId, "the key ring holds key id '\(key.id)' twice; give every key its own id", keyId: key.id)
        }
        self.keys = keys
        sealing = keys[sealingIndex]
    }

    /// A ring of one key, given as its raw 32 bytes.
    ///
    /// The bytes are copied into wiped storage; wipe your own copy if you own it.
    /// - Parameters:
    ///   - keyId: 1 to 32 characters of `A–Z a–z 0–9 - _`, written into every sealed value.
    ///   - key: Exactly 32 random bytes.
    /// - Throws: ``SealingError`` `.invalidKeyId`, `.badKeyLength`, `.libcryptoFailure`.
    public init(keyId: String, key: some DataProtocol) throws {
        try self.init(keys: [Self.makeKey(id: keyId, bytes: key)], sealingIndex: 0)
    }

    /// This ring plus one key given as raw bytes.
    ///
    /// - Parameters:
    ///   - keyId: A new id (1 to 32 characters of `A–Z a–z 0–9 - _`).
    ///   - key: Exactly 32 random bytes.
    ///   - sealsNewValues: True (the default) to seal with the new key from now on; false to only
    ///     open with it (roll it out everywhere first, then make it the sealing key).
    /// - Throws: ``SealingError`` `.invalidKeyId`, `.duplicateKeyId`, `.badKeyLength`, `.libcryptoFailure`.
    public func adding(keyId: String, key: some DataProtocol, sealsNewValues: Bool = true) throws -> TokenKeyRing {
        let added = try Self.makeKey(id: keyId, bytes: key)
        let currentIndex = keys.firstIndex { $0 === sealing } ?? keys.count - 1
        return try TokenKeyRing(keys: keys + [added], sealingIndex: sealsNewValues ? keys.count : currentIndex)
    }

    /// The id of the key new seals use.
    public var sealingKeyId: String { sealing.id }

    /// Every key id in ring order.
    public var keyIds: [String] { keys.map(\.id) }

    /// True when the ring holds a key with this id.
    public func contains(keyId: String) -> Bool { key(withId: keyId) != nil }

    /// Checks that the ring can open values sealed under every id in `keyIds` (for a store to call
    /// when it opens, before it changes anything).
    ///
    /// - Throws: ``SealingError`` `.unknownKeyId` naming the first missing id.
    public func requireKeys(_ keyIds: some Sequence<String>) throws {
        for id in keyIds where !contains(keyId: id) {
            throw SealingError.unknownKey(id, ring: self)
        }
    }

    // MARK: - Sealing

    /// Seals `plaintext` under the sealing key, bound to `associatedData` (the record's identity).
    ///
    /// Every call uses a fresh random nonce, so sealing the same value twice gives different strings.
    /// - Parameters:
    ///   - plaintext: The secret, at most ``maximumPlaintextCount`` UTF-8 bytes.
    ///   - associatedData: What the value belongs to, e.g. `binding/<bindingId>/accessToken`; the
    ///     same text must be given to open it. It is not secret and not stored in the sealed value.
    /// - Throws: ``SealingError`` `.valueTooLarge`, or `.libcryptoFailure` when libcrypto fails.
    public func seal(_ plaintext: String, associatedData: String) throws -> SealedSecret {
        var plaintext = plaintext
        return try plaintext.withUTF8 { utf8 in
            try seal(UnsafeRawBufferPointer(utf8), associatedData: associatedData, key: sealing, nonce: nil)
        }
    }

    /// Opens a value sealed by a ring holding its key, for the same associated data.
    ///
    /// The decrypted bytes are wiped once the returned `String` is made; that string is the
    /// caller's (Swift strings cannot be wiped), so keep it only as long as the call that needs it.
    /// - Throws: ``SealingError`` `.unknownKeyId` (naming the key id) when the ring lacks the key,
    ///   `.wrongAssociatedData` when the value was sealed for another record, `.tamperedCiphertext`
    ///   when its bytes were changed or the key under its id is a different key, `.libcryptoFailure`.
    public func open(_ sealed: SealedSecret, associatedData: String) throws -> String {
        guard let key = key(withId: sealed.keyId) else { throw SealingError.unknownKey(sealed.keyId, ring: self) }
        var plaintext = [UInt8](repeating: 0, count: sealed.ciphertext.count)
        defer { wipe(&plaintext) }
        try plaintext.withUnsafeMutableBytes { output in
            try decrypt(sealed, associatedData: associatedData, key: key, into: output)
        }
        return String(decoding: plaintext, as: UTF8.self)
    }

    /// True when `sealed` was sealed under another key than the sealing key (rotation must re-seal it).
    public func needsResealing(_ sealed: SealedSecret) -> Bool { sealed.keyId != sealing.id }

    /// The value re-sealed under the sealing key, or `sealed` itself when it already is (after
    /// checking that it opens). The plaintext never leaves this call.
    ///
    /// - Throws: the errors of ``open(_:associatedData:)``.
    public func reseal(_ sealed: SealedSecret, associatedData: String) throws -> SealedSecret {
        guard let key = key(withId: sealed.keyId) else { throw SealingError.unknownKey(sealed.keyId, ring: self) }
        var plaintext = [UInt8](repeating: 0, count: sealed.ciphertext.count)
        defer { wipe(&plaintext) }
        return try plaintext.withUnsafeMutableBytes { output in
            try decrypt(sealed, associatedData: associatedData, key: key, into: output)
            guard needsResealing(sealed) else { return sealed }
            return try seal(UnsafeRawBufferPointer(output), associatedData: associatedData, key: sealing, nonce: nil)
        }
    }

    // MARK: - Lookup hashes

    /// The lookup hash of `token` under the sealing key: the one to store with a newly sealed record.
    ///
    /// Each ring key has its own lookup key, derived once when the key is loaded:
    /// HKDF-SHA-256(key, salt `alipayplus-swift token key ring v1`, info `token lookup hash`, 32 bytes).
    /// The hash is HMAC-SHA-256 of the token's UTF-8 under that lookup key. Per-key hashes make
    /// rotation plain: the record's seal and its hash always use the same key, re-sealing re-hashes,
    /// and removing an old key after rotation breaks nothing.
    /// - Throws: ``SealingError`` `.libcryptoFailure` only when libcrypto fails.
    public func lookupHash(of token: String) throws -> TokenLookupHash {
        try lookupHash(of: token, key: sealing)
    }

    /// The lookup hashes of `token` under every ring key, the sealing key's first: query with all of
    /// them (`WHERE lookup_hash IN (…)`) so records not yet re-sealed are found during a rotation.
    ///
    /// - Throws: ``SealingError`` `.libcryptoFailure` only when libcrypto fails.
    public func lookupHashes(of token: String) throws -> [TokenLookupHash] {
        try ([sealing] + keys.filter { $0 !== sealing }).map { try lookupHash(of: token, key: $0) }
    }

    /// The lookup hash of the token inside `sealed`, under the key that sealed it, without the token
    /// leaving this call: what rotation stores next to a re-sealed value (and what a migration can
    /// check a stored hash against).
    ///
    /// - Throws: the errors of ``open(_:associatedData:)``.
    public func lookupHash(ofSealed sealed: SealedSecret, associatedData: String) throws -> TokenLookupHash {
        guard let key = key(withId: sealed.keyId) else { throw SealingError.unknownKey(sealed.keyId, ring: self) }
        var plaintext = [UInt8](repeating: 0, count: sealed.ciphertext.count)
        defer { wipe(&plaintext) }
        return try plaintext.withUnsafeMutableBytes { output in
            try decrypt(sealed, associatedData: associatedData, key: key, into: output)
            return try lookupHash(of: UnsafeRawBufferPointer(output), key: key)
        }
    }

    // MARK: - Redaction

    /// Key ids and the sealing key id only, never key material.
    public var description: String {
        "TokenKeyRing(keys: \(keyIds.joined(separator: ", ")); seals with \(sealing.id); key material <redacted>)"
    }
    /// Key ids and the sealing key id only, never key material.
    public var debugDescription: String { description }
    /// A mirror showing key ids only.
    public var customMirror: Mirror {
        Mirror(self, children: ["keyIds": keyIds, "sealingKeyId": sealing.id], displayStyle: .struct)
    }

    // MARK: - Internals

    func key(withId id: String) -> TokenKey? { keys.first { $0.id == id } }

    static func makeKey(id: String, bytes: some DataProtocol) throws -> TokenKey {
        let material = SecretBytes(count: bytes.count) { buffer in _ = bytes.copyBytes(to: buffer) }
        return try TokenKey(id: id, taking: material)
    }

    /// The GCM associated data: `"aps1\0" + keyId + "\0" + associatedData`.
    static func gcmAssociatedData(keyId: String, associatedData: String) -> [UInt8] {
        Array(SealedSecret.formatVersion.utf8) + [0] + Array(keyId.utf8) + [0] + Array(associatedData.utf8)
    }

    /// The 4-byte associated-data check stored in clear: the first 4 bytes of SHA-256 of
    /// `"aps1 associated data\0" + associatedData`.
    static func associatedDataCheck(_ associatedData: String) throws -> [UInt8] {
        let input = Array("\(SealedSecret.formatVersion) associated data".utf8) + [0] + Array(associatedData.utf8)
        var digest = [UInt8](repeating: 0, count: 32)
        let ok = OpenSSLErrors.isolated {
            input.withUnsafeBufferPointer { calipayplus_sha256(sharedSHA256, $0.baseAddress, $0.count, &digest) }
        }
        guard ok == 1 else { throw SealingError.libcrypto("SHA-256") }
        return Array(digest.prefix(SealedSecret.checkCount))
    }

    /// Seals raw bytes; `nonce` is nil except in the golden tests, which pin the format.
    func seal(_ plaintext: UnsafeRawBufferPointer, associatedData: String, key: TokenKey, nonce: [UInt8]?) throws -> SealedSecret {
        guard plaintext.count <= Self.maximumPlaintextCount else {
            throw SealingError(.valueTooLarge, "the value to seal is \(plaintext.count) bytes; at most \(Self.maximumPlaintextCount) can be sealed (tokens are far shorter: is this the right value?)")
        }
        let aad = Self.gcmAssociatedData(keyId: key.id, associatedData: associatedData)
        var payload = try Self.associatedDataCheck(associatedData)
        payload += [UInt8](repeating: 0, count: AES256GCM.nonceCount + plaintext.count + AES256GCM.tagCount)
        try payload.withUnsafeMutableBytes { buffer in
            let nonceStart = SealedSecret.checkCount
            let textStart = nonceStart + AES256GCM.nonceCount
            let tagStart = textStart + plaintext.count
            let nonceBuffer = UnsafeMutableRawBufferPointer(rebasing: buffer[nonceStart..<textStart])
            if let nonce {
                precondition(nonce.count == AES256GCM.nonceCount)
                nonceBuffer.copyBytes(from: nonce)
            } else {
                try AES256GCM.randomNonce(into: nonceBuffer)
            }
            try key.sealingKey.withUnsafeBytes { keyBytes in
                try aad.withUnsafeBytes { aadBytes in
                    try AES256GCM.seal(
                        key: keyBytes, nonce: UnsafeRawBufferPointer(nonceBuffer), associatedData: aadBytes,
                        plaintext: plaintext,
                        ciphertext: UnsafeMutableRawBufferPointer(rebasing: buffer[textStart..<tagStart]),
                        tag: UnsafeMutableRawBufferPointer(rebasing: buffer[tagStart...]))
                }
            }
        }
        return SealedSecret(keyId: key.id, payload: payload)
    }

    /// Opens `sealed` with `key` into `output` (exactly the ciphertext's length), or throws.
    private func decrypt(_ sealed: SealedSecret, associatedData: String, key: TokenKey, into output: UnsafeMutableRawBufferPointer) throws {
        let aad = Self.gcmAssociatedData(keyId: sealed.keyId, associatedData: associatedData)
        let authentic = try key.sealingKey.withUnsafeBytes { keyBytes in
            try aad.withUnsafeBytes { aadBytes in
                try sealed.payload.withUnsafeBytes { payload in
                    let nonceStart = SealedSecret.checkCount
                    let textStart = nonceStart + AES256GCM.nonceCount
                    let tagStart = payload.count - AES256GCM.tagCount
                    return try AES256GCM.open(
                        key: keyBytes, nonce: UnsafeRawBufferPointer(rebasing: payload[nonceStart..<textStart]),
                        associatedData: aadBytes,
                        ciphertext: UnsafeRawBufferPointer(rebasing: payload[textStart..<tagStart]),
                        tag: UnsafeRawBufferPointer(rebasing: payload[tagStart...]), plaintext: output)
                }
            }
        }
        let checkMatches = try Self.associatedDataCheck(associatedData).elementsEqual(sealed.check)
        guard authentic else { throw checkMatches ? SealingError.tampered : SealingError.movedRecord }
        guard checkMatches else {
            // Authentic ciphertext with a changed check: the stored bytes were edited. Refuse.
            wipe(output)
            throw SealingError.tampered
        }
    }

    private func lookupHash(of token: String, key: TokenKey) throws -> TokenLookupHash {
        var token = token
        return try token.withUTF8 { try lookupHash(of: UnsafeRawBufferPointer($0), key: key) }
    }

    private func lookupHash(of token: UnsafeRawBufferPointer, key: TokenKey) throws -> TokenLookupHash {
        var digest = [UInt8](repeating: 0, count: KeyedHashing.digestCount)
        try key.lookupKey.withUnsafeBytes { lookupKey in
            try digest.withUnsafeMutableBytes { output in
                try KeyedHashing.hmacSHA256(key: lookupKey, data: token, into: output)
            }
        }
        return TokenLookupHash(keyId: key.id, digest: digest)
    }
}
