public import Foundation

/// The `Signature` header: `algorithm=RSA256, keyVersion=1, signature=<percent-encoded base64>`.
///
/// Written strictly (``headerValue``), parsed leniently (``init(parsing:)``): any spacing, any order,
/// any key case, and a signature that is percent-encoded, raw standard base64 or base64url.
/// ``description`` shows only the start of the signature.
public struct SignatureHeader: Sendable, Hashable, CustomStringConvertible {
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
        var fields: [String: String] = [:]
        for part in headerValue.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw SignatureHeaderError(.malformed, "the part '\(trimmed.prefix(24))' has no '='")
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            fields[key] = value
        }
        guard let encoded = fields["signature"], !encoded.isEmpty else {
            throw SignatureHeaderError(.missingSignature, "there is no 'signature=' part")
        }
        guard let keyVersion = fields["keyversion"], !keyVersion.isEmpty else {
            throw SignatureHeaderError(.missingKeyVersion, "there is no 'keyVersion=' part")
        }
        guard let signature = Self.decodeSignature(encoded) else {
            throw SignatureHeaderError(.undecodableSignature, "the signature is neither percent-encoded base64, base64 nor base64url")
        }
        self.init(algorithm: fields["algorithm"] ?? "RSA256", keyVersion: keyVersion, signature: signature)
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

    // MARK: - Encoding

    static func percentEncode(_ base64: String) -> String {
        var out = ""
        out.reserveCapacity(base64.utf8.count + 16)
        for character in base64.unicodeScalars {
            switch character {
            case "+": out += "%2B"
            case "/": out += "%2F"
            case "=": out += "%3D"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static func percentDecode(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes = [UInt8]()
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%") {
                guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) else {
                    return nil
                }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
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
        var text = value
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            text = String(text.dropFirst().dropLast())
        }
        guard let decoded = percentDecode(text) else { return nil }
        // A raw `+` decoded as a form space by some framework: put it back.
        var base64 = decoded.replacingOccurrences(of: " ", with: "+")
        if base64.contains("-") || base64.contains("_") {
            base64 = base64.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        }
        let remainder = base64.utf8.count % 4
        if remainder == 2 { base64 += "==" } else if remainder == 3 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), !data.isEmpty else { return nil }
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
