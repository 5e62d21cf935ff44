import AlipayPlusSigning
import Foundation

/// `alipayplus verify`: checks a Signature header against a body, explaining any mismatch.
enum VerifyCommand: CLICommand {
    static let name = "verify"
    static let summary = "Verify a Signature header value; explain why it does not match."
    static let options: [OptionSpec] = [
        .value("public-key", "FILE", "Public key (Alipay+'s, or yours to self-check); PEM, bare base64 or DER.", required: true),
        .value("client-id", "ID", "Client-Id header value as received.", required: true),
        .value("path", "PATH", "Request path only, e.g. /aps/api/v1/payments/pay.", required: true),
        .value("body-file", "FILE", "File holding the exact body bytes ('-' for stdin).", required: true),
        .value("time", "T", "Request-Time / Response-Time header value as received.", required: true),
        .value("signature", "VALUE", "The whole Signature header value (or just the signature).", required: true),
        .value("method", "METHOD", "HTTP method (default POST)."),
    ]
    static let usage = """
          alipayplus verify --public-key FILE --client-id ID --path PATH --body-file FILE
                            --time T --signature VALUE [--method POST]

        Exit status: 0 and 'valid' when the signature matches; 1 and an explanation of what was checked
        and the likely mistakes when it does not; 2 for unusable input (unreadable key, malformed header).

        Example:
          alipayplus verify --public-key alipayplus_public_key.pem --client-id SANDBOX_5YC47N2ZQHJ004124 \\
            --path /aps/api/v1/payments/inquiryPayment --body-file response.json \\
            --time 2025-02-21T05:43:09Z --signature 'algorithm=RSA256, keyVersion=1, signature=...'
        """

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let key: RSAPublicKey
        do {
            key = try RSAPublicKey(contentsOfFile: arguments.required("public-key"))
        } catch {
            throw CLIError.unusableInput("\(error)")
        }
        let body = try readInputFile(arguments.required("body-file"), what: "body file")
        var header = arguments.required("signature")
        if SignatureHeader.isBareSignature(header) {
            // Just the signature value: assume the default key version.
            header = "algorithm=RSA256, keyVersion=1, signature=" + header
        }
        let verdict = SignatureVerifier(keys: AlipayPlusPublicKeys(key)).verify(
            method: arguments.value("method") ?? "POST", path: arguments.required("path"),
            clientId: arguments.required("client-id"), time: arguments.required("time"),
            body: body, signatureHeader: header)
        switch verdict {
        case .valid:
            Console.out("valid\n")
            return 0
        case .invalid(let mismatch):
            if mismatch.code == .malformedHeader || mismatch.code == .missingHeader {
                throw CLIError.unusableInput(mismatch.description)
            }
            Console.out("invalid\n\(mismatch.description)\n")
            return 1
        }
    }
}
