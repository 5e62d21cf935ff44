/// Why a key could not be loaded, with what the input looked like and how to fix it.
///
/// Compare ``code`` in tests; print ``description`` to people. No key material ever appears in the
/// description.
public struct KeyLoadingError: Error, CustomStringConvertible, Sendable {
    /// The kinds of key loading failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case publicKeyWhereExpectedPrivate, privateKeyWhereExpectedPublic, notRSA, keyTooSmall
            case encryptedKey, notBase64, unrecognizedFormat, unreadableFile, generationFailed, inconsistentKey
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// A public key was given where a private key is needed.
        public static let publicKeyWhereExpectedPrivate = Code(.publicKeyWhereExpectedPrivate)
        /// A private key was given where a public key is needed (a likely mix-up of your key and Alipay+'s).
        public static let privateKeyWhereExpectedPublic = Code(.privateKeyWhereExpectedPublic)
        /// The key is not an RSA key (for example an EC key).
        public static let notRSA = Code(.notRSA)
        /// The RSA key is shorter than 2048 bits.
        public static let keyTooSmall = Code(.keyTooSmall)
        /// The key is encrypted with a passphrase.
        public static let encryptedKey = Code(.encryptedKey)
        /// The text is neither PEM nor valid base64.
        public static let notBase64 = Code(.notBase64)
        /// The bytes decode but are not a key structure OpenSSL recognises.
        public static let unrecognizedFormat = Code(.unrecognizedFormat)
        /// The key file could not be read.
        public static let unreadableFile = Code(.unreadableFile)
        /// libcrypto failed to generate or encode a key.
        public static let generationFailed = Code(.generationFailed)
        /// The private key's parts do not belong together: the key was damaged (a changed character).
        public static let inconsistentKey = Code(.inconsistentKey)

        /// The code's name, for logs.
        public var description: String { "\(kind)" }
    }

    /// What went wrong.
    public let code: Code
    /// What the input looked like, e.g. "PEM labelled PUBLIC KEY" or "raw DER (1217 bytes)".
    public let detectedForm: String?
    /// The file that was read, when the key came from a file.
    public let path: String?
    /// A human explanation with a suggested fix.
    public let message: String

    init(_ code: Code, _ message: String, detectedForm: String? = nil, path: String? = nil) {
        self.code = code
        self.message = message
        self.detectedForm = detectedForm
        self.path = path
    }

    func with(path: String) -> KeyLoadingError {
        KeyLoadingError(code, message, detectedForm: detectedForm, path: path)
    }

    /// The explanation, the detected form and the file, if any.
    public var description: String {
        var text = "Cannot load key"
        if let path { text += " from \(path)" }
        text += ": \(message)"
        if let detectedForm { text += " (input looked like: \(detectedForm))" }
        return text
    }
}
