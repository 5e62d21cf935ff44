import AlipayPlusReconciliation
import Foundation
import XCTest

/// Inputs found by `Fuzz/run.sh` (target FuzzReportParser), kept as regression tests.
///
/// A CR inside a quoted field counted as a line end unless the LF after it was in the same read
/// chunk, so a quoted CRLF that straddled a chunk boundary (every 64 KiB in a real file) was counted
/// twice and every later line number (in rows, errors and findings) was one too high.
final class FuzzRegressionCSVReaderTests: XCTestCase {
    private func rows(_ text: String, chunkSize: Int) throws -> [CSVRow] {
        let reader = CSVReader(data: Data(text.utf8), name: "t.csv", chunkSize: chunkSize)
        var rows: [CSVRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    func testLineNumbersAfterQuotedCRLFDoNotDependOnChunkSize() throws {
        let text = "a,b\r\n\"x\r\ny\",2\r\nc,d\r\n"
        let expected = try rows(text, chunkSize: 65_536)
        XCTAssertEqual(expected.map(\.line), [1, 2, 4])
        for chunkSize in 1...24 {
            XCTAssertEqual(try rows(text, chunkSize: chunkSize), expected, "chunk size \(chunkSize)")
        }
    }

    func testErrorLineAfterQuotedCRLFDoesNotDependOnChunkSize() {
        // The fuzzer's shape: a quoted field holding a CRLF, then a character after a closing quote.
        let text = "h1,h2\r\n\"a\r\nb\",1\r\n\"c\"x,2\r\n"
        for chunkSize in [1, 2, 3, 5, 8, 9, 10, 11, 65_536] {
            XCTAssertThrowsError(try rows(text, chunkSize: chunkSize), "chunk size \(chunkSize)") { error in
                XCTAssertEqual((error as? ReportError)?.line, 4, "chunk size \(chunkSize): \(error)")
            }
        }
    }
}
