internal import CAlipayPlusOpenSSL
import Foundation

/// Owns one `EVP_PKEY*` and frees it when the last key value holding it goes away.
///
/// The pointer is never mutated after init; OpenSSL documents const use of an `EVP_PKEY` from many
/// threads as safe (every operation makes its own context), hence `@unchecked Sendable`.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
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
        ERR_clear_error()
        defer { ERR_clear_error() }
        return try body()
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
