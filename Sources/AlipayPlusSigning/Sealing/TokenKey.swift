/// One versioned key of a ``TokenKeyRing``: its id, the 32 bytes that seal, and the lookup key
/// derived from them. Both keys are wiped when the last ring holding them goes away.
final class TokenKey: Sendable {
    /// HKDF salt for the lookup key (fixed: the input key is already uniformly random).
    static let lookupSalt = Array("alipayplus-swift token key ring v1".utf8)
    /// HKDF info for the lookup key, so it can never equal the sealing key or any other derived key.
    static let lookupInfo = Array("token lookup hash".utf8)

    let id: String
    /// The AES-256-GCM key, exactly as loaded.
    let sealingKey: SecretBytes
    /// HKDF-SHA-256(sealing key, ``lookupSalt``, ``lookupInfo``), 32 bytes: the HMAC key of lookup hashes.
    let lookupKey: SecretBytes

    /// Takes ownership of `key` (which must be 32 bytes) under `id` (which must follow ``TokenKeyID``).
    ///
    /// - Throws: ``SealingError`` `.invalidKeyId`, `.badKeyLength`, `.libcryptoFailure`.
    init(id: String, taking key: SecretBytes) throws {
        guard TokenKeyID.isValid(id) else {
            throw SealingError(.invalidKeyId, TokenKeyID.refusal(length: id.count))
        }
        guard key.count == AES256GCM.keyCount else {
            throw SealingError(
                .badKeyLength,
                "key '\(id)' is \(key.count) bytes; token keys are exactly 32 bytes (generate one with `openssl rand -base64 32`)",
                keyId: id)
        }
        self.id = id
        sealingKey = key
        lookupKey = try SecretBytes(count: KeyedHashing.digestCount) { output in
            try key.withUnsafeBytes { ikm in
                try Self.lookupSalt.withUnsafeBytes { salt in
                    try Self.lookupInfo.withUnsafeBytes { info in
                        try KeyedHashing.hkdfSHA256(key: ikm, salt: salt, info: info, into: output)
                    }
                }
            }
        }
    }
}
