import Foundation
import XCTest
@testable import AlipayPlus

private struct Row: Codable, Sendable, Equatable {
    var id: Int
    var note: String
}

/// The record size limit is one rule shared by writer and reader: compaction never writes a
/// snapshot that open refuses, and a record over the limit is a typed error before any byte is
/// written (never a trap). The limit is injected small here instead of writing gigabytes.
final class JournalRecordLimitTests: XCTestCase {
    private var directory: URL!
    private let limit = 1_024

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("JournalRecordLimitTests-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func open() throws -> Journal<Row> {
        try Journal<Row>(directory: directory, name: "journal", fileManager: .default, maximumRecordSize: limit)
    }

    private func rows(_ count: Int) -> [Row] {
        (0..<count).map { Row(id: $0, note: "row number \($0) of a store larger than one record") }
    }

    func testACompactedSnapshotLargerThanTheRecordLimitReopens() throws {
        let entries = rows(500)   // about 35 KiB, 35 times the limit
        do {
            let journal = try open()
            try journal.compact(to: entries)
            try journal.append(Row(id: 999, note: "after"))
            journal.close()
        }
        let reopened = try open()
        XCTAssertEqual(reopened.recoveredEntries, entries + [Row(id: 999, note: "after")])
        XCTAssertEqual(reopened.openReport.snapshotEntryCount, 500)
    }

    func testARecordOverTheLimitIsATypedErrorAndWritesNothing() throws {
        let journal = try open()
        try journal.append(Row(id: 1, note: "small"))
        let huge = Row(id: 2, note: String(repeating: "x", count: limit * 2))
        XCTAssertThrowsError(try journal.append(huge)) { error in
            XCTAssertEqual((error as? JournalError)?.code, .recordTooLarge)
            XCTAssertTrue("\(error)".contains("\(self.limit)"), "\(error)")
        }
        XCTAssertThrowsError(try journal.append(contentsOf: rows(100))) { error in
            XCTAssertEqual((error as? JournalError)?.code, .recordTooLarge)
        }
        XCTAssertThrowsError(try journal.compact(to: [huge])) { error in
            XCTAssertEqual((error as? JournalError)?.code, .recordTooLarge)
        }
        try journal.append(Row(id: 3, note: "still usable"))
        journal.close()
        XCTAssertEqual(try open().recoveredEntries.map(\.id), [1, 3])
    }

    func testFramingRefusesAPayloadThatDoesNotFitTheLengthField() {
        XCTAssertThrowsError(try JournalFraming.frame(kind: .entry, payload: Data(count: 2_048), limit: 1_024)) { error in
            XCTAssertEqual((error as? JournalError)?.code, .recordTooLarge)
        }
        XCTAssertLessThanOrEqual(JournalFraming.maximumPayloadSize, Int(UInt32.max))
    }
}
