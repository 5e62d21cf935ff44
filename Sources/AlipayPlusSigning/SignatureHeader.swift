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
        // Byte-level parsing: Foundation's string searching is slow on Linux and this runs per message.
        var algorithm: ArraySlice<UInt8>?
        var keyVersion: ArraySlice<UInt8>?
        var encoded: ArraySlice<UInt8>?
        let bytes = Array(headerValue.utf8)
        for rawPart in bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true) {
            let part = Self.trimmed(rawPart)
            guard !part.isEmpty else { continue }
            guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else {
                throw SignatureHeaderError(.malformed, "the part '\(String(decoding: part.prefix(24), as: UTF8.self))' has no '='")
            }
            let key = Self.trimmed(part[..<equals]).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            let value = Self.trimmed(part[(equals + 1)...])
            let name = String(decoding: key, as: UTF8.self)
            switch name {
            case "algorithm" where algorithm == nil: algorithm = value
            case "keyversion" where keyVersion == nil: keyVersion = value
            case "signature" where encoded == nil: encoded = value
            case "algorithm", "keyversion", "signature":
                throw SignatureHeaderError(.malformed, "'\(name)' appears twice: a header is ambiguous, so it is refused")
            default: continue
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
        self.init(algorithm: algorithm.map { String(decoding: $0, as: UTF8.self) } ?? "RSA256",
                  keyVersion: String(decoding: keyVersion, as: UTF8.self), signature: signature)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return bytes[bytes.startIndex..<bytes.startIndex]
        }
        return bytes[first...last]
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

    /// Percent-decodes, then maps base64url and form-decoded spaces to standard base64, pads and decodes.
    static func decodeSignature(_ value: ArraySlice<UInt8>) -> Data? {
        var input = value
        if input.count >= 2, input.first == UInt8(ascii: "\""), input.last == UInt8(ascii: "\"") {
            input = input.dropFirst().dropLast()
        }
        var base64 = [UInt8]()
        base64.reserveCapacity(input.count + 2)
        var index = input.startIndex
        while index < input.endIndex {
            var byte = input[index]
            index += 1
            if byte == UInt8(ascii: "%") {
                guard index + 1 < input.endIndex,
                      let high = hexValue(input[index]), let low = hexValue(input[index + 1]) else { return nil }
                byte = high << 4 | low
                index += 2
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"): base64.append(UInt8(ascii: "+"))  // form-decoded '+', base64url
            case UInt8(ascii: "_"): base64.append(UInt8(ascii: "/"))
            default: base64.append(byte)
            }
        }
        switch base64.count % 4 {
        case 2: base64 += [UInt8(ascii: "="), UInt8(ascii: "=")]
        case 3: base64.append(UInt8(ascii: "="))
        default: break
        }
        guard let data = Data(base64Encoded: Data(base64)), !data.isEmpty else { return nil }
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
