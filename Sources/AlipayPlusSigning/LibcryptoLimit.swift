internal import CAlipayPlusOpenSSL
package import Foundation

/// libcrypto's best achievable RSA rate for one key, for `alipayplus bench` to measure the library
/// against: the way `openssl speed` does it, one context initialised once (PKCS#1 v1.5 padding,
/// signature digest SHA-256) and reused for every operation, with a one-shot `SHA256()` of the message.
///
/// Not for production use: the one context is used without duplication, so a value must be used by
/// one task at a time (the bench runs its slices one after another), hence `@unchecked Sendable`.
package final class LibcryptoLimit: @unchecked Sendable {
    private let key: EVPKey
    private let context: OpaquePointer
    private var signature: [UInt8]

    private init?(key: EVPKey, sign: Bool) {
        guard let context = OpenSSLErrors.isolated({ calipayplus_pkey_ctx_new_prepared(key.pointer, sharedSHA256, sign ? 1 : 0) })
        else { return nil }
        self.key = key
        self.context = context
        signature = [UInt8](repeating: 0, count: key.maximumSignatureSize)
    }

    /// A signing limit for `key`; `nil` when libcrypto refuses to prepare the context.
    package convenience init?(signingWith key: RSAPrivateKey) {
        self.init(key: key.storage, sign: true)
    }

    /// A verifying limit for `key`; `nil` when libcrypto refuses to prepare the context.
    package convenience init?(verifyingWith key: RSAPublicKey) {
        self.init(key: key.storage, sign: false)
    }

    deinit {
        calipayplus_pkey_ctx_free(context)
    }

    /// Signs `message` into a buffer kept for reuse; whether libcrypto succeeded.
    package func sign(_ message: Data) -> Bool {
        var length = signature.count
        let context = context
        // No prefetched digest (nil): the one-shot SHA256(), as `openssl speed` digests.
        return message.withUnsafeBytes { input in
            signature.withUnsafeMutableBufferPointer { output in
                calipayplus_sign_reusing(context, nil, input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count,
                                         output.baseAddress, &length) == 1
            }
        }
    }

    /// Whether `signature` verifies over `message`.
    package func verify(_ signature: Data, for message: Data) -> Bool {
        let context = context
        // No prefetched digest (nil): the one-shot SHA256(), as `openssl speed` digests.
        return signature.withUnsafeBytes { signatureBytes in
            message.withUnsafeBytes { messageBytes in
                calipayplus_verify_reusing(context, nil, signatureBytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                           signatureBytes.count,
                                           messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                           messageBytes.count) == 1
            }
        }
    }
}
