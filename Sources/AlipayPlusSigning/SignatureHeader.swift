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
        // Byte-wise over UTF-8 (no Foundation string calls: this runs on every response and
        // notification). Parts are split on ',', trimmed of whitespace; a repeated key is refused.
        var algorithm: String?
        var keyVersion: String?
        var encoded: String?
        var header = headerValue
        header.makeContiguousUTF8()
        try header.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
                defer { start = end + 1 }
                let part = Self.trimmed(bytes, start, end)
                guard part.lowerBound < part.upperBound else { continue }
                guard let equals = part.first(where: { bytes[$0] == UInt8(ascii: "=") }) else {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[part]), as: UTF8.self)
                    throw SignatureHeaderError(.malformed, "the part '\(text.prefix(24))' has no '='")
                }
                let keyRange = Self.trimmed(bytes, part.lowerBound, equals)
                let valueRange = Self.trimmed(bytes, equals + 1, part.upperBound)
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueRange]), as: UTF8.self)
                let name = Self.lowercasedKey(bytes[keyRange])
                switch name {
                case "algorithm" where algorithm == nil: algorithm = value
                case "keyversion" where keyVersion == nil: keyVersion = value
                case "signature" where encoded == nil: encoded = value
                case "algorithm", "keyversion", "signature":
                    throw SignatureHeaderError(.malformed, "'\(name)' appears twice: a header is ambiguous, so it is refused")
                default: break
                }
            }
        }
        guard let encoded, !encoded.isEmpty else {
            throw SignatureHeaderError(.missingSignature, "there is no 'signature=' part")
        }
        guard let keyVersion, !keyVersion.isEmpty else {
            throw SignatureHeaderError(.missingKeyVersion, "there is no 'keyVersion=' part")
        }
        guard let signature = Self.decodeSignature(encoded) else {
            throw SignatureHeaderError(.undecodableSignature, "the signature is neither percent-encoded base64, base64 nor base64url")
        }
        self.init(algorithm: algorithm ?? "RSA256", keyVersion: keyVersion, signature: signature)
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

    /// The key in lower case, only for the three keys the header may carry (others are ignored).
    private static func lowercasedKey(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard bytes.count <= 16 else { return "" }
        var lowered = [UInt8]()
        lowered.reserveCapacity(bytes.count)
        for byte in bytes {
            lowered.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
        }
        return String(decoding: lowered, as: UTF8.self)
    }

    /// The strict header value: `algorithm=RSA256, keyVersion=<n>, signature=<value>`, where value is
    /// standard base64 with `+`, `/` and `=` percent-encoded.
    public var headerValue: String {
        "algorithm=\(algorithm), keyVersion=\(keyVersion), signature=\(Self.percentEncode(signature.base64EncodedString()))"
    }

    /// The header with the signature cut short, safe for logs.
    public var description: String {
        let encoded = signature.base64EncodedString()
        return "algorithm=\(algorithm), keyVersion=\(keyVersion), signature=\(encoded.prefix(8))…(\(signature.count) bytes)"
    }

    /// The algorithm, the key version and the signature cut short as in ``description``, so `dump`
    /// and `Mirror` never show the signature bytes.
    public var customMirror: Mirror {
        let shown = "\(signature.base64EncodedString().prefix(8))…(\(signature.count) bytes)"
        return Mirror(self, children: ["algorithm": algorithm, "keyVersion": keyVersion, "signature": shown], displayStyle: .struct)
    }

    // MARK: - Encoding

    static func percentEncode(_ base64: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(base64.utf8.count + 16)
        for byte in base64.utf8 {
            switch byte {
            case UInt8(ascii: "+"): out.append(contentsOf: [0x25, 0x32, 0x42])  // %2B
            case UInt8(ascii: "/"): out.append(contentsOf: [0x25, 0x32, 0x46])  // %2F
            case UInt8(ascii: "="): out.append(contentsOf: [0x25, 0x33, 0x44])  // %3D
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func decodeSignature(_ value: String) -> Data? {
        var bytes = Array(value.utf8)
        if bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") {
            bytes.removeFirst()
            bytes.removeLast()
        }
        if bytes.contains(UInt8(ascii: "%")) {
            var decoded = [UInt8]()
            decoded.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "%") {
                    guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                        return nil
                    }
                    decoded.append(high << 4 | low)
                    index += 3
                } else {
                    decoded.append(bytes[index])
                    index += 1
                }
            }
            bytes = decoded
        }
        for index in bytes.indices {
            switch bytes[index] {
            // A raw `+` decoded as a form space by some framework: put it back.
            case UInt8(ascii: " "), UInt8(ascii: "-"): bytes[index] = UInt8(ascii: "+")
            case UInt8(ascii: "_"): bytes[index] = UInt8(ascii: "/")
            default: break
            }
        }
        let remainder = bytes.count % 4
        if remainder == 2 {
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "="))
        } else if remainder == 3 {
            bytes.append(UInt8(ascii: "="))
        }
        guard let data = Data(base64Encoded: Data(bytes)), !data.isEmpty else { return nil }
        return data
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
