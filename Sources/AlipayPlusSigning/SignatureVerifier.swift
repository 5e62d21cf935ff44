public import Foundation
import AlipayPlusTime

/// Checks Alipay+ signatures on responses and on inbound notifications.
///
/// Never throws: every failure is a ``SignatureVerdict/invalid(_:)`` whose ``SignatureMismatch``
/// explains what was checked. Pass the raw body bytes and the time header exactly as received.
///
/// ```swift
/// let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(try RSAPublicKey(contentsOfFile: path)))
/// let verdict = verifier.verify(path: "/aps/api/v1/payments/pay", clientId: clientId,
///                               time: responseTime, body: rawBody, signatureHeader: signature)
/// guard verdict.isValid else { ... }
/// ```
public struct SignatureVerifier: Sendable {
    /// The Alipay+ public keys this verifier uses.
    public let keys: AlipayPlusPublicKeys

    /// Creates a verifier for one environment's keys.
    public init(keys: AlipayPlusPublicKeys) {
        self.keys = keys
    }

    /// Verifies `signatureHeader` over `<method> <path>\n<clientId>.<time>.<body>`.
    ///
    /// - Parameters:
    ///   - method: HTTP method of the request (default `POST`).
    ///   - path: The request path only (no host, no query).
    ///   - clientId: The `Client-Id` header value as received.
    ///   - time: The `Response-Time` (or, for notifications, `Request-Time`) value as received.
    ///   - body: The raw body bytes as received.
    ///   - signatureHeader: The `Signature` header value, or `nil` when absent (always invalid).
    public func verify(method: String = "POST", path: String, clientId: String, time: String,
                       body: Data, signatureHeader: String?) -> SignatureVerdict {
        let content = SigningContent(method: method, path: path, clientId: clientId, time: time, body: body)
        guard let signatureHeader, !signatureHeader.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
            return .invalid(SignatureMismatch(
                code: .missingHeader, content: content, keyVersion: nil, detail: nil,
                likelyCauses: [
                    "the message was not signed: it may come from a proxy, load balancer or error page rather than Alipay+",
                    "the Signature header was dropped or renamed on the way (header names are case-insensitive)",
                ]))
        }
        let header: SignatureHeader
        do {
            header = try SignatureHeader(parsing: signatureHeader)
        } catch let error as SignatureHeaderError {
            return .invalid(SignatureMismatch(
                code: .malformedHeader, content: content, keyVersion: nil, detail: error.message,
                likelyCauses: ["the header value was cut or altered in transit; expected 'algorithm=RSA256, keyVersion=1, signature=<percent-encoded base64>'"]))
        } catch {
            return .invalid(SignatureMismatch(code: .malformedHeader, content: content, keyVersion: nil, detail: "\(error)", likelyCauses: []))
        }
        guard Self.isRSA256(header.algorithm) else {
            return .invalid(SignatureMismatch(
                code: .unsupportedAlgorithm, content: content, keyVersion: header.keyVersion,
                detail: "algorithm \(SignatureHeader.shown(header.algorithm))",
                likelyCauses: ["Alipay+ signs with RSA256 (SHA256withRSA) only"]))
        }
        guard let key = keys.key(forVersion: header.keyVersion) else {
            let known = keys.knownVersions.joined(separator: ", ")
            return .invalid(SignatureMismatch(
                code: .unknownKeyVersion, content: content, keyVersion: header.keyVersion, detail: nil,
                likelyCauses: [
                    "Alipay+ rotated its key: download the public key for keyVersion \(SignatureHeader.shown(header.keyVersion)) from the Developer Center and add it (configured versions: \(known.isEmpty ? "none" : known))",
                    "the message comes from the other environment (sandbox vs production)",
                ]))
        }
        if key.isValidSignature(header.signature, for: content.bytes) {
            return .valid(keyVersion: header.keyVersion)
        }
        return .invalid(SignatureMismatch(
            code: .signatureDoesNotMatch, content: content, keyVersion: header.keyVersion,
            detail: header.signature.count == key.bitCount / 8 ? nil : "signature is \(header.signature.count) bytes, the key expects \(key.bitCount / 8)",
            likelyCauses: Self.likelyCauses(content: content, header: header, keys: keys)))
    }

    /// Whether `algorithm` is `RSA256` in any ASCII case (compared without building a new string).
    static func isRSA256(_ algorithm: String) -> Bool {
        let expected = "rsa256".utf8
        guard algorithm.utf8.count == expected.count else { return false }
        return zip(algorithm.utf8, expected).allSatisfy { byte, lower in
            ((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte) == lower
        }
    }

    static func likelyCauses(content: SigningContent, header: SignatureHeader, keys: AlipayPlusPublicKeys) -> [String] {
        var specific: [String] = []
        let path = content.path
        if path.contains("://") || path.contains("?") || !path.hasPrefix("/") {
            specific.append("the path '\(path)' includes the host or query string or lacks the leading '/': use the path only, e.g. /aps/api/v1/payments/pay")
        }
        if AlipayPlusTimestamp.date(from: content.time) == nil {
            specific.append("the time '\(content.time)' is not an ISO 8601 time with offset: pass the Request-Time/Response-Time header value verbatim")
        }
        if !keys.knownVersions.isEmpty, !keys.knownVersions.contains(header.keyVersion) {
            specific.append("keyVersion \(SignatureHeader.shown(header.keyVersion)) is not configured explicitly, so the fallback key was used: it may be the wrong key for that version")
        }
        if let first = content.body.first, first == 0x20 || first == 0x0A || first == 0x0D || first == 0x09 {
            specific.append("the body starts with whitespace: it was probably re-formatted")
        }
        return specific + [
            "the body was re-serialized (pretty-printed, keys re-ordered, escaping changed) between signing and sending, or between receiving and verifying: use the exact raw bytes",
            "the path differs from the one that was signed (host or query included, wrong API version, a proxy prefix)",
            "the public key is for the other environment (sandbox vs production), or is your own key instead of the Alipay+ public key",
            "the time string was re-formatted (parsed and printed again) instead of used exactly as sent or received",
            "the client id differs from the Client-Id header that was signed",
            "keyVersion \(SignatureHeader.shown(header.keyVersion)) names a key other than the one configured for it (after a key rotation, add each version's key)",
        ]
    }
}
