import Foundation
import XCTest

/// Runs `alipayplus bench` for a moment and checks the shape of its JSON (never its timings).
/// Skipped, with the reason printed, when the executable was not built next to the test bundle.
final class BenchSmokeTests: XCTestCase {
    private func binary() throws -> URL {
        let testExecutable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var directory = testExecutable.deletingLastPathComponent()
        // On macOS the test binary sits inside a .xctest bundle.
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS" || directory.lastPathComponent == "Contents" {
            directory.deleteLastPathComponent()
        }
        let candidate = directory.appendingPathComponent("alipayplus")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            print("Skipping bench smoke test: \(candidate.path) was not built (run `swift build --product alipayplus` first)")
            throw XCTSkip("alipayplus executable not built at \(candidate.path)")
        }
        return candidate
    }

    func testBenchPrintsEveryRowAsJSON() throws {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["bench", "--seconds", "0.02", "--concurrent", "50", "--json"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, stderr)

        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: stdout) as? [String: Any],
                                   String(decoding: stdout, as: UTF8.self))
        for name in ["sign", "verify", "notification", "charge", "charge_sealing", "charge_durable", "charge_durable_sealing",
                     "charge_parallel", "charge_durable_parallel"] {
            let row = try XCTUnwrap(object[name] as? [String: Any], "missing row \(name)")
            for field in ["ops_per_s", "baseline_ops_per_s", "ratio", "limit_ops_per_s", "limit_ratio", "target_ratio"] {
                let value = try XCTUnwrap(row[field] as? Double, "\(name).\(field)")
                XCTAssertGreaterThan(value, 0, "\(name).\(field)")
            }
            let against = try XCTUnwrap(row["target_against"] as? String, "\(name).target_against")
            XCTAssertTrue(["limit", "baseline"].contains(against), "\(name).target_against is \(against)")
        }
        // Counted, not timed: the durable rows and the notification row say how many fsyncs each took.
        for name in ["notification", "charge_durable", "charge_durable_sealing", "charge_durable_parallel"] {
            let row = try XCTUnwrap(object[name] as? [String: Any])
            let fsyncs = try XCTUnwrap(row["fsyncs_per_op"] as? Double, "\(name).fsyncs_per_op")
            XCTAssertGreaterThan(fsyncs, 0, "\(name) writes a journal, so it fsyncs")
        }
        // Sealed against unsealed (bindings kept opened) in the same run: both rows compare with a baseline.
        for name in ["charge_sealing", "charge_durable_sealing"] {
            XCTAssertEqual((object[name] as? [String: Any])?["target_against"] as? String, "baseline", name)
        }
        for name in ["sign", "verify", "charge", "charge_sealing"] {
            XCTAssertNil((object[name] as? [String: Any])?["fsyncs_per_op"], "\(name) writes no journal")
        }
        XCTAssertNotNil(object["peak_rss_mb_10k"] as? Double)
        XCTAssertNotNil(object["wall_s_10k"] as? Double)
        XCTAssertGreaterThan(try XCTUnwrap(object["cores"] as? Int), 0)
        XCTAssertTrue(try XCTUnwrap(object["openssl"] as? String).contains("OpenSSL"))
    }

    func testBenchRejectsAnUnknownRow() throws {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["bench", "--only", "verfy"]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2)
    }

    func testBenchRejectsABadDuration() throws {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["bench", "--seconds", "zero"]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2)
    }
}
