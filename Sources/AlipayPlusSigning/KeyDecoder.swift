internal import CAlipayPlusOpenSSL
import Foundation

/// Turns the many shapes a key arrives in into one decoded RSA `EVP_PKEY`, or a precise error.
enum KeyDecoder {
    /// Which shapes of input an initializer accepts.
    enum Accepted {
        case pem, der, any
    }

    /// Which half of a key pair the caller needs.
    enum Wanted {
        case privateKey, publicKey
    }

    private static let pemLabels: Set<String> = ["PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY"]

    /// Decodes `input` into an RSA key of at least 2048 bits.
    static func decode(_ input: [UInt8], accepted: Accepted, wanted: Wanted) throws -> EVPKey {
        let (der, form) = try derBytes(from: input, accepted: accepted, wanted: wanted)
        return try decodeDER(der, form: form, wanted: wanted)
    }

    /// Reads the key file at `path` and decodes it in any form; errors name the file.
    ///
    /// - Throws: ``KeyLoadingError`` (`.unreadableFile` when the file cannot be read).
    static func decode(contentsOfFile path: String, wanted: Wanted) throws -> EVPKey {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw KeyLoadingError(.unreadableFile, "the file cannot be read (\((error as NSError).localizedDescription))", path: path)
        }
        do {
            return try decode(Array(data), accepted: .any, wanted: wanted)
        } catch let error as KeyLoadingError {
            throw error.with(path: path)
        }
    }

    // MARK: - Input shape

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    private static func derBytes(from input: [UInt8], accepted: Accepted, wanted: Wanted) throws -> ([UInt8], String) {
        guard let first = input.first(where: { !isWhitespace($0) }) else {
            throw KeyLoadingError(.unrecognizedFormat, "the input is empty", detectedForm: "empty input")
        }
        if first == 0x30 && accepted != .pem {
            // ASN.1 SEQUENCE: raw DER.
            return (input, "raw DER (\(input.count) bytes)")
        }
        guard let text = String(validating: input, as: UTF8.self) else {
            throw KeyLoadingError(
                .notBase64,
                "not base64 and not DER: binary data that does not start with an ASN.1 SEQUENCE",
                detectedForm: "binary data (\(input.count) bytes)")
        }
        if text.contains("-----BEGIN ") {
            guard accepted != .der else {
                throw KeyLoadingError(.unrecognizedFormat, "expected DER bytes but found PEM text; use init(pemRepresentation:) or init(importing:)", detectedForm: "PEM")
            }
            return try pemBody(text, wanted: wanted)
        }
        guard accepted == .any else {
            let expected = accepted == .pem ? "PEM text (-----BEGIN ...-----)" : "DER bytes"
            throw KeyLoadingError(.unrecognizedFormat, "expected \(expected); use init(importing:) for bare base64", detectedForm: "text without PEM armour")
        }
        let compact = text.unicodeScalars.filter { !$0.properties.isWhitespace }
        guard let der = Data(base64Encoded: String(String.UnicodeScalarView(compact))) else {
            throw KeyLoadingError(
                .notBase64,
                "not base64: the text has no PEM armour and is not valid standard base64 (paste the whole key, including any trailing '=')",
                detectedForm: "text (\(compact.count) non-space characters)")
        }
        return ([UInt8](der), "bare base64 (\(compact.count) characters, \(der.count) bytes of DER)")
    }

    private static func pemBody(_ text: String, wanted: Wanted) throws -> ([UInt8], String) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let beginIndex = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else {
            throw KeyLoadingError(.unrecognizedFormat, "the PEM BEGIN line is malformed", detectedForm: "PEM")
        }
        let label = String(lines[beginIndex].dropFirst("-----BEGIN ".count).dropLast(5))
        let form = "PEM labelled \(label)"
        guard let endIndex = lines[beginIndex...].firstIndex(where: { $0 == "-----END \(label)-----" }) else {
            throw KeyLoadingError(.unrecognizedFormat, "the PEM block has no matching '-----END \(label)-----' line", detectedForm: form)
        }
        let inner = lines[(beginIndex + 1)..<endIndex]
        if label == "ENCRYPTED PRIVATE KEY" || inner.contains(where: { $0.hasPrefix("Proc-Type:") && $0.contains("ENCRYPTED") }) {
            throw encrypted(form: form)
        }
        if label.hasPrefix("EC ") || label.hasPrefix("DSA ") || label.hasPrefix("OPENSSH ") {
            let type = label.split(separator: " ").first.map(String.init) ?? label
            throw KeyLoadingError(.notRSA, "this is an \(type) key; Alipay+ signs with RSA (2048 bits or more)", detectedForm: form)
        }
        if label.contains("CERTIFICATE") {
            throw KeyLoadingError(
                .unrecognizedFormat,
                "this is a certificate, not a key; extract the public key with `openssl x509 -in FILE -pubkey -noout`",
                detectedForm: form)
        }
        guard pemLabels.contains(label) else {
            throw KeyLoadingError(
                .unrecognizedFormat,
                "unsupported PEM label '\(label)'; expected PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY or RSA PUBLIC KEY",
                detectedForm: form)
        }
        let body = inner.filter { !$0.contains(":") }.joined()
        guard let der = Data(base64Encoded: body) else {
            throw KeyLoadingError(.notBase64, "not base64: the body of the PEM block is not valid base64", detectedForm: form)
        }
        return ([UInt8](der), form)
    }

    private static func encrypted(form: String) -> KeyLoadingError {
        KeyLoadingError(
            .encryptedKey,
            "encrypted keys are not supported: decrypt with `openssl pkcs8 -topk8 -nocrypt -in encrypted.pem -out private_key.pem` and protect the file instead",
            detectedForm: form)
    }

    // MARK: - DER

    private static func decodeDER(_ der: [UInt8], form: String, wanted: Wanted) throws -> EVPKey {
        try OpenSSLErrors.isolated {
            var askedPassphrase: Int32 = 0
            var pointer = der.withUnsafeBufferPointer {
                calipayplus_decode_der($0.baseAddress, $0.count, calipayplus_selection_keypair(), &askedPassphrase)
            }
            if pointer == nil && askedPassphrase == 0 {
                ERR_clear_error()
                pointer = der.withUnsafeBufferPointer {
                    calipayplus_decode_der($0.baseAddress, $0.count, calipayplus_selection_public_key(), &askedPassphrase)
                }
            }
            if askedPassphrase != 0 {
                if let pointer { EVP_PKEY_free(pointer) }
                throw encrypted(form: form)
            }
            guard let pointer else {
                throw KeyLoadingError(
                    .unrecognizedFormat,
                    "the bytes are not a PKCS#8, PKCS#1 or SubjectPublicKeyInfo key",
                    detectedForm: form)
            }
            let key = EVPKey(taking: pointer)
            guard EVP_PKEY_is_a(pointer, "RSA") == 1 else {
                let name = EVP_PKEY_get0_type_name(pointer).map { String(cString: $0) } ?? "non-RSA"
                let article = name.first.map { "AEIOUF".contains($0) } == true ? "an" : "a"
                throw KeyLoadingError(.notRSA, "this is \(article) \(name) key; Alipay+ signs with RSA (2048 bits or more)", detectedForm: form)
            }
            let hasPrivatePart = hasPrivateExponent(pointer)
            switch (wanted, hasPrivatePart) {
            case (.privateKey, false):
                throw KeyLoadingError(
                    .publicKeyWhereExpectedPrivate,
                    "this is a public key where a private key was expected; sign with your own private key and give Alipay+ the public one",
                    detectedForm: form)
            case (.publicKey, true):
                throw KeyLoadingError(
                    .privateKeyWhereExpectedPublic,
                    "this is a private key where a public key was expected; verify with the Alipay+ public key from the Developer Center (never share a private key)",
                    detectedForm: form)
            default:
                break
            }
            let bits = key.bitCount
            guard bits >= 2048 else {
                throw KeyLoadingError(.keyTooSmall, "\(bits)-bit RSA is below the 2048-bit minimum; generate a new key with `alipayplus keygen`", detectedForm: form)
            }
            guard !hasPrivatePart || calipayplus_pairwise_check(pointer) == 1 else {
                throw KeyLoadingError(.inconsistentKey, "the private key is damaged: its parts do not belong together "
                    + "(a character changed when it was copied?); export it again", detectedForm: form)
            }
            return key
        }
    }

    private static func hasPrivateExponent(_ pointer: OpaquePointer) -> Bool {
        var exponent: OpaquePointer?
        let found = EVP_PKEY_get_bn_param(pointer, OSSL_PKEY_PARAM_RSA_D, &exponent) == 1
        if let exponent { BN_clear_free(exponent) }
        ERR_clear_error()
        return found
    }
}
