import Foundation

// The `alipayplus` command: one small file per subcommand, dispatched from here.
// Top-level code runs on the main actor; commands that need async work use top-level await.

/// Every subcommand, in the order `alipayplus --help` lists them.
let commands: [any CLICommand.Type] = [
    DemoCommand.self,
    KeygenCommand.self,
    SignCommand.self,
    VerifyCommand.self,
    ExplainCommand.self,
    ReconcileCommand.self,
    StoreCommand.self,
    SoakCommand.self,
    SoakMerchantCommand.self,
    BenchCommand.self,
    VersionCommand.self,
]

func topLevelHelp(_ commands: [any CLICommand.Type]) -> String {
    var rows: [(name: String, summary: String)] = []
    for command in commands where !command.isHidden {
        rows.append((command.name, command.summary))
    }
    let width = rows.map { $0.name.count }.max() ?? 0
    let list = rows.map { "  " + $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }
    return """
        alipayplus: tools for the Alipay+ Auto Debit merchant library.

        Usage:
          alipayplus <command> [options]
          alipayplus <command> --help
          alipayplus --version

        Commands:
        \(list.joined(separator: "\n"))

        Examples:
          alipayplus keygen --out ./keys
          alipayplus sign --private-key keys/private_key.pem --client-id SANDBOX_5YC47N2ZQHJ004124 \\
            --path /aps/api/v1/payments/pay --body-file pay.json

        """
}

let argv = Array(CommandLine.arguments.dropFirst())
var exitCode: Int32 = 0
if argv.isEmpty || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help" {
    Console.out(topLevelHelp(commands))
    exitCode = argv.isEmpty ? 2 : 0
} else if argv == ["--version"] {
    Console.out(VersionCommand.text)
} else if let command = commands.first(where: { $0.name == argv[0] }) {
    do {
        let arguments = try CommandLineArguments(Array(argv.dropFirst()), specs: command.options, command: command.name)
        if arguments.helpRequested {
            Console.out(command.help)
        } else {
            exitCode = try await command.run(arguments)
        }
    } catch let error as CLIError {
        Console.error("alipayplus \(command.name): \(error.message)\n")
        exitCode = error.exitCode
    } catch {
        Console.error("alipayplus \(command.name): \(error)\n")
        exitCode = 1
    }
} else {
    Console.error("alipayplus: unknown command '\(argv[0])'\nRun 'alipayplus --help' for the list of commands.\n")
    exitCode = 2
}
exit(exitCode)
