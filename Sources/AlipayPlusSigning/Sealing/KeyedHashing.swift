internal import CAlipayPlusOpenSSL

/// HMAC-SHA-256 and HKDF-SHA-256 through OpenSSL's EVP_MAC and EVP_KDF interfaces.
enum KeyedHashing {
    /// Output length of both functions as the ring uses them, in bytes.
    static let digestCount = 32

    /// HMAC, fetched once per process.
    nonisolated(unsafe) private static let hmac: OpaquePointer? = calipayplus_fetch_hmac()

    /// HMAC-SHA-256 of `data` under `key` (RFC 2104 with SHA-256; any key length) into `output` (32 bytes).
    ///
    /// - Throws: ``SealingError`` `.libcryptoFailure` only when libcrypto fails.
    static func hmacSHA256(key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        precondition(output.count == digestCount, "HMAC-SHA-256 writes 32 bytes")
        try OpenSSLErrors.isolated {
            guard calipayplus_hmac_sha256(hmac, cBytes(key), key.count, cBytes(data), data.count, cMutableBytes(output)) == 1 else {
                throw SealingError.libcrypto("HMAC-SHA-256")
            }
        }
    }

    /// HKDF-SHA-256 (RFC 5869: extract with `salt`, expand with `info`) of `key` into `output`.
    ///
    /// - Throws: ``SealingError`` `.libcryptoFailure` only when libcrypto fails.
    static func hkdfSHA256(key: UnsafeRawBufferPointer, salt: UnsafeRawBufferPointer, info: UnsafeRawBufferPointer,
                           into output: UnsafeMutableRawBufferPointer) throws {
        try OpenSSLErrors.isolated {
            guard calipayplus_hkdf_sha256(cBytes(key), key.count, cBytes(salt), salt.count, cBytes(info), info.count,
                                          cMutableBytes(output), output.count) == 1 else {
                throw SealingError.libcrypto("HKDF-SHA-256")
            }
        }
    }
}
