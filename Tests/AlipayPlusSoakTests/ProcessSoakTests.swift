import AlipayPlusTesting
import Foundation
import XCTest

/// The process-kill soak end to end: the built `alipayplus` binary drives a sandbox and kills its
/// merchant child (the same binary's `soak-merchant`) with SIGKILL, then the ledger judges.
final class ProcessSoakTests: XCTestCase {
    /// The `alipayplus` executable of this build: next to the test bundle in the build folder.
    private func builtBinary() throws -> URL {
        var folder = Bundle(for: Self.self).bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("alipayplus")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        XCTFail("no alipayplus executable next to \(Bundle(for: Self.self).bundleURL.path): run `swift build --build-tests` first")
        throw CocoaError(.fileNoSuchFile)
    }

    func testChargesSurviveSIGKILLsOfTheMerchantProcessWithNothingLostOrDoubled() throws {
        let seed = UInt64(Date().timeIntervalSince1970)
        let process = Process()
        process.executableURL = try builtBinary()
        process.arguments = ["soak", "--processes", "--charges", "100", "--kills", "5", "--seed", "\(seed)"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        print(text)
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("seed=\(seed)"), text)
        XCTAssertTrue(text.contains(" kills=5 "), text)
        XCTAssertFalse(text.contains("FAILED"), text)
    }

    func testAMerchantThatDiesByItselfFailsTheRunInsteadOfHangingIt() async throws {
        // A "merchant" that starts, says it serves, and exits on its own: a crash, not a planned kill.
        let configuration = ProcessSoakConfiguration(
            charges: 10, seed: 1, kills: 0, merchantExecutable: "/bin/sh",
            merchantArguments: ["-c", "echo opening; echo open; echo ready port=9; exit 3"]
        )
        do {
            _ = try await ProcessSoakDriver(configuration: configuration).run()
            XCTFail("a merchant that died by itself must fail the run")
        } catch let error as ProcessSoakError {
            XCTAssertTrue(error.description.contains("died by itself"), error.description)
        }
    }
}
