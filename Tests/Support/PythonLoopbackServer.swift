public import Foundation
internal import XCTest

/// A `python3` child process running a small HTTP server script on 127.0.0.1.
///
/// The script must print one line (the port, then anything else it wants to report) once it listens,
/// and should exit when its standard input closes. The loopback helpers of the transport and the
/// client test suites each bring their own script and share this process handling.
public final class PythonLoopbackServer {
    /// The whitespace-separated numbers of the line the script printed first (the port comes first).
    public let announced: [Int]
    /// The port the server listens on.
    public var port: Int { announced[0] }
    private let process: Process
    private let stdinPipe: Pipe

    /// Starts `script` with `arguments` and waits for its first line.
    ///
    /// - Parameters:
    ///   - script: Python source passed with `-c`.
    ///   - arguments: Extra command-line arguments for the script.
    ///   - numbers: How many integers the first line must hold.
    ///   - name: The helper's name, used in the skip messages.
    /// - Throws: `XCTSkip` when `python3` is missing or does not report a port.
    public init(script: String, arguments: [String] = [], numbers: Int = 1, name: String) throws {
        guard let python = Self.findExecutable("python3") else {
            print("\(name): python3 not found on PATH; skipping real loopback tests")
            throw XCTSkip("python3 not found on PATH: real loopback HTTP tests skipped")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", script] + arguments
        let stdout = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let parts = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard parts.count == numbers else {
            try? stdin.fileHandleForWriting.close()
            process.terminate()
            process.waitUntilExit()
            print("\(name): python3 did not report a port; skipping real loopback tests")
            throw XCTSkip("python3 http.server did not start")
        }
        self.process = process
        self.stdinPipe = stdin
        announced = parts
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Stops the child: closing its stdin first makes it exit (SIGTERM alone may be blocked in a child
    /// of Process), then terminates it and waits.
    public func stop() {
        try? stdinPipe.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    private static func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
