import Foundation
import XCTest
import AlipayPlusReconciliation

final class CSVReaderTests: XCTestCase {
    private func rows(_ data: Data, chunkSize: Int = 65_536) throws -> [CSVRow] {
        let reader = CSVReader(data: data, chunkSize: chunkSize)
        var rows: [CSVRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    private func error(_ text: String) -> ReportError? {
        do { _ = try rows(Data(text.utf8)); return nil } catch { return error as? ReportError }
    }

    func testQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let text = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,x\r\n"
        for chunk in [1, 2, 3, 7, 65_536] {
            let result = try rows(Data(text.utf8), chunkSize: chunk)
            XCTAssertEqual(result.map(\.fields), [["a", "b,c", "say \"hi\""], ["multi\nline", "", "x"]], "chunk \(chunk)")
            XCTAssertEqual(result.map(\.line), [1, 2], "chunk \(chunk)")
        }
    }

    func testBOMBlankLinesEndMarkerAndNoTrailingNewline() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("h1,h2\n\n1,2\r\n<END>\n\n".utf8)
        let reader = CSVReader(data: data)
        var rows: [CSVRow] = []
        while let row = try reader.next() { rows.append(row) }
        XCTAssertEqual(rows.map(\.fields), [["h1", "h2"], [], ["1", "2"]])
        XCTAssertEqual(rows.map(\.line), [1, 2, 3])
        XCTAssertTrue(reader.sawEndMarker)
        XCTAssertEqual(try self.rows(Data("x,y".utf8)).map(\.fields), [["x", "y"]])
        XCTAssertEqual(try self.rows(Data("a\rb\r".utf8)).map(\.fields), [["a"], ["b"]])
    }

    func testUnterminatedQuoteNamesTheLineWhereItOpened() {
        let error = error("a,b\nc,\"open\nstill open\n")
        XCTAssertEqual(error?.code, .unterminatedQuote)
        XCTAssertEqual(error?.line, 2)
    }

    func testQuoteInsideUnquotedField() {
        let error = error("a,b\nc,d\"e\n")
        XCTAssertEqual(error?.code, .quoteInUnquotedField)
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.column, "#2")
    }

    func testCharacterAfterClosingQuote() {
        let error = error("\"ab\"c,d\n")
        XCTAssertEqual(error?.code, .characterAfterClosingQuote)
        XCTAssertEqual(error?.line, 1)
    }

    func testInvalidUTF8GivesLine() {
        var data = Data("a,b\nc,".utf8)
        data.append(contentsOf: [0x66, 0xC3, 0x28])
        data.append(contentsOf: Array("\n".utf8))
        do {
            _ = try rows(data)
            XCTFail("expected an error")
        } catch let error as ReportError {
            XCTAssertEqual(error.code, .invalidUTF8)
            XCTAssertEqual(error.line, 2)
            XCTAssertTrue(error.description.contains("C3"), error.description)
        } catch {
            XCTFail("unexpected \(error)")
        }
    }

    func testMultiByteUTF8AcrossChunks() throws {
        let result = try rows(Data("名前,ünïcödé\n".utf8), chunkSize: 1)
        XCTAssertEqual(result.map(\.fields), [["名前", "ünïcödé"]])
    }

    func testContentAfterEndMarker() {
        let error = error("a\n<END>\nb\n")
        XCTAssertEqual(error?.code, .contentAfterEndMarker)
        XCTAssertEqual(error?.line, 3)
    }

    func testFileSourceReadsInChunks() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("f.csv")
        try Data("x,\"y\r\nz\"\r\n1,2\r\n".utf8).write(to: url)
        let reader = try CSVReader(contentsOf: url, chunkSize: 3)
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(row.fields) }
        XCTAssertEqual(rows, [["x", "y\r\nz"], ["1", "2"]])
        XCTAssertThrowsError(try CSVReader(contentsOf: dir.appendingPathComponent("missing.csv"))) {
            XCTAssertEqual(($0 as? ReportError)?.code, .unreadableFile)
        }
    }
}
