import Foundation
import XCTest

/// Runs the built `alipayplus` executable for the CLI suites (skips the test, with the reason
/// printed, when it was not built).
struct CLIRunner {
    let binary: String

    init() throws {
        let candidate = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("alipayplus").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            print("Skipping CLI test: \(candidate) was not built (run `swift build --product alipayplus` first)")
            throw XCTSkip("alipayplus executable not built at \(candidate)")
        }
        binary = candidate
    }

    /// Runs `alipayplus arguments...`, optionally under `umask` (through /bin/sh).
    func run(_ arguments: [String], umask: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = if let umask {
            try Fixtures.run("/bin/sh", ["-c", "umask \(umask) && exec \"$0\" \"$@\"", binary] + arguments)
        } else {
            try Fixtures.run(binary, arguments)
        }
        return (result.status, String(decoding: result.stdout, as: UTF8.self), result.stderr)
    }
}
