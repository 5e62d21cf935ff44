import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import AlipayPlus

private struct Item: Codable, Sendable, Equatable, Hashable {
    var id: Int
    var note: String
}

private struct OtherItem: Codable, Sendable {
    var amount: Double
}

final class JournalTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("JournalTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    // MARK: Helpers

    private func open(_ name: String = "journal") throws -> Journal<Item> {
        try Journal<Item>(directory: directory, name: name)
    }

    private func logURL(_ generation: UInt64 = 0, name: String = "journal") -> URL {
        directory.appendingPathComponent("\(name).\(generation).log")
    }

    private var snapshotURL: URL { directory.appendingPathComponent("journal.snapshot") }
    private var temporarySnapshotURL: URL { directory.appendingPathComponent("journal.snapshot.tmp") }

    private func size(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? -1
    }

    private func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    private func items(_ range: Range<Int>, note: String = "x") -> [Item] {
        range.map { Item(id: $0, note: "\(note)-\($0)") }
    }

    /// Writes `count` single-entry records and returns the start offset of each record plus the file length.
    private func writeSingles(_ count: Int) throws -> (entries: [Item], offsets: [Int]) {
        let journal = try open()
        var offsets: [Int] = []
        let entries = items(0..<count)
        for entry in entries {
            offsets.append(try size(logURL()))
            try journal.append(entry)
        }
        offsets.append(try size(logURL()))
        journal.close()
        return (entries, offsets)
    }

    private func assertJournalError(
        _ code: JournalError.Code, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
    ) -> JournalError? {
        do {
            try body()
            XCTFail("expected JournalError.\(code)", file: file, line: line)
        } catch let error as JournalError {
            XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: Framing

    func testCRC32MatchesStandardCheckValue() {
        XCTAssertEqual(JournalCRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(JournalCRC32.checksum([UInt8]()), 0)
    }

    func testRecordLayoutIsMagicVersionKindLengthCRCPayload() {
        let payload = Data("{\"a\":1}".utf8)
        let record = try! JournalFraming.frame(kind: .entry, payload: payload)
        XCTAssertEqual(Array(record[0..<4]), [0xA7, 0x4A, 1, 1])
        XCTAssertEqual(Array(record[4..<8]), [7, 0, 0, 0])
        XCTAssertEqual(Array(record[12...]), Array(payload))
        let crc = JournalCRC32.checksum(Array(record[0..<8]) + Array(payload))
        XCTAssertEqual(Array(record[8..<12]), [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)])
    }

    // MARK: Round trips

    func testManyAppendsSurviveReopen() throws {
        let first = items(0..<300)
        do {
            let journal = try open()
            XCTAssertEqual(journal.recoveredEntries, [])
            XCTAssertTrue(journal.openReport.isClean)
            for entry in first { try journal.append(entry) }
            journal.close()
        }
        let second = items(300..<350, note: "é漢字\"\n\u{0}")
        do {
            let journal = try open()
            XCTAssertEqual(journal.recoveredEntries, first)
            XCTAssertEqual(journal.openReport.logEntryCount, 300)
            XCTAssertEqual(journal.openReport.logRecordCount, 300)
            XCTAssertTrue(journal.openReport.isClean, journal.openReport.description)
            for entry in second { try journal.append(entry) }
            journal.close()
        }
        let journal = try open()
        XCTAssertEqual(journal.recoveredEntries, first + second)
        journal.close()
    }

    func testBatchAppendIsOneRecordAndAllOrNothing() throws {
        do {
            let journal = try open()
            try journal.append(Item(id: 0, note: "single"))
            try journal.append(contentsOf: [])  // writes nothing
            try journal.append(contentsOf: items(1..<6))
            journal.close()
        }
        do {
            let journal = try open()
            XCTAssertEqual(journal.recoveredEntries, [Item(id: 0, note: "single")] + items(1..<6))
            XCTAssertEqual(journal.openReport.logRecordCount, 2)
            journal.close()
        }
        // Cut the batch record one byte short: none of its entries may appear.
        let handle = try FileHandle(forWritingTo: logURL())
        try handle.truncate(atOffset: UInt64(try size(logURL()) - 1))
        try handle.close()
        let journal = try open()
        XCTAssertEqual(journal.recoveredEntries, [Item(id: 0, note: "single")])
        XCTAssertNotNil(journal.openReport.tornTail)
        journal.close()
    }

    func testOpenCreatesMissingDirectories() throws {
        let nested = directory.appendingPathComponent("a/b/c")
        let journal = try Journal<Item>(directory: nested)
        try journal.append(Item(id: 1, note: "deep"))
        journal.close()
        XCTAssertEqual(try Journal<Item>(directory: nested).recoveredEntries, [Item(id: 1, note: "deep")])
    }

    func testSeparateNamesInOneDirectoryAreIndependent() throws {
        let a = try open("a"), b = try open("b")
        try a.append(Item(id: 1, note: "a"))
        try b.append(Item(id: 2, note: "b"))
        a.close(); b.close()
        XCTAssertEqual(try open("a").recoveredEntries, [Item(id: 1, note: "a")])
        XCTAssertEqual(try open("b").recoveredEntries, [Item(id: 2, note: "b")])
    }

    // MARK: Torn writes and corruption

    func testTruncationAtEveryOffsetInsideLastRecordDropsOnlyThatRecord() throws {
        let (entries, offsets) = try writeSingles(5)
        let original = try Data(contentsOf: logURL())
        let lastStart = offsets[4], end = offsets[5]
        XCTAssertEqual(original.count, end)
        for cut in lastStart..<end {
            try original.prefix(cut).write(to: logURL())
            let journal = try open()
            XCTAssertEqual(journal.recoveredEntries, Array(entries.prefix(4)), "cut at \(cut)")
            if cut == lastStart {
                XCTAssertNil(journal.openReport.tornTail, "cut at \(cut)")
            } else {
                XCTAssertEqual(journal.openReport.tornTail?.offset, Int64(lastStart), "cut at \(cut)")
                XCTAssertEqual(journal.openReport.tornTail?.droppedBytes, Int64(cut - lastStart), "cut at \(cut)")
            }
            XCTAssertEqual(try size(logURL()), lastStart, "file truncated back at cut \(cut)")
            // The repaired journal accepts appends that land right after the last good record.
            try journal.append(Item(id: 99, note: "after repair"))
            journal.close()
            let reopened = try open()
            XCTAssertEqual(reopened.recoveredEntries, Array(entries.prefix(4)) + [Item(id: 99, note: "after repair")])
            XCTAssertTrue(reopened.openReport.isClean)
            reopened.close()
        }
    }

    func testTruncationAtEveryOffsetInsideLastBatchRecordDropsTheWholeBatch() throws {
        do {
            let journal = try open()
            try journal.append(contentsOf: items(0..<3))
            journal.close()
        }
        let lastStart = try size(logURL())
        do {
            let journal = try open()
            try journal.append(contentsOf: items(3..<8))
            journal.close()
        }
        let original = try Data(contentsOf: logURL())
        for cut in lastStart..<original.count {
            try original.prefix(cut).write(to: logURL())
            let journal = try open()
            XCTAssertEqual(journal.recoveredEntries, items(0..<3), "cut at \(cut)")
            journal.close()
        }
    }

    func testZeroFilledTailIsTornWrite() throws {
        let (entries, offsets) = try writeSingles(3)
        var bytes = try Data(contentsOf: logURL())
        bytes.append(Data(count: 4096))  // e.g. size extended, data blocks never written
        try bytes.write(to: logURL())
        let journal = try open()
        XCTAssertEqual(journal.recoveredEntries, entries)
        XCTAssertEqual(journal.openReport.tornTail?.offset, Int64(offsets[3]))
        XCTAssertEqual(journal.openReport.tornTail?.droppedBytes, 4096)
        journal.close()
    }

    func testFlippedByteAnywhereInLastRecordIsDroppedAsTorn() throws {
        let (entries, offsets) = try writeSingles(4)
        let original = try Data(contentsOf: logURL())
        for position in offsets[3]..<offsets[4] {
            var damaged = original
            damaged[position] ^= 0x40
            try damaged.write(to: logURL())
            let journal = try open()
            XCTAssertEqual(journal.recoveredEntries, Array(entries.prefix(3)), "flip at \(position)")
            XCTAssertEqual(journal.openReport.tornTail?.offset, Int64(offsets[3]), "flip at \(position)")
            journal.close()
        }
    }

    func testFlippedByteAnywhereInMiddleRecordThrowsCorruptRecordWithOffset() throws {
        let (_, offsets) = try writeSingles(4)
        let original = try Data(contentsOf: logURL())
        for position in offsets[1]..<offsets[2] {
            var damaged = original
            damaged[position] ^= 0x01
            try damaged.write(to: logURL())
            let error = assertJournalError(.corruptRecord) { _ = try open() }
            XCTAssertEqual(error?.offset, Int64(offsets[1]), "flip at \(position)")
            XCTAssertEqual(error?.path, logURL().standardizedFileURL.path)
        }
        // The file is left untouched for a human to inspect.
        XCTAssertEqual(try size(logURL()), original.count)
    }

    func testCorruptRecordDescriptionNamesFileOffsetAndFix() throws {
        let (_, offsets) = try writeSingles(3)
        var damaged = try Data(contentsOf: logURL())
        damaged[offsets[0] + 14] ^= 0xFF
        try damaged.write(to: logURL())
        let error = assertJournalError(.corruptRecord) { _ = try open() }
        let text = error?.description ?? ""
        XCTAssertTrue(text.contains("journal.0.log"), text)
        XCTAssertTrue(text.contains("offset 0"), text)
        XCTAssertTrue(text.contains("CRC mismatch"), text)
        XCTAssertTrue(text.contains("Fix:"), text)
    }

    func testIntactRecordOfWrongTypeThrowsDecodingFailed() throws {
        let (_, _) = try writeSingles(2)
        let error = assertJournalError(.decodingFailed) { _ = try Journal<OtherItem>(directory: directory) }
        XCTAssertEqual(error?.offset, 0)
    }

    // MARK: Compaction

    func testCompactionThenAppendsThenReopenGivesSnapshotPlusNewEntriesOnce() throws {
        do {
            let journal = try open()
            for entry in items(0..<10) { try journal.append(entry) }
            try journal.compact(to: items(5..<10))   // e.g. only the open ones are kept
            XCTAssertFalse(exists(logURL(0)))
            XCTAssertEqual(try size(logURL(1)), 0)
            try journal.append(contentsOf: items(10..<12))
            try journal.append(Item(id: 12, note: "x-12"))
            journal.close()
        }
        do {
            let journal = try open()
            XCTAssertEqual(journal.recoveredEntries, items(5..<13))
            XCTAssertEqual(journal.openReport.generation, 1)
            XCTAssertEqual(journal.openReport.snapshotEntryCount, 5)
            XCTAssertEqual(journal.openReport.logEntryCount, 3)
            XCTAssertTrue(journal.openReport.isClean)
            try journal.compact(to: [])
            try journal.compact(to: items(100..<101))
            try journal.append(Item(id: 101, note: "x-101"))
            journal.close()
        }
        let journal = try open()
        XCTAssertEqual(journal.recoveredEntries, items(100..<102))
        XCTAssertEqual(journal.openReport.generation, 3)
        journal.close()
        let logs = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".log") }
        XCTAssertEqual(logs, ["journal.3.log"])
    }

    /// Crash after writing (part of) the temp snapshot, before the rename: the old state wins.
    func testCrashBeforeRenameIgnoresAndDeletesTemporarySnapshot() throws {
        let (entries, _) = try writeSingles(3)
        // A complete, valid temp snapshot (crash after its fsync, before rename) ...
        let payload = try JSONEncoder().encode(["generation": 1]) // shape irrelevant: it must never be read
        try Data(try JournalFraming.frame(kind: .snapshot, payload: payload)).write(to: temporarySnapshotURL)
        var journal = try open()
        XCTAssertEqual(journal.recoveredEntries, entries)
        XCTAssertEqual(journal.openReport.removedFiles, ["journal.snapshot.tmp"])
        XCTAssertFalse(exists(temporarySnapshotURL))
        journal.close()
        // ... or a torn one.
        try Data([0xA7, 0x4A, 1]).write(to: temporarySnapshotURL)
        journal = try open()
        XCTAssertEqual(journal.recoveredEntries, entries)
        XCTAssertFalse(exists(temporarySnapshotURL))
        journal.close()
    }

    /// Builds the on-disk state "snapshot generation 1 committed, old log 0 still present".
    private func stateAfterRenameBeforeOldLogDeleted(keepNewLog: Bool, appendAfter: [Item] = []) throws -> [Item] {
        let (entries, _) = try writeSingles(4)
        let oldLog = try Data(contentsOf: logURL(0))
        let journal = try open()
        try journal.compact(to: entries)
        for entry in appendAfter { try journal.append(entry) }
        journal.close()
        try oldLog.write(to: logURL(0))                       // the delete never happened
        if !keepNewLog { try FileManager.default.removeItem(at: logURL(1)) }  // nor the new log's creation
        return entries
    }

    func testCrashAfterRenameBeforeNewLogCreatedReplaysNoDuplicates() throws {
        let entries = try stateAfterRenameBeforeOldLogDeleted(keepNewLog: false)
        let journal = try open()
        XCTAssertEqual(journal.recoveredEntries, entries)
        XCTAssertEqual(journal.openReport.generation, 1)
        XCTAssertEqual(journal.openReport.removedFiles, ["journal.0.log"])
        XCTAssertFalse(exists(logURL(0)))
        XCTAssertTrue(exists(logURL(1)))
        try journal.append(Item(id: 50, note: "later"))
        journal.close()
        XCTAssertEqual(try open().recoveredEntries, entries + [Item(id: 50, note: "later")])
    }

    func testCrashAfterNewLogCreatedBeforeOldLogDeletedReplaysNoDuplicates() throws {
        let later = items(20..<23)
        let entries = try stateAfterRenameBeforeOldLogDeleted(keepNewLog: true, appendAfter: later)
        let journal = try open()
        XCTAssertEqual(journal.recoveredEntries, entries + later)
        XCTAssertEqual(journal.openReport.removedFiles, ["journal.0.log"])
        journal.close()
    }

    func testCrashBeforeRenameWithUncommittedNewLogFileIsHarmless() throws {
        // An empty log of a generation newer than the snapshot can only be an aborted compaction's.
        let (entries, _) = try writeSingles(2)
        XCTAssertTrue(FileManager.default.createFile(atPath: logURL(1).path, contents: Data()))
        let journal = try open()
        XCTAssertEqual(journal.recoveredEntries, entries)
        XCTAssertEqual(journal.openReport.removedFiles, ["journal.1.log"])
        journal.close()
    }

    func testNonEmptyLogNewerThanSnapshotThrowsUnexpectedFile() throws {
        let journal = try open()
        try journal.append(Item(id: 1, note: "a"))
        try journal.compact(to: [Item(id: 1, note: "a")])
        try journal.append(Item(id: 2, note: "b"))
        journal.close()
        try FileManager.default.removeItem(at: snapshotURL)   // someone deleted the snapshot
        _ = assertJournalError(.unexpectedFile) { _ = try open() }
    }

    func testCorruptSnapshotThrowsCorruptRecord() throws {
        let journal = try open()
        try journal.compact(to: items(0..<3))
        journal.close()
        var bytes = try Data(contentsOf: snapshotURL)
        bytes[bytes.count - 2] ^= 0x10
        try bytes.write(to: snapshotURL)
        let error = assertJournalError(.corruptRecord) { _ = try open() }
        XCTAssertTrue(error?.path?.hasSuffix("journal.snapshot") ?? false)
    }

    // MARK: Lifecycle

    func testClosedJournalThrowsClosedAndSecondOpenThrowsAlreadyOpen() throws {
        let journal = try open()
        _ = assertJournalError(.alreadyOpen) { _ = try open() }
        journal.close()
        journal.close()
        _ = assertJournalError(.closed) { try journal.append(Item(id: 1, note: "late")) }
        _ = assertJournalError(.closed) { try journal.compact(to: []) }
        let reopened = try open()   // the lock was released
        XCTAssertEqual(reopened.recoveredEntries, [])
        reopened.close()
    }

    func testEncodingFailureWritesNothing() throws {
        let journal = try Journal<OtherItem>(directory: directory)
        _ = assertJournalError(.encodingFailed) { try journal.append(OtherItem(amount: .nan)) }
        try journal.append(OtherItem(amount: 1.5))
        journal.close()
        let reopened = try Journal<OtherItem>(directory: directory)
        XCTAssertEqual(reopened.recoveredEntries.map(\.amount), [1.5])
        XCTAssertTrue(reopened.openReport.isClean)
    }

    #if canImport(Glibc)
    /// A write that fails part-way (here EFBIG from RLIMIT_FSIZE; ENOSPC behaves alike) is rolled back,
    /// so the next append does not land after a half record that would read as mid-file corruption.
    func testFailedPartialWriteIsRolledBackAndJournalStaysUsable() throws {
        let journal = try open()
        try journal.append(Item(id: 1, note: "before"))
        let goodSize = try size(logURL())
        var saved = rlimit()
        XCTAssertEqual(getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved), 0)
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        var tight = saved
        tight.rlim_cur = rlim_t(goodSize + 20)
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &tight), 0)
        let error = assertJournalError(.ioFailure) { try journal.append(Item(id: 2, note: String(repeating: "z", count: 100))) }
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved), 0)
        signal(SIGXFSZ, previousHandler)
        XCTAssertTrue(error?.detail.contains("write failed") ?? false, "\(String(describing: error))")
        XCTAssertEqual(try size(logURL()), goodSize, "partial record rolled back")
        try journal.append(Item(id: 3, note: "after"))
        journal.close()
        let reopened = try open()
        XCTAssertEqual(reopened.recoveredEntries, [Item(id: 1, note: "before"), Item(id: 3, note: "after")])
        XCTAssertTrue(reopened.openReport.isClean)
        reopened.close()
    }
    #endif

    // MARK: Concurrency

    func testHundredConcurrentAppendersEachEntryOnceInPerTaskOrder() async throws {
        let journal = try open()
        let tasks = 100, perTask = 5
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for index in 0..<perTask {
                        let id = task * 1000 + index
                        if index == 2 {
                            try journal.append(contentsOf: [Item(id: id, note: "t\(task)"), Item(id: id + 500, note: "t\(task)-b")])
                        } else {
                            try journal.append(Item(id: id, note: "t\(task)"))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        journal.close()
        let reopened = try open()
        let recovered = reopened.recoveredEntries
        XCTAssertEqual(recovered.count, tasks * (perTask + 1))
        XCTAssertEqual(Set(recovered).count, recovered.count, "no duplicates")
        for task in 0..<tasks {
            let mine = recovered.filter { $0.note.split(separator: "-").first == "t\(task)" }
            let expected = [0, 1, 2, 502, 3, 4].map { task * 1000 + $0 }
            XCTAssertEqual(mine.map(\.id), expected, "task \(task) entries in order, batch contiguous")
        }
        XCTAssertTrue(reopened.openReport.isClean)
        reopened.close()
    }

    // MARK: Measurement (prints only; no timing assertions)

    func testMeasureAppendThroughput() throws {
        let journal = try open()
        let count = 1000
        let entry = Item(id: 1, note: "pay_20261129_000001")
        let start = Date()
        for _ in 0..<count { try journal.append(entry) }
        let single = Double(count) / Date().timeIntervalSince(start)
        let batchStart = Date()
        for _ in 0..<(count / 10) { try journal.append(contentsOf: Array(repeating: entry, count: 10)) }
        let batched = Double(count) / Date().timeIntervalSince(batchStart)
        journal.close()
        print(String(format: "JOURNAL-THROUGHPUT single appends/s: %.0f; entries/s in batches of 10: %.0f; record bytes: %d",
                     single, batched, try size(logURL()) / (count + count / 10) ))
    }
}
