
/// A keyed hash of a token, to find a record by its access token without storing the token.
///
/// HMAC-SHA-256 of the token's UTF-8 under a lookup key derived from one ring key (HKDF-SHA-256,
/// see ``TokenKeyRing/lookupHash(of:)``). It names the key it was made with, so lookups keep
/// working while keys rotate: a store keeps the hash made with the key that sealed the record,
/// queries with every hash of ``TokenKeyRing/lookupHashes(of:)``, and re-hashes a record whenever it
/// re-seals it.
///
/// Store ``stringRepresentation`` (`aph1.<keyId>.<base64url(32 bytes)>`, at most 80 characters) in
/// an indexed text column. Equal tokens under the same key give equal hashes; without the key, the
/// hash reveals nothing about the token. `description` and mirrors show the key id only.
public struct TokenLookupHash: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The format version that starts every lookup hash string.
    public static let formatVersion = "aph1"

    /// The id of the ring key whose lookup key made this hash.
    public let keyId: String
    /// HMAC-SHA-256 output, 32 bytes.
    let digest: [UInt8]

    init(keyId: String, digest: [UInt8]) {
        self.keyId = keyId
        self.digest = digest
    }

    /// Parses a string written by ``stringRepresentation``.
    ///
    /// - Throws: ``SealingError`` `.malformedLookupHash` saying which part is wrong, without
    ///   repeating the text.
    public init(parsing text: String) throws {
        func malformed(_ problem: String) -> SealingError {
            SealingError(.malformedLookupHash, "not a lookup hash (\(problem)); a lookup hash reads aph1.<keyId>.<43 base64url characters>, as TokenLookupHash.stringRepresentation writes it")
        }
        let utf8 = Array(text.utf8)
        guard utf8.count <= 128 else { throw malformed("\(utf8.count) characters, more than a lookup hash has") }
        let parts = utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw malformed("\(parts.count) dot-separated parts instead of 3") }
        guard parts[0].elementsEqual(Self.formatVersion.utf8) else { throw malformed("it does not start with '\(Self.formatVersion).'") }
        guard TokenKeyID.isValid(parts[1]) else { throw malformed(TokenKeyID.refusal(length: parts[1].count)) }
        guard let digest = parts[2].withUnsafeBytes({ StrictBase64.decodeArray($0, alphabet: .url) }),
              digest.count == KeyedHashing.digestCount else {
            throw malformed("the hash is not 32 bytes of base64url without padding")
        }
        self.init(keyId: String(decoding: parts[1], as: UTF8.self), digest: digest)
    }

    /// `aph1.<keyId>.<base64url digest>`: the form to store and to query with.
    public var stringRepresentation: String {
        "\(Self.formatVersion).\(keyId).\(StrictBase64.encode(digest, alphabet: .url))"
    }

    /// Decodes from a JSON string holding ``stringRepresentation``.
    ///
    /// - Throws: `DecodingError.dataCorrupted` whose underlying error is the ``SealingError``.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch let error as SealingError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    /// Encodes as a JSON string holding ``stringRepresentation``.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(stringRepresentation)
    }

    /// The key id only.
    public var description: String { "TokenLookupHash(keyId: \(keyId), <redacted>)" }
    /// The key id only.
    public var debugDescription: String { description }
    /// A mirror showing the key id only.
    public var customMirror: Mirror { Mirror(self, children: ["keyId": keyId], displayStyle: .struct) }
}
