import AlipayPlusSigning
import Foundation

/// `alipayplus sign`: prints the Signature header value for a request body.
enum SignCommand: CLICommand {
    static let name = "sign"
    static let summary = "Sign a request body and print the Signature header value."
    static let options: [OptionSpec] = [
        .value("private-key", "FILE", "Your private key (PEM, bare base64 or DER; PKCS#8 or PKCS#1).", required: true),
        .value("client-id", "ID", "Your Client-Id.", required: true),
        .value("path", "PATH", "Request path only, e.g. /aps/api/v1/payments/pay.", required: true),
        .value("body-file", "FILE", "File holding the exact body bytes ('-' for stdin).", required: true),
        .value("time", "T", "Request-Time to sign, used verbatim (default: now, printed on stderr)."),
        .value("key-version", "N", "keyVersion to write (default 1)."),
        .value("method", "METHOD", "HTTP method (default POST)."),
    ]
    static let usage = """
          alipayplus sign --private-key FILE --client-id ID --path PATH --body-file FILE
                          [--time T] [--key-version N] [--method POST]

        Prints the Signature header value on stdout. Without --time the current UTC time is used and
        printed on stderr: send it as the Request-Time header.

        Example:
          alipayplus sign --private-key keys/private_key.pem --client-id SANDBOX_5YC47N2ZQHJ004124 \\
            --path /aps/api/v1/payments/pay --body-file pay.json --time 2025-02-20T08:51:49Z
        """

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let key: RSAPrivateKey
        do {
            key = try RSAPrivateKey(contentsOfFile: arguments.required("private-key"))
        } catch {
            throw CLIError.unusableInput("\(error)")
        }
        let body = try readInputFile(arguments.required("body-file"), what: "body file")
        let signer = MessageSigner(clientId: arguments.required("client-id"), privateKey: key,
                                   keyVersion: arguments.value("key-version") ?? "1")
        let method = arguments.value("method") ?? "POST"
        let signed: SignedMessage
        if let time = arguments.value("time") {
            signed = try signer.sign(method: method, path: arguments.required("path"), body: body, time: time)
        } else {
            signed = try signer.sign(method: method, path: arguments.required("path"), body: body)
            Console.error("Request-Time: \(signed.time)\n")
        }
        Console.out(signed.headerValue + "\n")
        return 0
    }
}
