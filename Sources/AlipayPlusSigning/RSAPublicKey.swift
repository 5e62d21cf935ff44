internal import CAlipayPlusOpenSSL
public import Foundation

/// An RSA public key (2048 bits or more) that checks SHA256withRSA (PKCS#1 v1.5) signatures, such as
/// the Alipay+ public key from the Developer Center.
///
/// Parse once and share; verification from many tasks at once is safe.
public struct RSAPublicKey: Sendable, CustomStringConvertible {
    let storage: EVPKey

    init(sharing storage: EVPKey) {
        self.storage = storage
    }

    /// Loads a PEM public key labelled `PUBLIC KEY` (SubjectPublicKeyInfo) or `RSA PUBLIC KEY` (PKCS#1).
    ///
    /// - Throws: ``KeyLoadingError`` explaining what the text was instead.
    public init(pemRepresentation: String) throws {
        self.init(sharing: try KeyDecoder.decode(Array(pemRepresentation.utf8), accepted: .pem, wanted: .publicKey))
    }

    /// Loads DER bytes of a SubjectPublicKeyInfo or PKCS#1 RSA public key.
    ///
    /// - Throws: ``KeyLoadingError`` explaining what the bytes were instead.
    public init(derRepresentation: some DataProtocol) throws {
        self.init(sharing: try KeyDecoder.decode(Array(derRepresentation), accepted: .der, wanted: .publicKey))
    }

    /// Loads a public key in any form: PEM (either label), bare base64 (whitespace allowed) or raw DER.
    ///
    /// - Throws: ``KeyLoadingError`` naming the form it detected and what is wrong with it.
    public init(importing data: some DataProtocol) throws {
        self.init(sharing: try KeyDecoder.decode(Array(data), accepted: .any, wanted: .publicKey))
    }

    /// Reads a key file in any form ``init(importing:)`` accepts.
    ///
    /// - Throws: ``KeyLoadingError`` (`.unreadableFile` when the file cannot be read).
    public init(contentsOfFile path: String) throws {
        self.init(sharing: try KeyDecoder.decode(contentsOfFile: path, wanted: .publicKey))
    }

    /// The modulus size in bits.
    public var bitCount: Int { storage.bitCount }

    /// SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), ending in a newline.
    public var spkiPEMRepresentation: String {
        pemArmor(spkiDERRepresentation, label: "PUBLIC KEY")
    }

    /// SubjectPublicKeyInfo DER (its bare base64 is what the Alipay+ Developer Center takes).
    public var spkiDERRepresentation: Data {
        storage.derEncoding(privatePart: false)
    }

    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 / SHA-256 signature of `message` by this key.
    ///
    /// Returns `false` for any bad, truncated or foreign signature.
    public func isValidSignature(_ signature: some DataProtocol, for message: some DataProtocol) -> Bool {
        withBytes(signature) { signatureBytes in
            withBytes(message) { messageBytes in
                isValidSignature(signatureBytes, for: messageBytes)
            }
        }
    }

    /// The check itself over contiguous bytes: one digest and a context prepared with the key,
    /// reused (see `EVPKey`).
    func isValidSignature(_ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer) -> Bool {
        OpenSSLErrors.isolated {
            let signatureBytes = signature.baseAddress?.assumingMemoryBound(to: UInt8.self)
            let messageBytes = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
            let pooled = storage.verifyingContexts?.withContext { context -> (result: Bool, reusable: Bool) in
                // A context that saw a failure is not reused (answers are rare there; caution is cheap).
                let valid = calipayplus_verify_reusing(context, sharedSHA256, signatureBytes, signature.count, messageBytes, message.count) == 1
                return (valid, valid)
            }
            if let pooled { return pooled }
            return calipayplus_verify(storage.pointer, sharedSHA256, signatureBytes, signature.count,
                                      messageBytes, message.count) == 1
        }
    }

    /// Shows the key size and a short fingerprint (SHA-256 of the SPKI DER), which is public.
    public var description: String {
        "RSAPublicKey(\(bitCount) bits, spki-sha256 \(sha256Hex(spkiDERRepresentation).prefix(16)))"
    }
}

/// Calls `body` with contiguous bytes of `value`, copying only when it is not contiguous already.
func withBytes<R>(_ value: some DataProtocol, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    if let result = value.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    if let data = value as? Data {
        return data.withUnsafeBytes(body)
    }
    return Array(value).withUnsafeBytes(body)
}
