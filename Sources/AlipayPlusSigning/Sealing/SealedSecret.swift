
/// A secret (an access or refresh token) sealed with AES-256-GCM under one key of a ``TokenKeyRing``.
///
/// Keep it in one text column through ``stringRepresentation``, which reads
/// `aps1.<keyId>.<base64url(check | nonce | ciphertext | tag)>`:
/// - `aps1`: the format version;
/// - `keyId`: the ring key that sealed it (1–32 characters of `A–Z a–z 0–9 - _`);
/// - the payload, base64url without padding: a 4-byte associated-data check (the first 4 bytes of
///   SHA-256 of `"aps1 associated data\0" + associatedData`, used only to tell a moved record from a
///   tampered one; authenticity rests on the tag), the 12-byte random nonce, the ciphertext (as long
///   as the secret's UTF-8) and the 16-byte GCM tag.
///
/// The GCM associated data is `"aps1\0" + keyId + "\0" + associatedData`, so neither the version, the
/// key id nor the record the value was sealed for can be changed without the tag failing.
///
/// Parsing is strict and never echoes its input; `description`, `debugDescription` and mirrors show
/// only the key id and the payload size.
public struct SealedSecret: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The format version that starts every sealed string.
    public static let formatVersion = "aps1"

    /// The id of the ring key that sealed this value.
    public let keyId: String
    /// check (4) | nonce (12) | ciphertext | tag (16).
    let payload: [UInt8]

    static let checkCount = 4
    static let overheadCount = checkCount + AES256GCM.nonceCount + AES256GCM.tagCount
    /// Longest sealed string accepted: the base64url of the largest payload plus the prefix.
    static let maximumStringCount = formatVersion.utf8.count + 2 + TokenKeyID.maximumLength
        + (TokenKeyRing.maximumPlaintextCount + overheadCount) * 4 / 3 + 3

    init(keyId: String, payload: [UInt8]) {
        self.keyId = keyId
        self.payload = payload
    }

    /// Parses a string written by ``stringRepresentation``.
    ///
    /// - Throws: ``SealingError`` `.malformedSealedString` saying which part is wrong (without
    ///   repeating the text, which may be a plain token stored before sealing was switched on).
    public init(parsing text: String) throws {
        let utf8 = Array(text.utf8)
        func malformed(_ problem: String) -> SealingError {
            SealingError(.malformedSealedString, "not a sealed string (\(problem)); a sealed string reads aps1.<keyId>.<base64url>, as SealedSecret.stringRepresentation writes it")
        }
        guard utf8.count <= Self.maximumStringCount else {
            throw malformed("\(utf8.count) characters, more than the \(Self.maximumStringCount) a sealed string can have")
        }
        let parts = utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw malformed("\(parts.count) dot-separated part\(parts.count == 1 ? "" : "s") instead of 3; a plain, unsealed token looks like this: seal it first")
        }
        guard parts[0].elementsEqual(Self.formatVersion.utf8) else {
            if let version = Self.readableVersion(parts[0]) {
                throw malformed("format version '\(version)' is not one this library reads (\(Self.formatVersion)); use the library version that wrote it")
            }
            throw malformed("it does not start with '\(Self.formatVersion).'")
        }
        guard TokenKeyID.isValid(parts[1]) else {
            throw malformed(TokenKeyID.refusal(length: parts[1].count))
        }
        guard let payload = parts[2].withUnsafeBytes({ StrictBase64.decodeArray($0, alphabet: .url) }) else {
            throw malformed("the payload is not base64url without padding")
        }
        guard payload.count >= Self.overheadCount else {
            throw malformed("the payload is \(payload.count) bytes; a sealed value has at least \(Self.overheadCount)")
        }
        self.init(keyId: String(decoding: parts[1], as: UTF8.self), payload: payload)
    }

    /// `aps1.<keyId>.<base64url payload>`: the form to store.
    public var stringRepresentation: String {
        "\(Self.formatVersion).\(keyId).\(StrictBase64.encode(payload, alphabet: .url))"
    }

    /// Decodes from a JSON string holding ``stringRepresentation``.
    ///
    /// - Throws: `DecodingError.dataCorrupted` whose underlying error is the ``SealingError``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
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

    /// The key id and payload size only.
    public var description: String { "SealedSecret(keyId: \(keyId), \(payload.count) bytes, <sealed>)" }
    /// The key id and payload size only.
    public var debugDescription: String { description }
    /// A mirror showing the key id only.
    public var customMirror: Mirror { Mirror(self, children: ["keyId": keyId], displayStyle: .struct) }

    // MARK: - Parts

    var check: ArraySlice<UInt8> { payload[0..<Self.checkCount] }
    var nonce: ArraySlice<UInt8> { payload[Self.checkCount..<(Self.checkCount + AES256GCM.nonceCount)] }
    var ciphertext: ArraySlice<UInt8> { payload[(Self.checkCount + AES256GCM.nonceCount)..<(payload.count - AES256GCM.tagCount)] }
    var tag: ArraySlice<UInt8> { payload[(payload.count - AES256GCM.tagCount)...] }

    /// `aps2`, `aps10`, …: a version this library does not read, safe to name in an error.
    private static func readableVersion(_ part: ArraySlice<UInt8>) -> String? {
        guard part.count >= 4, part.count <= 6, part.starts(with: "aps".utf8),
              part.dropFirst(3).allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return String(decoding: part, as: UTF8.self)
    }
}
