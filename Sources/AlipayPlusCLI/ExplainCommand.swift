import AlipayPlusSigning
import Foundation

/// `alipayplus explain`: prints the exact bytes that are signed, for comparing with the other side.
enum ExplainCommand: CLICommand {
    static let name = "explain"
    static let summary = "Print the exact content to sign, byte for byte."
    static let options: [OptionSpec] = [
        .value("client-id", "ID", "Client-Id header value.", required: true),
        .value("path", "PATH", "Request path only, e.g. /aps/api/v1/payments/pay.", required: true),
        .value("body-file", "FILE", "File holding the exact body bytes ('-' for stdin).", required: true),
        .value("time", "T", "Request-Time / Response-Time header value.", required: true),
        .value("method", "METHOD", "HTTP method (default POST)."),
    ]
    static let usage = """
          alipayplus explain --client-id ID --path PATH --body-file FILE --time T [--method POST]

        Writes '<METHOD> <PATH>\\n<ID>.<T>.<body>' to stdout with no trailing newline, so it can be
        piped into 'openssl dgst -sha256 -sign private_key.pem' or compared with 'cmp'/'xxd'.

        Example:
          alipayplus explain --client-id SANDBOX_5YC47N2ZQHJ004124 --path /aps/api/v1/payments/pay \\
            --body-file pay.json --time 2025-02-20T08:51:49Z | xxd | head
        """

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let body = try readInputFile(arguments.required("body-file"), what: "body file")
        let content = SigningContent(method: arguments.value("method") ?? "POST", path: arguments.required("path"),
                                     clientId: arguments.required("client-id"), time: arguments.required("time"), body: body)
        Console.out(content.bytes)
        return 0
    }
}
