internal import CAlipayPlusOpenSSL
import Foundation

/// Owns one `EVP_PKEY*` and the pools of signing and verifying contexts prepared for it once, and
/// frees them when the last key value holding it goes away.
///
/// The key is not mutated after init: OpenSSL documents const use of an `EVP_PKEY` from many threads
/// as safe. Each operation runs on a context of its own, lent by a ``PreparedContextPool`` to one
/// caller at a time, so no two threads ever operate on one context; hence `@unchecked Sendable`.
/// `SignatureConcurrencyTests` signs and verifies from hundreds of tasks at once.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Contexts initialised for RSASSA-PKCS1-v1_5 signing with SHA-256; `nil` for a public key (or
    /// when libcrypto refused, in which case signing takes the one-call `EVP_DigestSign` path).
    let signingContexts: PreparedContextPool?
    /// Contexts initialised for RSASSA-PKCS1-v1_5 verification with SHA-256; `nil` only when
    /// libcrypto refused (verification then takes the one-call `EVP_DigestVerify` path).
    let verifyingContexts: PreparedContextPool?

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
        (signingContexts, verifyingContexts) = OpenSSLErrors.isolated {
            (calipayplus_pkey_ctx_new_prepared(pointer, sharedSHA256, 1).map(PreparedContextPool.init(template:)),
             calipayplus_pkey_ctx_new_prepared(pointer, sharedSHA256, 0).map(PreparedContextPool.init(template:)))
        }
    }

    deinit {
        // The pools' contexts hold references to the key; OpenSSL frees it when the last one goes.
        EVP_PKEY_free(pointer)
    }

    var bitCount: Int { Int(EVP_PKEY_get_bits(pointer)) }

    var maximumSignatureSize: Int { Int(EVP_PKEY_get_size(pointer)) }

    /// DER: PKCS#8 PrivateKeyInfo (`privatePart`) or SubjectPublicKeyInfo.
    func derEncoding(privatePart: Bool) -> Data {
        OpenSSLErrors.isolated {
            var buffer: UnsafeMutablePointer<UInt8>?
            var length = 0
            guard calipayplus_encode_der(pointer, privatePart ? 1 : 0, &buffer, &length) == 1, let buffer else {
                // Encoding a key we decoded or generated ourselves only fails when memory runs out.
                return Data()
            }
            defer { calipayplus_free(buffer) }
            return Data(bytes: buffer, count: length)
        }
    }
}

/// The SHA-256 message digest, fetched once per process (fetching by name per call costs ~10%).
nonisolated(unsafe) let sharedSHA256: OpaquePointer? = calipayplus_fetch_sha256()

/// Helpers for OpenSSL's per-thread error queue.
enum OpenSSLErrors {
    /// Runs `body` with an empty error queue and leaves the queue empty afterwards.
    ///
    /// `body` must not suspend: the queue belongs to the current thread.
    static func isolated<T>(_ body: () throws -> T) rethrows -> T {
        clearIfNotEmpty()
        defer { clearIfNotEmpty() }
        return try body()
    }

    /// Empties the queue when it holds an error. Clearing resets all of its slots (about 190 ns here)
    /// while a look at the oldest costs about 25 ns, and the queue is empty after nearly every call.
    private static func clearIfNotEmpty() {
        if ERR_peek_error() != 0 { ERR_clear_error() }
    }

    /// The text of the oldest queued error, if any, and empties the queue.
    static func drain() -> String? {
        let code = ERR_get_error()
        defer { ERR_clear_error() }
        guard code != 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
