internal import CAlipayPlusOpenSSL

/// AES-256-GCM through OpenSSL's EVP interface, with a 96-bit nonce and a 128-bit tag.
///
/// The raw primitive: it takes the nonce from its caller, so only ``TokenKeyRing`` (which draws a
/// fresh random nonce for every seal) and the known-answer tests call it.
enum AES256GCM {
    /// Key length in bytes.
    static let keyCount = 32
    /// Nonce length in bytes (96 bits).
    static let nonceCount = 12
    /// Tag length in bytes (128 bits).
    static let tagCount = 16

    /// AES-256-GCM, fetched once per process.
    nonisolated(unsafe) private static let cipher: OpaquePointer? = calipayplus_fetch_aes256gcm()

    /// Encrypts `plaintext` into `ciphertext` (same length) and writes the tag into `tag`.
    ///
    /// - Throws: ``SealingError`` `.libcryptoFailure` only when libcrypto fails.
    static func seal(key: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, associatedData: UnsafeRawBufferPointer,
                     plaintext: UnsafeRawBufferPointer, ciphertext: UnsafeMutableRawBufferPointer,
                     tag: UnsafeMutableRawBufferPointer) throws {
        precondition(key.count == keyCount && nonce.count == nonceCount && tag.count == tagCount
            && ciphertext.count == plaintext.count, "AES256GCM.seal: wrong buffer sizes")
        try OpenSSLErrors.isolated {
            let ok = calipayplus_aes256gcm_seal(
                cipher, cBytes(key), cBytes(nonce), cBytes(associatedData), associatedData.count,
                cBytes(plaintext), plaintext.count, cMutableBytes(ciphertext), cMutableBytes(tag))
            guard ok == 1 else { throw SealingError.libcrypto("AES-256-GCM encryption") }
        }
    }

    /// Decrypts `ciphertext` into `plaintext` (same length) and checks `tag`.
    ///
    /// Returns false when the tag does not verify; `plaintext` is then wiped before returning.
    /// - Throws: ``SealingError`` `.libcryptoFailure` only when libcrypto fails.
    static func open(key: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, associatedData: UnsafeRawBufferPointer,
                     ciphertext: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer,
                     plaintext: UnsafeMutableRawBufferPointer) throws -> Bool {
        precondition(key.count == keyCount && nonce.count == nonceCount && tag.count == tagCount
            && ciphertext.count == plaintext.count, "AES256GCM.open: wrong buffer sizes")
        return try OpenSSLErrors.isolated {
            let result = calipayplus_aes256gcm_open(
                cipher, cBytes(key), cBytes(nonce), cBytes(associatedData), associatedData.count,
                cBytes(ciphertext), ciphertext.count, cBytes(tag), cMutableBytes(plaintext))
            guard result == 1 else {
                wipe(plaintext)
                if result == 0 { return false }
                throw SealingError.libcrypto("AES-256-GCM decryption")
            }
            return true
        }
    }

    /// Fills `buffer` from OpenSSL's CSPRNG.
    ///
    /// - Throws: ``SealingError`` `.libcryptoFailure` when no random bytes are available.
    static func randomNonce(into buffer: UnsafeMutableRawBufferPointer) throws {
        try OpenSSLErrors.isolated {
            guard calipayplus_random_bytes(cMutableBytes(buffer), buffer.count) == 1 else {
                throw SealingError.libcrypto("RAND_bytes")
            }
        }
    }
}

/// The typed base address of `buffer` (nil for an empty buffer, which the shim accepts).
func cBytes(_ buffer: UnsafeRawBufferPointer) -> UnsafePointer<UInt8>? {
    buffer.isEmpty ? nil : buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
}

/// The typed base address of `buffer` (nil for an empty buffer, which the shim accepts).
func cMutableBytes(_ buffer: UnsafeMutableRawBufferPointer) -> UnsafeMutablePointer<UInt8>? {
    buffer.isEmpty ? nil : buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
}
