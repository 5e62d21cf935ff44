import AlipayPlus
import AlipayPlusReconciliation
import Foundation
import XCTest

/// Runs the built `alipayplus reconcile` (it sits next to the test bundle after `swift build` / `swift test`).
final class ReconcileCommandTests: XCTestCase {
    typealias F = LedgerFixtures

    private func binary() throws -> URL {
        let candidates = [Bundle.main.bundleURL, Bundle(for: Self.self).bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .flatMap { [$0.deletingLastPathComponent(), $0.deletingLastPathComponent().deletingLastPathComponent()] }
            .map { $0.appendingPathComponent("alipayplus") }
        return try XCTUnwrap(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                             "build the alipayplus executable first (swift build); looked in \(candidates.map(\.path))")
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        // The fixture stores seal with TestKeys.tokenKeyRing: key id test1, 32 bytes of 0x5A.
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["ALIPAYPLUS_TOKEN_KEYS": "test1:" + Data(repeating: 0x5A, count: 32).base64EncodedString()]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// A closed durable store holding the fixtures' records.
    private func storeDirectory() async throws -> URL {
        let (store, directory) = try await F.makeStore()
        await store.close()
        return directory
    }

    func testExitZeroWhenEverythingMatches() async throws {
        let store = try await storeDirectory()
        let written = try F.writeReports(F.lines)
        let result = try run(["reconcile", "--store", store.path, "--date", "2026-11-29", written.directory.path])
        XCTAssertEqual(result.status, 0, result.out + result.err)
        XCTAssertTrue(result.out.contains("Matched: 4 of 4 lines"), result.out)
        XCTAssertTrue(result.out.contains("everything matches"), result.out)
    }

    func testExitOneListsEachDiscrepancyInTableAndJSON() async throws {
        let store = try await storeDirectory()
        var lines = F.lines
        lines[1].transactionAmountValue = 1200
        lines[1].settlementAmountValue = 1200
        let written = try F.writeReports(lines.filter { $0.transactionRequestId != "ref-1" })
        let line = try F.lineNumber(of: "AP-pay-1", in: written.detail)
        let table = try run(["reconcile", "--store", store.path, "--date", "2026-11-29", written.detail.path, written.summary.path])
        XCTAssertEqual(table.status, 1, table.out + table.err)
        XCTAssertTrue(table.out.contains("Matched: 2 of 3 lines"), table.out)
        let amountRow = try XCTUnwrap(table.out.split(separator: "\n").first { $0.contains("amountMismatch") })
        for part in ["pay-1", "\(written.detail.lastPathComponent):\(line)", "1000 USD", "1200 USD"] {
            XCTAssertTrue(amountRow.contains(part), "\(part) not in \(amountRow)")
        }
        XCTAssertTrue(table.out.contains("missingInFile"), table.out)

        let json = try run(["reconcile", "--json", "--store", store.path, "--date=2026-11-29", written.directory.path])
        XCTAssertEqual(json.status, 1, json.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        XCTAssertEqual(object["status"] as? String, "discrepancies")
        XCTAssertEqual(object["matchedCount"] as? Int, 2)
        let kinds = (object["discrepancies"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        XCTAssertEqual(kinds, ["amountMismatch", "missingInFile"])
    }

    func testExitTwoForUnusableInput() async throws {
        let store = try await storeDirectory()
        let written = try F.writeReports(F.lines)
        var text = try String(contentsOf: written.detail, encoding: .utf8)
        text = text.replacingOccurrences(of: ",2550,", with: ",25.50,")
        try text.write(to: written.detail, atomically: true, encoding: .utf8)
        let line = try F.lineNumber(of: "25.50", in: written.detail)
        let parse = try run(["reconcile", "--store", store.path, written.directory.path])
        XCTAssertEqual(parse.status, 2)
        XCTAssertTrue(parse.err.contains("\(written.detail.lastPathComponent):\(line)"), parse.err)
        XCTAssertTrue(parse.err.contains("invalidAmount"), parse.err)

        let missing = try run(["reconcile", "--store", store.path, "/nonexistent/transactionItems_P_USD_B_A_000.csv"])
        XCTAssertEqual(missing.status, 2)
        let noStore = try run(["reconcile", "--store", "/nonexistent-store", written.directory.path])
        XCTAssertEqual(noStore.status, 2)
        let badDate = try run(["reconcile", "--store", store.path, "--date", "29/11/2026", written.directory.path])
        XCTAssertEqual(badDate.status, 2)
        let noFiles = try run(["reconcile", "--store", store.path])
        XCTAssertEqual(noFiles.status, 2)
        let gap = try F.temporaryDirectory("gap")
        try FileManager.default.copyItem(at: written.summary, to: gap.appendingPathComponent(written.summary.lastPathComponent.replacingOccurrences(of: "_000", with: "_001")))
        let sequence = try run(["reconcile", "--store", store.path, gap.path])
        XCTAssertEqual(sequence.status, 2)
    }

    func testHelpShowsAnExample() throws {
        let help = try run(["reconcile", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.out.contains("Example:"))
        XCTAssertTrue(help.out.contains("FILE..."))
    }
}
