public import Foundation

/// The `Signature` header: `algorithm=RSA256, keyVersion=1, signature=<percent-encoded base64>`.
///
/// Written strictly (``headerValue``), parsed leniently (``init(parsing:)``): any spacing, any order,
/// any key case, and a signature that is percent-encoded, raw standard base64 or base64url.
/// ``description`` shows only the start of the signature.
public struct SignatureHeader: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The algorithm name; Alipay+ uses only `RSA256` (SHA256withRSA, PKCS#1 v1.5).
    public var algorithm: String
    /// The key version the signer used (`1` unless Alipay+ told you otherwise).
    public var keyVersion: String
    /// The raw RSA signature bytes.
    public var signature: Data

    /// Creates a header value from its parts.
    public init(algorithm: String = "RSA256", keyVersion: String, signature: Data) {
        self.algorithm = algorithm
        self.keyVersion = keyVersion
        self.signature = signature
    }

    /// Parses a received `Signature` header value.
    ///
    /// Accepts `algorithm=RSA256,keyVersion=1,signature=...` with or without spaces, in any order,
    /// with keys in any case, a missing `algorithm` (taken as `RSA256`), and a signature that is
    /// percent-encoded, raw standard base64 (a `+` turned into a space is repaired) or base64url,
    /// with or without padding.
    /// - Throws: ``SignatureHeaderError`` when `signature` or `keyVersion` is missing or undecodable.
    public init(parsing headerValue: String) throws {
        // One pass over the UTF-8 bytes, no Foundation string calls and no copies: this runs on
        // every response and notification. Parts are split on ',', trimmed of whitespace; a repeated
        // key is refused; the signature is decoded straight from its bytes.
        var header = headerValue
        let parts = try header.withUTF8 { bytes in try Self.parts(of: bytes) }
        guard parts.hasSignature else {
            throw SignatureHeaderError(.missingSignature, "there is no 'signature=' part")
        }
        guard let keyVersion = parts.keyVersion, !keyVersion.isEmpty else {
            throw SignatureHeaderError(.missingKeyVersion, "there is no 'keyVersion=' part")
        }
        guard let signature = parts.signature else {
            throw SignatureHeaderError(.undecodableSignature, "the signature is neither percent-encoded base64, base64 nor base64url")
        }
        self.init(algorithm: parts.algorithm ?? "RSA256", keyVersion: keyVersion, signature: signature)
    }

    /// Whether `value` is only a signature (base64, base64url or percent-encoded base64) rather than
    /// a header of `key=value` parts.
    ///
    /// A value with a `,`, or with an `=` anywhere but in trailing base64 padding, is a header: so
    /// `algorithm=RSA256, keyVersion=1` is a header without a `signature=` part (and
    /// ``init(parsing:)`` says so), never a signature to wrap in a default header.
    public static func isBareSignature(_ value: String) -> Bool {
        let trimmed = value.utf8.drop { $0 == UInt8(ascii: " ") }
        guard !trimmed.contains(UInt8(ascii: ",")) else { return false }
        let unpadded = trimmed.reversed().drop { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: " ") }
        return !unpadded.contains(UInt8(ascii: "="))
    }

    /// The three parts a header may carry, as found.
    private struct Parts {
        var algorithm: String?
        var keyVersion: String?
        /// Whether a non-empty `signature=` part was present.
        var hasSignature = false
        /// Its decoded bytes, `nil` when it does not decode.
        var signature: Data?
    }

    /// The names of the parts, in lower case; other keys are ignored.
    private enum Key: String {
        case algorithm, keyversion, signature

        /// The key's bit in a set of seen keys.
        var bit: UInt8 {
            switch self {
            case .algorithm: return 1
            case .keyversion: return 2
            case .signature: return 4
            }
        }
    }

    private static func parts(of bytes: UnsafeBufferPointer<UInt8>) throws -> Parts {
        var parts = Parts()
        var seen: UInt8 = 0
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
            defer { start = end + 1 }
            let part = trimmed(bytes, start, end)
            guard part.lowerBound < part.upperBound else { continue }
            guard let equals = part.first(where: { bytes[$0] == UInt8(ascii: "=") }) else {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[part]), as: UTF8.self)
                throw SignatureHeaderError(.malformed, "the part '\(text.prefix(24))' has no '='")
            }
            guard let key = key(bytes[trimmed(bytes, part.lowerBound, equals)]) else { continue }
            guard seen & key.bit == 0 else {
                throw SignatureHeaderError(.malformed, "'\(key.rawValue)' appears twice: a header is ambiguous, so it is refused")
            }
            seen |= key.bit
            let value = bytes[trimmed(bytes, equals + 1, part.upperBound)]
            switch key {
            case .algorithm: parts.algorithm = String(decoding: UnsafeBufferPointer(rebasing: value), as: UTF8.self)
            case .keyversion: parts.keyVersion = String(decoding: UnsafeBufferPointer(rebasing: value), as: UTF8.self)
            case .signature:
                parts.hasSignature = !value.isEmpty
                parts.signature = parts.hasSignature ? LenientSignatureBase64.decode(value) : nil
            }
        }
        return parts
    }

    /// `lower..<upper` without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int) -> Range<Int> {
        var lower = lower
        var upper = upper
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The part named by `bytes` in any ASCII case, or `nil` for a key the header does not define.
    private static func key(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Key? {
        if equalsIgnoringASCIICase(bytes, "signature") { return .signature }
        if equalsIgnoringASCIICase(bytes, "keyversion") { return .keyversion }
        if equalsIgnoringASCIICase(bytes, "algorithm") { return .algorithm }
        return nil
    }

    /// Whether `bytes` spell `lowercaseName` in any ASCII case.
    private static func equalsIgnoringASCIICase(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ lowercaseName: StaticString) -> Bool {
        guard lowercaseName.utf8CodeUnitCount == bytes.count else { return false }
        let expected = lowercaseName.utf8Start
        var offset = 0
        for byte in bytes {
            let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
            guard lowered == expected[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// The strict header value: `algorithm=RSA256, keyVersion=<n>, signature=<value>`, where value is
    /// standard base64 with `+`, `/` and `=` percent-encoded.
    public var headerValue: String {
        // One allocation: the parts and the percent-encoded base64 are written straight into the string.
        let parts: [(StaticString, String)] = [("algorithm=", algorithm), (", keyVersion=", keyVersion)]
        let capacity = parts.reduce(12) { $0 + $1.0.utf8CodeUnitCount + $1.1.utf8.count }
            + PercentEncodedBase64.maximumLength(of: signature.count)
        return String(unsafeUninitializedCapacity: capacity) { out in
            var written = 0
            func append(_ bytes: UnsafeRawBufferPointer) {
                _ = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(out)[written...]).initializeMemory(as: UInt8.self, from: bytes)
                written += bytes.count
            }
            for (label, value) in parts {
                append(UnsafeRawBufferPointer(start: label.utf8Start, count: label.utf8CodeUnitCount))
                var value = value
                value.withUTF8 { append(UnsafeRawBufferPointer($0)) }
            }
            let label: StaticString = ", signature="
            append(UnsafeRawBufferPointer(start: label.utf8Start, count: label.utf8CodeUnitCount))
            written += signature.withUnsafeBytes { PercentEncodedBase64.write($0, into: UnsafeMutableBufferPointer(rebasing: out[written...])) }
            return written
        }
    }

    /// The header with the signature cut short, safe for logs.
    public var description: String {
        "algorithm=\(Self.shown(algorithm)), keyVersion=\(Self.shown(keyVersion)), signature=\(shownSignature)"
    }

    /// The algorithm, the key version and the signature cut short as in ``description``, so `dump`
    /// and `Mirror` never show the signature bytes.
    public var customMirror: Mirror {
        Mirror(self, children: ["algorithm": Self.shown(algorithm), "keyVersion": Self.shown(keyVersion),
                                "signature": shownSignature], displayStyle: .struct)
    }

    /// The signature's first 8 base64 characters and its length.
    private var shownSignature: String {
        "\(signature.base64EncodedString().prefix(8))…(\(signature.count) bytes)"
    }

    /// Names longer than this, or with other characters than letters, digits, `.`, `_` and `-`, are
    /// shown by their length only.
    static let longestShownName = 16

    /// A received algorithm or key version as descriptions show it: itself when it looks like a name,
    /// else only its length. Both come from the sender, and a hostile header can put anything in
    /// them, the signature's own text included, which a description must never show whole.
    static func shown(_ name: String) -> String {
        let isName = name.utf8.count <= longestShownName && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
        return isName ? name : "(\(name.utf8.count) bytes, not shown)"
    }
}

/// A `Signature` header value that cannot be parsed.
public struct SignatureHeaderError: Error, CustomStringConvertible, Sendable {
    /// The kinds of malformed header.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable { case malformed, missingSignature, missingKeyVersion, undecodableSignature }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        /// A part is not `key=value`.
        public static let malformed = Code(.malformed)
        /// No `signature=` part.
        public static let missingSignature = Code(.missingSignature)
        /// No `keyVersion=` part.
        public static let missingKeyVersion = Code(.missingKeyVersion)
        /// The signature does not decode as base64 in any accepted form.
        public static let undecodableSignature = Code(.undecodableSignature)
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// What is wrong.
    public let code: Code
    /// Details, never containing the signature itself.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Explains the problem and the expected form.
    public var description: String {
        "Malformed Signature header: \(message); expected 'algorithm=RSA256, keyVersion=1, signature=<percent-encoded base64>'"
    }
}
