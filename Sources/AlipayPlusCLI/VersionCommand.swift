import AlipayPlusSigning
import AlipayPlusTransport
import Foundation

/// `alipayplus version` (also `alipayplus --version`): the library version and the libcrypto it runs on.
enum VersionCommand: CLICommand {
    static let name = "version"
    static let summary = "Print the version of alipayplus and of the OpenSSL it uses."
    static let options: [OptionSpec] = []
    static let usage = """
          alipayplus version
          alipayplus --version

        Prints 'alipayplus <version>' on the first line (the alipayplus-swift library version, also sent
        in the User-Agent header) and the runtime OpenSSL version on the second.

        Example:
          alipayplus --version
        """

    /// The two lines `version` prints.
    static var text: String {
        "alipayplus \(AlipayPlusTransportVersion.current)\n\(OpenSSLInfo.version)\n"
    }

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        Console.out(text)
        return 0
    }
}
