import AlipayPlusTesting
import Foundation

/// `alipayplus soak`: the fault-injection soak of the test suite, at any size.
enum SoakCommand: CLICommand {
    static let name = "soak"
    static let summary = "Run the fault-injection soak against the built-in simulator."
    static let options: [OptionSpec] = [
        .value("charges", "N", "Number of charges (default 2000)."),
        .value("seed", "S", "Seed of every random choice (default \(SoakConfiguration.defaultSeed))."),
        .value("concurrency", "N", "Concurrent charging tasks (default 16)."),
        .value("crashes", "N", "Simulated process crashes (default 24 + charges/4000)."),
        .value("fault-rate", "P", "Share of requests given a transport fault, 0...1 (default 0.08)."),
        .value("directory", "DIR", "Folder for the durable store (default: a temporary folder, removed after)."),
    ]
    static let usage = """
          alipayplus soak [--charges N] [--seed S] [--concurrency N] [--crashes N] [--fault-rate P] [--directory DIR]

        Charges through AutoDebitCoordinator with a journaled store against the simulator, injecting
        transport faults, unknown outcomes, token expiry, duplicated/delayed/reordered notifications,
        refunds and process crashes, then checks every outcome against the simulator's ledger.
        Prints one summary line; on a violation prints the seed and the violations and exits 1.

        Example:
          alipayplus soak --charges 100000 --seed 1
        """

    static func run(_ arguments: CommandLineArguments) async throws -> Int32 {
        var configuration = SoakConfiguration()
        if let value = try arguments.value("charges", command: name, must: "be a positive integer", { Int($0) }, where: { $0 > 0 }) {
            configuration.charges = value
        }
        if let value = try arguments.value("seed", command: name, must: "be an unsigned integer", { UInt64($0) }) {
            configuration.seed = value
        }
        if let value = try arguments.value("concurrency", command: name, must: "be a positive integer", { Int($0) }, where: { $0 > 0 }) {
            configuration.concurrency = value
        }
        if let value = try arguments.value("crashes", command: name, must: "be 0 or more", { Int($0) }, where: { $0 >= 0 }) {
            configuration.crashes = value
        }
        if let value = try arguments.value("fault-rate", command: name, must: "be within 0...1", { Double($0) }, where: { (0...1).contains($0) }) {
            configuration.faultRate = value
        }
        if let path = arguments.value("directory") {
            configuration.directory = URL(fileURLWithPath: path, isDirectory: true)
        }
        Console.error("soak: seed=\(configuration.seed) charges=\(configuration.charges)\n")
        let report = try await SoakRunner(configuration: configuration).run()
        Console.out(report.text() + "\n")
        return report.passed ? 0 : 1
    }
}
