import Foundation
import XCTest
import AlipayPlusReconciliation

final class ReportBatchTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try Fixtures.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func write(_ name: String, _ text: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    private func line(_ n: Int, _ type: String = "PAYMENT") -> String {
        "T\(n),R\(n),\(type),100,USD,2026-11-29T10:00:00+08:00,100,USD"
    }

    func testSeveralFilesReadAsOneInSeqOrder() throws {
        let first = try write("transactionItems_P_USD_B1_A_000.csv", "totalCount,transactionType\n3,PAYMENT\n\n\(Fixtures.detailHeader)\n\(line(1))\n")
        // seq 001 continues the detail section without repeating the header.
        let second = try write("transactionItems_P_USD_B1_A_001.csv", "\(line(2))\n")
        // seq 002 repeats the detail header.
        let third = try write("transactionItems_P_USD_B1_A_002.csv", "\(Fixtures.detailHeader)\n\(line(3))\n<END>\n")
        _ = try write("summary_P_USD_B1_A_000.csv", "clearingBatchId,totalCount\nB1,3\n")
        _ = try write("notes.txt", "ignored")

        let batch = try ReportBatch(files: [third, first, second])
        XCTAssertEqual(batch.files.map(\.lastPathComponent), [first, second, third].map(\.lastPathComponent))
        XCTAssertEqual(batch.name.clearingBatchId, "B1")
        var seen: [String] = []
        let result = try TransactionDetailReader(batch: batch).read { seen.append("\($0.transactionId)@\($0.file):\($0.line)") }
        XCTAssertEqual(seen, ["T1@transactionItems_P_USD_B1_A_000.csv:5", "T2@transactionItems_P_USD_B1_A_001.csv:1",
                              "T3@transactionItems_P_USD_B1_A_002.csv:2"])
        XCTAssertEqual(result.findings, [])
        XCTAssertTrue(result.sawEndMarker)

        let batches = try ReportBatch.batches(in: directory)
        XCTAssertEqual(batches.map(\.name.kind), [.transactionSummary, .transactionDetail])
        XCTAssertEqual(batches.map(\.files.count), [1, 3])
    }

    func testSequenceGapIsReported() throws {
        let a = try write("transactionItems_P_USD_B1_A_000.csv", "x")
        let c = try write("transactionItems_P_USD_B1_A_002.csv", "x")
        XCTAssertThrowsError(try ReportBatch(files: [a, c])) { error in
            let error = error as? ReportError
            XCTAssertEqual(error?.code, .sequenceGap)
            XCTAssertEqual(error?.file, "transactionItems_P_USD_B1_A_002.csv")
            XCTAssertTrue(error?.detail.contains("001") ?? false)
        }
        let onlySecond = try write("feeItems_P_USD_B1_A_001.csv", "x")
        XCTAssertThrowsError(try ReportBatch(files: [onlySecond])) { XCTAssertEqual(($0 as? ReportError)?.code, .sequenceGap) }
        XCTAssertThrowsError(try ReportBatch.batches(in: directory)) { XCTAssertEqual(($0 as? ReportError)?.code, .sequenceGap) }
    }

    func testMixedBatchIsRejected() throws {
        let a = try write("transactionItems_P_USD_B1_A_000.csv", "x")
        let b = try write("transactionItems_P_USD_B2_A_001.csv", "x")
        XCTAssertThrowsError(try ReportBatch(files: [a, b])) { XCTAssertEqual(($0 as? ReportError)?.code, .mixedBatch) }
    }

    func testColumnCountErrorNamesTheLaterFile() throws {
        let first = try write("transactionItems_P_USD_B1_A_000.csv", "totalCount\n2\n\(Fixtures.detailHeader)\n\(line(1))\n")
        let second = try write("transactionItems_P_USD_B1_A_001.csv", "\(line(2)),extra\n")
        XCTAssertThrowsError(try TransactionDetailReader(batch: ReportBatch(files: [first, second])).read { _ in }) { error in
            let error = error as? ReportError
            XCTAssertEqual(error?.code, .wrongColumnCount)
            XCTAssertEqual(error?.file, "transactionItems_P_USD_B1_A_001.csv")
            XCTAssertEqual(error?.line, 1)
        }
    }
}
