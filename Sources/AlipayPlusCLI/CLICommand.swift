import Foundation

/// One `alipayplus` subcommand. Add a type conforming to this and list it in `main.swift`.
protocol CLICommand {
    /// The subcommand name, e.g. `sign`.
    static var name: String { get }
    /// One line for `alipayplus --help`.
    static var summary: String { get }
    /// Options the command accepts.
    static var options: [OptionSpec] { get }
    /// Usage line(s) and examples shown by `--help` after the summary.
    static var usage: String { get }
    /// Whether `alipayplus --help` lists it.
    static var isHidden: Bool { get }
    /// Runs the command; returns the process exit code.
    static func run(_ arguments: CommandLineArguments) async throws -> Int32
}

extension CLICommand {
    static var isHidden: Bool { false }

    /// The full `--help` text.
    static var help: String {
        "\(summary)\n\nUsage:\n\(usage)\n\nOptions:\n\(optionsHelp(options))\n"
    }
}

/// A failure the CLI reports on stderr with an exit code (2: usage or unusable input).
struct CLIError: Error {
    let message: String
    let exitCode: Int32
    let command: String?

    static func usage(_ message: String, command: String?) -> CLIError {
        CLIError(message: message + "\nRun 'alipayplus \(command.map { "\($0) " } ?? "")--help' for usage.", exitCode: 2, command: command)
    }

    static func unusableInput(_ message: String) -> CLIError {
        CLIError(message: message, exitCode: 2, command: nil)
    }
}

/// Standard output and error without implicit newlines.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func out(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Reads a file, or standard input for `-`.
func readInputFile(_ path: String, what: String) throws -> Data {
    if path == "-" {
        return FileHandle.standardInput.readDataToEndOfFile()
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError.unusableInput("cannot read \(what) '\(path)'")
    }
    return data
}
