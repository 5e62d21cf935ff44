import Foundation
import XCTest

/// Runs the built `alipayplus demo` (skipped, with the reason printed, when the executable was not built).
final class DemoCommandTests: XCTestCase {
    private func binary() throws -> URL {
        let candidate = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("alipayplus")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            print("Skipping demo test: \(candidate.path) was not built (run `swift build --product alipayplus` first)")
            throw XCTSkip("alipayplus executable not built at \(candidate.path)")
        }
        return candidate
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testDemoAgainstTheSimulatorSucceedsAndExplainsEachStep() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("demo-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: store) }
        let result = try run(["demo", "--store", store.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stderr, "")
        let out = result.stdout
        // Compare with runs of spaces folded, so column widths can change.
        let words = out.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        for expected in [
            "in-process simulator", "virtual", store.path,
            "→ prepare", "→ applyToken", "← S SUCCESS", "signature verified",
            "→ pay PAY-DEMO-1 ← S SUCCESS", "→ inquiryPayment PAY-DEMO-1 ← payment S SUCCESS", "→ refund REF-DEMO-1 ← S SUCCESS",
            "refused before any call",
            "← U PAYMENT_IN_PROCESS", "outcome unknown → inquiring every 3 s",
            "still unknown after 60 s → cancelPayment", "→ cancelPayment PAY-DEMO-2 ← S SUCCESS",
            "→ inquiryPayment ×20 PAY-DEMO-2 ← payment U PAYMENT_IN_PROCESS all verified, t+3s…t+60s",
            "PAY-DEMO-2 canceled; the user was not charged", "charged 0 times",
            "⇠ notifyPayment", "⇠ authNotify", "TOKEN_CANCELED", "verified, applied once",
            "→ cancelToken", "PAY-DEMO-1 5.99 HKD succeeded 1 2.00 HKD", "PAY-DEMO-2 7.00 HKD canceled 0 -",
            "no payment charged twice: ok", "Done in",
        ] {
            XCTAssertTrue(words.contains(expected), "missing \"\(expected)\" in:\n\(out)")
        }
        // The 60 s window is folded into one line, and no line is a debug dump.
        XCTAssertLessThan(out.split(separator: "\n").count, 80)
        for line in out.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 120, "line too long: \(line)")
        }
        // No secret: simulator tokens and auth codes start with SIMAT / SIMRT / SIMAC.
        for secret in ["SIMAT", "SIMRT", "SIMAC", "accessToken=", "authCode="] {
            XCTAssertFalse(out.contains(secret), "a secret leaked (\(secret))")
        }
        // The durable store wrote its journal there.
        let files = try FileManager.default.contentsOfDirectory(atPath: store.path)
        XCTAssertFalse(files.isEmpty)
    }

    func testTheDemoRunsAgainOnTheSameStoreWithFreshRequestIds() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("demo-again-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: store) }
        let first = try run(["demo", "--store", store.path])
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        let second = try run(["demo", "--store", store.path])
        XCTAssertEqual(second.status, 0, second.stdout + second.stderr)
        let words = second.stdout.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        for expected in ["→ pay PAY-DEMO-3 ← S SUCCESS", "→ refund REF-DEMO-2 ← S SUCCESS", "PAY-DEMO-4 canceled",
                         "no payment charged twice: ok"] {
            XCTAssertTrue(words.contains(expected), "missing \"\(expected)\" in:\n\(second.stdout)")
        }
    }

    func testTheDemoCreatesItsStoreFolderOwnerOnly() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("demo-mode-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let store = parent.appendingPathComponent("store")
        let result = try run(["demo", "--store", store.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let mode = try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o700)
    }

    func testTheDemoRefusesACurrencyOutsideISO4217BeforeAnyCall() throws {
        let result = try run(["demo", "--currency", "XYZ"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("XYZ is not an active ISO 4217"), result.stderr)
        XCTAssertFalse(result.stdout.contains("→ pay"), result.stdout)
    }

    func testDemoHelpHasExamples() throws {
        let result = try run(["demo", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("Examples:"))
        XCTAssertTrue(result.stdout.contains("--base-url URL"))
    }

    func testDemoWithPartialEndpointOptionsIsAUsageError() throws {
        let result = try run(["demo", "--base-url", "https://example.com"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--client-id"), result.stderr)
    }

    func testDemoAgainstAnUnreachableEndpointFailsClearly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("demo-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        XCTAssertEqual(try run(["keygen", "--out", directory.path]).status, 0)
        let key = directory.appendingPathComponent("private_key.pem").path
        // Another pair stands in for Alipay+'s: the merchant's own public key is refused as Alipay+'s.
        let alipayDirectory = directory.appendingPathComponent("alipayplus")
        XCTAssertEqual(try run(["keygen", "--out", alipayDirectory.path]).status, 0)
        let publicKey = alipayDirectory.appendingPathComponent("public_key.pem").path
        // Port 9 on loopback: nothing listens, the connection is refused.
        let result = try run(["demo", "--base-url", "http://127.0.0.1:9", "--client-id", "SANDBOX_X",
                              "--private-key", key, "--alipay-public-key", publicKey,
                              "--store", directory.appendingPathComponent("store").path])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("demo failed"), result.stderr)
        XCTAssertTrue(result.stdout.contains("✗ prepare"), result.stdout)
    }
}
