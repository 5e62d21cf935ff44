import AlipayPlusTesting
import Foundation

/// `alipayplus soak`: the fault-injection soak of the test suite, at any size.
enum SoakCommand: CLICommand {
    static let name = "soak"
    static let summary = "Run the fault-injection soak against the built-in simulator."
    static let options: [OptionSpec] = [
        .value("charges", "N", "Number of charges (default 2000)."),
        .value("seed", "S", "Seed of every random choice (default \(SoakConfiguration.defaultSeed); with --processes: the time)."),
        .value("concurrency", "N", "Concurrent charging tasks (default 16; 8 with --processes)."),
        .value("crashes", "N", "Simulated process crashes (default 24 + charges/4000)."),
        .value("fault-rate", "P", "Share of requests given a transport fault, 0...1 (default 0.08; 0.05 with --processes)."),
        .value("directory", "DIR", "Folder for the durable store (default: a temporary folder, removed after)."),
        .flag("processes", "Run the merchant side as child processes killed with SIGKILL (seed default: the time)."),
        .value("kills", "N", "With --processes: SIGKILLs to deliver (default: charges/30, at least 5)."),
        .value("instances", "K", "With --processes: merchant children at once (default 1; K>1 needs --merchant-executable)."),
        .value("merchant-executable", "PATH", "With --processes: the child executable (default: this binary's soak-merchant)."),
        .repeatedValue("merchant-arg", "A", "With --processes: an argument given to the child before --store ... (repeatable)."),
    ]
    static let usage = """
          alipayplus soak [--charges N] [--seed S] [--concurrency N] [--crashes N] [--fault-rate P] [--directory DIR]
          alipayplus soak --processes [--charges N] [--seed S] [--kills N] [--instances K]
                          [--merchant-executable PATH [--merchant-arg A]...] [--concurrency N] [--fault-rate P] [--directory DIR]

        Charges through AutoDebitCoordinator with a journaled store against the simulator, injecting
        transport faults, unknown outcomes, token expiry, duplicated/delayed/reordered notifications,
        refunds and process crashes, then checks every outcome against the simulator's ledger.
        Prints one summary line; on a violation prints the seed and the violations and exits 1.

        With --processes the merchant side runs as child processes (the coordinator with the journal
        store, over loopback HTTP to a sandbox in this process, receiving its notifications over HTTP),
        killed with SIGKILL at moments drawn from the seed (while opening the journal, while recovering,
        while serving) and restarted on the same folder; the sandbox's ledger judges at the end. A child
        is started as: PATH [A...] --store DIR --sandbox URL --port 0 --instance-id ID (see
        Documentation/Reliability.md for its contract).

        Examples:
          alipayplus soak --charges 100000 --seed 1
          alipayplus soak --processes --charges 1000 --kills 30
        """

    static func run(_ arguments: CommandLineArguments) async throws -> Int32 {
        if arguments.flag("processes") { return try await runProcesses(arguments) }
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

extension SoakCommand {
    /// `soak --processes`: the process-kill soak.
    static func runProcesses(_ arguments: CommandLineArguments) async throws -> Int32 {
        let seed = try arguments.value("seed", command: name, must: "be an unsigned integer", { UInt64($0) })
            ?? ProcessSoakConfiguration.timeSeed()
        var configuration = ProcessSoakConfiguration(seed: seed, merchantExecutable: "", merchantArguments: [])
        if let value = try arguments.value("charges", command: name, must: "be a positive integer", { Int($0) }, where: { $0 > 0 }) {
            configuration.charges = value
        }
        if let value = try arguments.value("kills", command: name, must: "be 0 or more", { Int($0) }, where: { $0 >= 0 }) {
            configuration.kills = value
        }
        if let value = try arguments.value("instances", command: name, must: "be a positive integer", { Int($0) }, where: { $0 > 0 }) {
            configuration.instances = value
        }
        if let value = try arguments.value("concurrency", command: name, must: "be a positive integer", { Int($0) }, where: { $0 > 0 }) {
            configuration.concurrency = value
        }
        if let value = try arguments.value("fault-rate", command: name, must: "be within 0...1", { Double($0) }, where: { (0...1).contains($0) }) {
            configuration.faultRate = value
        }
        if let path = arguments.value("directory") {
            configuration.directory = URL(fileURLWithPath: path, isDirectory: true)
        }
        if let executable = arguments.value("merchant-executable") {
            configuration.merchantExecutable = URL(fileURLWithPath: executable).path
            configuration.merchantArguments = arguments.values("merchant-arg")
        } else {
            guard configuration.instances == 1 else {
                throw CLIError.usage("--instances \(configuration.instances) needs --merchant-executable: the built-in child's "
                                     + "journal store is held by one process, so several instances need a child with a shared store",
                                     command: name)
            }
            guard arguments.values("merchant-arg").isEmpty else {
                throw CLIError.usage("--merchant-arg is given to a --merchant-executable; the built-in child takes none", command: name)
            }
            configuration.merchantExecutable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? URL(fileURLWithPath: CommandLine.arguments[0]).path
            configuration.merchantArguments = [SoakMerchantCommand.name]
        }
        Console.error("soak --processes: seed=\(configuration.seed) charges=\(configuration.charges) kills=\(configuration.plannedKills) "
                      + "instances=\(configuration.instances)\n")
        let report = try await ProcessSoakDriver(configuration: configuration).run()
        Console.out(report.text() + "\n")
        return report.passed ? 0 : 1
    }
}
