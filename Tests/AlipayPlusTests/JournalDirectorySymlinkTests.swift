import AlipayPlus
import Foundation
import XCTest

private struct Note: Codable, Sendable, Equatable {
    var text: String
}

/// A journal folder given through a symbolic link opens (the folder path is resolved once), while
/// the journal's own files are still never followed through a link.
final class JournalDirectorySymlinkTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("JournalDirectorySymlinkTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    func testAJournalFolderGivenAsASymlinkOpensAndReopens() throws {
        let real = root.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        do {
            let journal = try Journal<Note>(directory: link)
            try journal.append(Note(text: "one"))
            try journal.compact(to: [Note(text: "one")])
            try journal.append(Note(text: "two"))
            journal.close()
        }
        XCTAssertEqual(try Journal<Note>(directory: link).recoveredEntries, [Note(text: "one"), Note(text: "two")])
        XCTAssertTrue(FileManager.default.fileExists(atPath: real.appendingPathComponent("journal.snapshot").path))
    }

    func testANewJournalFolderUnderASymlinkedParentIsCreated() throws {
        let real = root.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let journal = try Journal<Note>(directory: link.appendingPathComponent("store"))
        try journal.append(Note(text: "one"))
        journal.close()
        XCTAssertTrue(FileManager.default.fileExists(atPath: real.appendingPathComponent("store/journal.0.log").path))
    }

    func testAJournalFileThatIsASymlinkIsStillRefused() throws {
        let folder = root.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let elsewhere = root.appendingPathComponent("elsewhere.log")
        try Data().write(to: elsewhere)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("journal.0.log"), withDestinationURL: elsewhere)
        XCTAssertThrowsError(try Journal<Note>(directory: folder)) { error in
            XCTAssertEqual((error as? JournalError)?.code, .ioFailure, "\(error)")
        }
    }
}
