internal import CAlipayPlusOpenSSL
public import Foundation

/// An RSA private key (2048 bits or more) that signs Alipay+ requests with SHA256withRSA (PKCS#1 v1.5).
///
/// Parse the key once at start-up and share the value: it is `Sendable`, and signing from many tasks
/// at once is safe. ``description`` never shows key material.
///
/// ```swift
/// let key = try RSAPrivateKey(contentsOfFile: "/etc/merchant/private_key.pem")
/// ```
public struct RSAPrivateKey: Sendable, CustomStringConvertible, CustomReflectable {
    let storage: EVPKey

    private init(storage: EVPKey) {
        self.storage = storage
    }

    /// Loads a PEM private key labelled `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1).
    ///
    /// - Throws: ``KeyLoadingError`` explaining what the text was instead.
    public init(pemRepresentation: String) throws {
        self.init(storage: try KeyDecoder.decode(Array(pemRepresentation.utf8), accepted: .pem, wanted: .privateKey))
    }

    /// Loads DER bytes of a PKCS#8 or PKCS#1 RSA private key.
    ///
    /// - Throws: ``KeyLoadingError`` explaining what the bytes were instead.
    public init(derRepresentation: some DataProtocol) throws {
        self.init(storage: try KeyDecoder.decode(Array(derRepresentation), accepted: .der, wanted: .privateKey))
    }

    /// Loads a private key in whatever form it was handed over: PEM (either label), bare base64 of
    /// the DER (line breaks and spaces allowed, as the Alipay+ tools and Java SDK use) or raw DER.
    ///
    /// - Throws: ``KeyLoadingError`` naming the form it detected and what is wrong with it.
    public init(importing data: some DataProtocol) throws {
        self.init(storage: try KeyDecoder.decode(Array(data), accepted: .any, wanted: .privateKey))
    }

    /// Reads a key file in any form ``init(importing:)`` accepts.
    ///
    /// - Throws: ``KeyLoadingError`` (`.unreadableFile` when the file cannot be read).
    public init(contentsOfFile path: String) throws {
        self.init(storage: try KeyDecoder.decode(contentsOfFile: path, wanted: .privateKey))
    }

    /// Generates a new RSA private key.
    ///
    /// - Parameter bitCount: Key size; at least 2048.
    /// - Throws: ``KeyLoadingError`` `.keyTooSmall` below 2048 bits, `.generationFailed` if libcrypto fails.
    public static func generate(bitCount: Int = 2048) throws -> RSAPrivateKey {
        guard bitCount >= 2048 else {
            throw KeyLoadingError(.keyTooSmall, "\(bitCount)-bit RSA is below the 2048-bit minimum")
        }
        guard bitCount <= 16384 else {
            throw KeyLoadingError(.generationFailed, "\(bitCount) bits is larger than this library supports (16384)")
        }
        return try OpenSSLErrors.isolated {
            guard let pointer = calipayplus_rsa_generate(UInt32(bitCount)) else {
                throw KeyLoadingError(.generationFailed, "libcrypto could not generate an RSA key: \(OpenSSLErrors.drain() ?? "unknown error")")
            }
            return RSAPrivateKey(storage: EVPKey(taking: pointer))
        }
    }

    /// The matching public key (give its ``RSAPublicKey/spkiPEMRepresentation`` to Alipay+).
    public var publicKey: RSAPublicKey {
        RSAPublicKey(sharing: storage)
    }

    /// The modulus size in bits.
    public var bitCount: Int { storage.bitCount }

    /// The key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), ending in a newline.
    public var pkcs8PEMRepresentation: String {
        pemArmor(pkcs8DERRepresentation, label: "PRIVATE KEY")
    }

    /// The key as PKCS#8 DER.
    public var pkcs8DERRepresentation: Data {
        storage.derEncoding(privatePart: true)
    }

    /// Signs `message` with RSASSA-PKCS1-v1_5 over SHA-256 and returns the raw signature bytes.
    ///
    /// The same key and message always give the same signature.
    /// - Throws: ``SigningError`` only when libcrypto itself fails.
    public func signature(for message: some DataProtocol) throws -> Data {
        try withBytes(message) { sign($0) }.get()
    }

    private func sign(_ message: UnsafeRawBufferPointer) -> Result<Data, SigningError> {
        OpenSSLErrors.isolated {
            var signature = Data(count: storage.maximumSignatureSize)
            var length = signature.count
            let ok = signature.withUnsafeMutableBytes { output in
                let input = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
                let out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
                // One digest and a context prepared with the key, reused (see EVPKey).
                let pooled = storage.signingContexts?.withContext { context -> (result: Int32, reusable: Bool) in
                    let ok = calipayplus_sign_reusing(context, sharedSHA256, input, message.count, out, &length)
                    return (ok, ok == 1)
                }
                return pooled ?? calipayplus_sign(storage.pointer, sharedSHA256, input, message.count, out, &length)
            }
            guard ok == 1 else {
                return .failure(SigningError(reason: OpenSSLErrors.drain() ?? "EVP_PKEY_sign failed"))
            }
            if length != signature.count { signature.count = length }
            return .success(signature)
        }
    }

    /// Shows the key size only, never key material.
    public var description: String { "RSAPrivateKey(\(bitCount) bits, <redacted>)" }

    /// Only the key size, so `dump` and `Mirror` show nothing of the key.
    public var customMirror: Mirror { Mirror(self, children: ["bitCount": bitCount, "material": "<redacted>"], displayStyle: .struct) }
}
