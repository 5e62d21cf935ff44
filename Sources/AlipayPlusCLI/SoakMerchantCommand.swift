import AlipayPlus
import AlipayPlusTesting
import Foundation

/// `alipayplus soak-merchant` (hidden): the merchant child of `alipayplus soak --processes`, with the
/// journal store in `--store DIR`.
enum SoakMerchantCommand: CLICommand {
    static let name = "soak-merchant"
    static let summary = "The merchant child process of 'soak --processes' (journal store)."
    static let isHidden = true
    static let options: [OptionSpec] = [
        .value("store", "DIR", "The journal folder (the same after each restart).", required: true),
        .value("sandbox", "URL", "The driver's sandbox, http://127.0.0.1:<port>.", required: true),
        .value("port", "P", "The port to listen on (0: any free port).", required: true),
        .value("instance-id", "ID", "The coordinator's instance id.", required: true),
    ]
    static let usage = """
          alipayplus soak-merchant --store DIR --sandbox URL --port P --instance-id ID

        Started by 'alipayplus soak --processes'; writes 'opening', 'open' and 'ready port=<P>' on
        standard output and serves the driver's commands and Alipay+'s notifications until killed.
        """

    static func run(_ arguments: CommandLineArguments) async throws -> Int32 {
        let options = try ProcessSoakMerchant.Options(arguments: ["store", "sandbox", "port", "instance-id"].flatMap {
            ["--\($0)", arguments.required($0)]
        })
        ProcessSoakMerchant.announceOpening()
        try FileManager.default.createDirectory(at: options.storeDirectory, withIntermediateDirectories: true)
        let store = try LocalAutoDebitStore(directory: options.storeDirectory, keyRing: TestKeys.tokenKeyRing)
        try await ProcessSoakMerchant(store: store, options: options).run()
        return 0
    }
}
