/// Why a signature did not verify, with the exact content that was checked and the likely mistakes.
///
/// The description names the method, path, client id, the time string as received, and the body's
/// length and SHA-256, so both sides can compare what they signed without exchanging bodies.
public struct SignatureMismatch: Sendable, CustomStringConvertible {
    /// The kinds of verification failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case missingHeader, malformedHeader, unsupportedAlgorithm, unknownKeyVersion, signatureDoesNotMatch
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        /// No `Signature` header was present.
        public static let missingHeader = Code(.missingHeader)
        /// The `Signature` header could not be parsed.
        public static let malformedHeader = Code(.malformedHeader)
        /// The algorithm is not `RSA256`.
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        /// No key is configured for the header's `keyVersion`.
        public static let unknownKeyVersion = Code(.unknownKeyVersion)
        /// The signature is well formed but does not match the content.
        public static let signatureDoesNotMatch = Code(.signatureDoesNotMatch)
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// What failed.
    public let code: Code
    /// HTTP method used in the content.
    public let method: String
    /// Path used in the content.
    public let path: String
    /// Client id used in the content.
    public let clientId: String
    /// Time string used in the content, exactly as received.
    public let time: String
    /// Number of body bytes checked.
    public let bodyLength: Int
    /// SHA-256 of the body bytes checked, lowercase hex.
    public let bodySHA256: String
    /// The header's key version, when the header parsed.
    public let keyVersion: String?
    /// Extra detail (e.g. why the header is malformed).
    public let detail: String?
    /// The likely mistakes, most specific first.
    public let likelyCauses: [String]

    init(code: Code, content: SigningContent, keyVersion: String?, detail: String?, likelyCauses: [String]) {
        self.code = code
        self.method = content.method
        self.path = content.path
        self.clientId = content.clientId
        self.time = content.time
        self.bodyLength = content.body.count
        self.bodySHA256 = sha256Hex(content.body)
        self.keyVersion = keyVersion
        self.detail = detail
        self.likelyCauses = likelyCauses
    }

    /// A short summary of the failure.
    public var summary: String {
        switch code {
        case .missingHeader: return "no Signature header"
        case .malformedHeader: return "malformed Signature header"
        case .unsupportedAlgorithm: return "unsupported signature algorithm"
        case .unknownKeyVersion: return "no public key configured for keyVersion \(keyVersion.map(SignatureHeader.shown) ?? "?")"
        default: return "the signature does not match the content"
        }
    }

    /// The summary, the content checked and the likely causes, one per line.
    public var description: String {
        var lines = ["Signature check failed: \(summary)" + (detail.map { " (\($0))" } ?? "") + "."]
        lines.append("Content checked: \"\(method) \(path)\\n\(clientId).\(time).<body>\"")
        lines.append("  method:    \(method)")
        lines.append("  path:      \(path)")
        lines.append("  client id: \(clientId)")
        lines.append("  time:      \(time) (as received)")
        lines.append("  body:      \(bodyLength) bytes, sha256 \(bodySHA256)")
        if let keyVersion { lines.append("  keyVersion: \(SignatureHeader.shown(keyVersion))") }
        if !likelyCauses.isEmpty {
            lines.append("Likely causes:")
            lines += likelyCauses.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
