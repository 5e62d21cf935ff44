@testable import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation
import XCTest

/// LocalAutoDebitStore keeps tokens sealed: a checked open, rotation, migration of plain journals, redaction.
final class SealedStoreTests: XCTestCase {
    private var folders: [URL] = []

    override func tearDown() {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
        super.tearDown()
    }

    private func newFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealed-store-\(UUID().uuidString)")
        folders.append(folder)
        return folder
    }

    private func ring(_ id: String, _ byte: UInt8) throws -> TokenKeyRing {
        try TokenKeyRing(keyId: id, key: [UInt8](repeating: byte, count: 32))
    }

    private func binding(_ number: Int) -> BindingRecord {
        let date = Date(timeIntervalSince1970: 1_700_000_000 + Double(number))
        return BindingRecord(
            bindingId: "BND-\(number)", merchantUserId: "user-\(number)", accessToken: Secret("ACCESS-\(number)-secret"),
            accessTokenExpiryTime: date.addingTimeInterval(3600), refreshToken: Secret("REFRESH-\(number)-secret"),
            refreshTokenExpiryTime: nil, wallet: nil, createdAt: date, updatedAt: date)
    }

    /// Inserts `count` bindings and one completed authorization, then closes the store.
    private func fill(_ folder: URL, ring: TokenKeyRing, count: Int) async throws {
        let store = try LocalAutoDebitStore(directory: folder, keyRing: ring)
        var pending = PendingAuthorization(authState: "STATE-1", merchantUserId: "user-0", referenceAgreementId: "AGR-1",
                                           createdAt: Date(timeIntervalSince1970: 1_700_000_000))
        pending = try await store.insert(pending)
        pending.completedWithAuthCode = Secret("AUTHCODE-secret")
        pending.bindingId = "BND-0"
        try await store.insert(binding(0), completing: pending, under: nil)
        for number in 1..<count { try await store.insert(binding(number)) }
        await store.close()
    }

    private func folderBytes(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".log") || name.hasSuffix(".snapshot") {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    private func assertEverythingOpens(_ store: LocalAutoDebitStore, count: Int, file: StaticString = #filePath, line: UInt = #line) async throws {
        for number in 0..<count {
            let found = try await store.binding(accessToken: Secret("ACCESS-\(number)-secret"))
            XCTAssertEqual(found?.bindingId, "BND-\(number)", file: file, line: line)
            XCTAssertEqual(found?.refreshToken, Secret("REFRESH-\(number)-secret"), file: file, line: line)
        }
        let authorization = try await store.authorization(authState: "STATE-1")
        XCTAssertEqual(authorization?.completedWithAuthCode, Secret("AUTHCODE-secret"), file: file, line: line)
    }

    func testAJournalOpenedWithoutTheKeyThatSealedItIsRefusedNamingTheKeyAndLeftUnchanged() async throws {
        let folder = newFolder()
        try await fill(folder, ring: try ring("a", 1), count: 3)
        let before = try folderBytes(folder)
        XCTAssertThrowsError(try LocalAutoDebitStore(directory: folder, keyRing: try ring("b", 2))) { error in
            let storeError = error as? StoreError
            XCTAssertEqual(storeError?.code, .sealingFailed)
            let sealing = storeError?.underlyingError as? SealingError
            XCTAssertEqual(sealing?.code, .unknownKeyId)
            XCTAssertEqual(sealing?.keyId, "a")
            XCTAssertTrue("\(error)".contains("'a'"), "\(error)")
        }
        XCTAssertEqual(try folderBytes(folder), before, "a refused open writes nothing (no compaction)")
        // Same id, other bytes: refused as tampered, also without change.
        XCTAssertThrowsError(try LocalAutoDebitStore(directory: folder, keyRing: try ring("a", 9))) { error in
            XCTAssertEqual((error as? StoreError)?.code, .sealingFailed)
            XCTAssertEqual(((error as? StoreError)?.underlyingError as? SealingError)?.code, .tamperedCiphertext)
        }
        XCTAssertEqual(try folderBytes(folder), before)
        let reopened = try LocalAutoDebitStore(directory: folder, keyRing: try ring("a", 1))
        try await assertEverythingOpens(reopened, count: 3)
        await reopened.close()
    }

    func testADurableStoreWithoutAKeyRingIsRefusedAndCreatesNothing() throws {
        let folder = newFolder()
        XCTAssertThrowsError(try LocalAutoDebitStore(directory: folder)) { error in
            XCTAssertEqual((error as? StoreError)?.code, .keyRingRequired)
            XCTAssertTrue("\(error)".contains("openssl rand -base64 32"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
    }

    func testRotationInterruptedAtEveryRecordBoundaryResumesAndTheOldKeyCanThenBeRemoved() async throws {
        let count = 4
        let records = count + 1  // the bindings and the completed authorization
        let old = try ring("a", 1)
        let both = try old.adding(keyId: "b", key: [UInt8](repeating: 2, count: 32))
        let new = try ring("b", 2)
        for stop in 0...records {
            let folder = newFolder()
            try await fill(folder, ring: old, count: count)
            let first = try LocalAutoDebitStore(directory: folder, keyRing: both)
            let partial = try await first.rotate(limit: stop, batchSize: 1)
            XCTAssertEqual(partial.resealedBindings + partial.resealedAuthorizations, stop)
            XCTAssertEqual(partial.remaining, records - stop)
            try await assertEverythingOpens(first, count: count)  // lookups work mid-rotation
            await first.close()  // as a crash: the log holds the re-sealed records, no compaction

            let second = try LocalAutoDebitStore(directory: folder, keyRing: both)
            let rest = try await second.rotate(batchSize: 1)
            XCTAssertEqual(rest.resealedBindings + rest.resealedAuthorizations, records - stop, "stopped after \(stop)")
            XCTAssertTrue(rest.isComplete)
            let inUse = await second.keyIdsInUse()
            XCTAssertEqual(inUse, ["b"])
            await second.close()

            let onlyNew = try LocalAutoDebitStore(directory: folder, keyRing: new)
            try await assertEverythingOpens(onlyNew, count: count)
            let rerun = try await onlyNew.rotate()
            XCTAssertEqual(rerun.resealedBindings, 0, "a rerun skips records already re-sealed")
            await onlyNew.close()
        }
    }

    func testRotationRemovesTheOldKeyWithoutAReopenInBetween() async throws {
        let folder = newFolder()
        try await fill(folder, ring: try ring("a", 1), count: 2)
        let both = try ring("a", 1).adding(keyId: "b", key: [UInt8](repeating: 2, count: 32))
        let store = try LocalAutoDebitStore(directory: folder, keyRing: both)
        try await store.rotate()
        await store.close()
        // The log still holds the records under "a" (superseded): the open needs only the newest form.
        let onlyNew = try LocalAutoDebitStore(directory: folder, keyRing: try ring("b", 2))
        try await assertEverythingOpens(onlyNew, count: 2)
        await onlyNew.close()
    }

    /// The journal layout written before tokens were sealed: the same enum shape with plain records.
    private enum PlainJournalEntry: Codable {
        case authorization(PendingAuthorization)
        case binding(BindingRecord)
    }

    func testAJournalWrittenBeforeSealingOpensAndItsPlainTokensAreSealedAtOpen() async throws {
        let folder = newFolder()
        var pending = PendingAuthorization(authState: "STATE-1", merchantUserId: "user-0", referenceAgreementId: "AGR-1",
                                           createdAt: Date(timeIntervalSince1970: 1_700_000_000))
        pending.completedWithAuthCode = Secret("AUTHCODE-secret")
        pending.bindingId = "BND-0"
        pending.version = 2
        let plain = try Journal<PlainJournalEntry>(directory: folder, name: "autodebit")
        try plain.append(contentsOf: [.binding(binding(0)), .authorization(pending)])
        try plain.append(.binding(binding(1)))
        plain.close()
        let plainBytes = try folderBytes(folder).values.reduce(Data(), +)
        XCTAssertNotNil(plainBytes.range(of: Data("ACCESS-0-secret".utf8)), "the fixture holds plain tokens")

        let store = try LocalAutoDebitStore(directory: folder, keyRing: try ring("a", 1))
        try await assertEverythingOpens(store, count: 2)
        let inUse = await store.keyIdsInUse()
        XCTAssertEqual(inUse, ["a"])
        await store.close()
        let bytes = try folderBytes(folder).values.reduce(Data(), +)
        for secret in ["ACCESS-0-secret", "REFRESH-0-secret", "ACCESS-1-secret", "REFRESH-1-secret", "AUTHCODE-secret"] {
            XCTAssertNil(bytes.range(of: Data(secret.utf8)), "\(secret) is still in the journal after the open's compaction")
        }
    }

    func testTheInMemoryStoreKeepsOnlySealedTokensAndFindsBindingsByHash() async throws {
        let store = LocalAutoDebitStore()
        try await store.insert(binding(1))
        let state = await store.state
        let stored = try XCTUnwrap(state.bindings["BND-1"])
        XCTAssertEqual(stored.accessToken.keyId, "ephemeral")
        XCTAssertFalse("\(stored.accessToken.stringRepresentation)".contains("ACCESS"))
        let found = try await store.binding(accessToken: Secret("ACCESS-1-secret"))
        XCTAssertEqual(found?.bindingId, "BND-1")
        let missing = try await store.binding(accessToken: Secret("ACCESS-2-secret"))
        XCTAssertNil(missing)
    }

    func testSealedRecordsRotationReportsAndStoreErrorsShowNoSecret() async throws {
        let sealer = TokenSealer(keyRing: try ring("a", 1))
        var pending = PendingAuthorization(authState: "STATE-1", merchantUserId: "u", referenceAgreementId: "AGR", createdAt: Date())
        pending.completedWithAuthCode = Secret("AUTHCODE-secret")
        let sealedBinding = try sealer.seal(binding(7))
        let sealedAuthorization = try sealer.seal(pending)
        var texts = ["\(sealedBinding)", "\(sealedAuthorization)", String(reflecting: sealedBinding)]
        for value in [sealedBinding as Any, sealedAuthorization, KeyRotationReport(sealingKeyId: "a"), sealer] {
            var dumped = ""
            dump(value, to: &dumped)
            texts.append(dumped)
        }
        let folder = newFolder()
        try await fill(folder, ring: try ring("a", 1), count: 1)
        do { _ = try LocalAutoDebitStore(directory: folder, keyRing: try ring("b", 2)) } catch { texts.append("\(error)") }
        for text in texts {
            for secret in ["ACCESS-7-secret", "REFRESH-7-secret", "AUTHCODE-secret", "ACCESS-0-secret", "AUTHCODE"] {
                XCTAssertFalse(text.contains(secret), "\(secret) in: \(text)")
            }
            XCTAssertFalse(text.contains(sealedBinding.accessToken.stringRepresentation), "a sealed payload is printed")
        }
    }

    func testASealedTokenMovedToAnotherBindingDoesNotOpen() throws {
        let sealer = TokenSealer(keyRing: try ring("a", 1))
        var moved = try sealer.seal(binding(2))
        moved.accessToken = try sealer.seal(binding(1)).accessToken
        XCTAssertThrowsError(try sealer.open(moved)) { error in
            XCTAssertEqual((error as? SealingError)?.code, .wrongAssociatedData)
        }
    }
}
