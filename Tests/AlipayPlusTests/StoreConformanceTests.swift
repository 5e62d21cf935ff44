import AlipayPlus
import AlipayPlusTesting
import Foundation
import XCTest

/// The store conformance suite (AlipayPlusTesting) run against both `LocalAutoDebitStore` forms and
/// against a store whose every call takes about 2 ms, as a database's do.
final class StoreConformanceTests: XCTestCase {
    private var folder: URL!

    override func setUp() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-conformance-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func assertConforms(_ suite: AutoDebitStoreConformance, file: StaticString = #filePath, line: UInt = #line) async {
        for failure in await suite.runAll() { XCTFail("\(failure)", file: file, line: line) }
    }

    func testTheInMemoryStoreHonoursTheStoreContract() async {
        await assertConforms(AutoDebitStoreConformance(makeStore: { LocalAutoDebitStore() }))
    }

    func testTheJournalStoreHonoursTheStoreContractAcrossReopens() async {
        let folder = folder!
        let suite = AutoDebitStoreConformance(makeStore: {
            try LocalAutoDebitStore(directory: folder.appendingPathComponent(UUID().uuidString), keyRing: TestKeys.tokenKeyRing)
        }, reopen: { store in
            let local = try XCTUnwrap(store as? LocalAutoDebitStore)
            let directory = try XCTUnwrap(local.directory)
            await local.close()
            return try LocalAutoDebitStore(directory: directory, keyRing: TestKeys.tokenKeyRing)
        })
        XCTAssertTrue(suite.checks.contains { $0.name == "aReopenedStoreHoldsExactlyTheAcknowledgedWrites" })
        await assertConforms(suite)
    }

    func testAStoreWhoseEveryCallTakesTwoMillisecondsHonoursTheStoreContract() async {
        await assertConforms(AutoDebitStoreConformance(makeStore: { FlowSlowStore(base: LocalAutoDebitStore()) }))
    }

    func testTheSuiteFindsAStoreWhoseLastWriterWins() async {
        let failures = await AutoDebitStoreConformance(makeStore: {
            StoreWithBrokenRule(base: LocalAutoDebitStore(), broken: .compareAndSet)
        }).runAll().map(\.check)
        for rule in ["aReplaceFromAStaleCopyIsRefusedAndWritesNothing", "oneHundredConcurrentReplacesOfOneCopyHaveExactlyOneWinner",
                     "aReleasingReplaceRefusedAsStaleWritesNothingAndKeepsTheLease"] {
            XCTAssertTrue(failures.contains(rule), "\(rule) not found broken; failures: \(failures)")
        }
        XCTAssertFalse(failures.contains("aLeaseIsHeldByOneOwnerUntilItExpires"), "\(failures)")
    }

    func testTheSuiteFindsAStoreThatIgnoresFencing() async {
        let failures = await AutoDebitStoreConformance(makeStore: {
            StoreWithBrokenRule(base: LocalAutoDebitStore(), broken: .fencing)
        }).runAll().map(\.check)
        XCTAssertEqual(Set(failures), ["aWriteUnderAStaleLeaseIsRefused", "recoveryWorkIsClaimedByOneOwnerAtATime",
                                       "aReleasingReplaceUnderALeaseTakenOverSinceWritesNothingAndLeavesTheNewHoldersLease"])
    }
}
