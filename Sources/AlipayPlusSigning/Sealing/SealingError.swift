/// Why a secret could not be sealed or opened, or a key ring could not be loaded, and what to do.
///
/// Compare ``code`` in tests; print ``description`` to people. No key material, token or sealed
/// payload ever appears in an error: only key ids, file paths, variable names, counts and positions.
public struct SealingError: Error, CustomStringConvertible, Sendable {
    /// The kinds of sealing failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case tamperedCiphertext, wrongAssociatedData, unknownKeyId, malformedSealedString, malformedLookupHash
            case badKeyLength, invalidKeyId, duplicateKeyId, badKeyRingText, keyRingUnavailable, insecureKeyFile
            case valueTooLarge, libcryptoFailure
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// The sealed value failed authentication: its bytes were changed, or the ring's key with that
        /// id is not the key that sealed it.
        public static let tamperedCiphertext = Code(.tamperedCiphertext)
        /// The sealed value was sealed for another record (different associated data): it was copied
        /// or moved from where it belongs.
        public static let wrongAssociatedData = Code(.wrongAssociatedData)
        /// The sealed value names a key id the ring does not hold (``SealingError/keyId`` names it).
        public static let unknownKeyId = Code(.unknownKeyId)
        /// The text is not a sealed string this library writes (`aps1.<keyId>.<base64url>`).
        public static let malformedSealedString = Code(.malformedSealedString)
        /// The text is not a lookup hash this library writes (`aph1.<keyId>.<base64url>`).
        public static let malformedLookupHash = Code(.malformedLookupHash)
        /// A key is not exactly 32 bytes.
        public static let badKeyLength = Code(.badKeyLength)
        /// A key id breaks the rule (1 to 32 characters of `A–Z a–z 0–9 - _`).
        public static let invalidKeyId = Code(.invalidKeyId)
        /// Two keys in one ring have the same id.
        public static let duplicateKeyId = Code(.duplicateKeyId)
        /// Key ring text does not follow the format `id:base64key,id:base64key`.
        public static let badKeyRingText = Code(.badKeyRingText)
        /// The key ring's file or environment variable could not be read.
        public static let keyRingUnavailable = Code(.keyRingUnavailable)
        /// The key ring's file can be read by users other than its owner.
        public static let insecureKeyFile = Code(.insecureKeyFile)
        /// The value to seal is larger than ``TokenKeyRing/maximumPlaintextCount`` bytes.
        public static let valueTooLarge = Code(.valueTooLarge)
        /// libcrypto itself failed (out of memory, no random source, a broken installation).
        public static let libcryptoFailure = Code(.libcryptoFailure)

        /// The code's name, for logs.
        public var description: String { kind.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// The key id involved, when there is a well-formed one (for ``Code/unknownKeyId`` the missing id).
    public let keyId: String?
    /// Where the key ring came from: a file path or `environment variable NAME`, when it was loaded.
    public let source: String?
    /// A human explanation with the fix.
    public let message: String
    /// The lower-level error that caused this one (a file system error), if any.
    public let underlyingError: (any Error)?

    init(_ code: Code, _ message: String, keyId: String? = nil, source: String? = nil, underlyingError: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.keyId = keyId
        self.source = source
        self.underlyingError = underlyingError
    }

    /// The same error, naming where the key ring came from.
    func with(source: String) -> SealingError {
        SealingError(code, message, keyId: keyId, source: source, underlyingError: underlyingError)
    }

    /// `SealingError.<code>`, the source if any, and the explanation.
    public var description: String {
        var text = "SealingError.\(code)"
        if let source { text += " (\(source))" }
        return text + ": \(message)"
    }
}

extension SealingError {
    static func unknownKey(_ keyId: String, ring: TokenKeyRing) -> SealingError {
        SealingError(
            .unknownKeyId,
            "sealed with key id '\(keyId)', which this key ring does not hold (it holds \(ring.keyIds.map { "'\($0)'" }.joined(separator: ", "))); "
                + "add key '\(keyId)' back to the ring (the same 32 bytes it had), or re-seal the records under a current key before removing it",
            keyId: keyId)
    }

    static let tampered = SealingError(
        .tamperedCiphertext,
        "the sealed value failed authentication: its bytes were changed, or the key under this id is not the one that sealed it "
            + "(same id, different bytes); restore the record from a backup, or load the key ring that sealed it; never use its contents")

    static let movedRecord = SealingError(
        .wrongAssociatedData,
        "the sealed value belongs to another record (it was sealed with different associated data): it was copied or moved; "
            + "refuse it and seal the right value for this record")

    static func libcrypto(_ operation: String) -> SealingError {
        SealingError(.libcryptoFailure, "\(operation) failed inside libcrypto: \(OpenSSLErrors.drain() ?? "no error queued"); check the OpenSSL 3 installation")
    }
}
