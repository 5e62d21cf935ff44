import AlipayPlus
import AlipayPlusModels
@testable import AlipayPlusPostgres
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation
import PostgresNIO
import XCTest

/// Rotating the token key of the PostgreSQL store: re-sealing under the newest key in batches by
/// compare-and-set, resuming, and refusing to open with a ring that lacks a key in use.
final class PostgresKeyRotationTests: XCTestCase {
    private static func ring(_ id: String, _ byte: UInt8) throws -> TokenKeyRing {
        try TokenKeyRing(keyId: id, key: [UInt8](repeating: byte, count: 32))
    }

    private static var old: TokenKeyRing { get throws { try ring("old", 1) } }
    private static var newOnly: TokenKeyRing { get throws { try ring("new", 2) } }
    /// Opens both, seals under `new`.
    private static var both: TokenKeyRing { get throws { try old.adding(keyId: "new", key: [UInt8](repeating: 2, count: 32)) } }

    private static func binding(_ number: Int) -> BindingRecord {
        let date = Date(timeIntervalSince1970: 1_700_000_000 + Double(number))
        return BindingRecord(
            bindingId: "BND-\(number)", merchantUserId: "user-\(number)", accessToken: Secret("ACCESS-\(number)-secret"),
            accessTokenExpiryTime: date.addingTimeInterval(3600), refreshToken: Secret("REFRESH-\(number)-secret"),
            refreshTokenExpiryTime: nil, wallet: nil, createdAt: date, updatedAt: date)
    }

    /// A migrated schema holding `count` bindings and one completed authorization sealed under `ring`.
    private static func filledSchema(_ client: PostgresClient, ring: TokenKeyRing, count: Int) async throws -> String {
        let store = try await PostgresTestDatabase.freshStore(client, keyRing: ring)
        var pending = PendingAuthorization(authState: "STATE-1", merchantUserId: "user-0", referenceAgreementId: "AGR-1",
                                           createdAt: Date(timeIntervalSince1970: 1_700_000_000))
        pending = try await store.insert(pending)
        pending.completedWithAuthCode = Secret("AUTHCODE-secret")
        pending.bindingId = "BND-0"
        try await store.insert(binding(0), completing: pending, under: nil)
        for number in 1..<count { try await store.insert(binding(number)) }
        return store.schema
    }

    private static func open(_ client: PostgresClient, _ schema: String, _ ring: TokenKeyRing) async throws -> PostgresAutoDebitStore {
        try await PostgresAutoDebitStore.open(client: client, keyRing: ring, schema: schema, logger: PostgresTestDatabase.logger)
    }

    private static func assertEverythingOpens(_ store: PostgresAutoDebitStore, count: Int, file: StaticString = #filePath, line: UInt = #line) async throws {
        for number in 0..<count {
            let found = try await store.binding(accessToken: Secret("ACCESS-\(number)-secret"))
            XCTAssertEqual(found?.bindingId, "BND-\(number)", file: file, line: line)
            XCTAssertEqual(found?.refreshToken, Secret("REFRESH-\(number)-secret"), file: file, line: line)
        }
        let authorization = try await store.authorization(authState: "STATE-1")
        XCTAssertEqual(authorization?.completedWithAuthCode, Secret("AUTHCODE-secret"), file: file, line: line)
    }

    /// Every row of the schema's sealed tables, as stored.
    private static func snapshot(_ client: PostgresClient, _ schema: String) async throws -> [String] {
        var rows: [String] = []
        for table in ["bindings", "authorizations"] {
            let query = PostgresQuery(unsafeSQL: "SELECT t::text FROM \(schema).\(table) AS t ORDER BY 1")
            for try await text in try await client.query(query, logger: PostgresTestDatabase.logger).decode(String.self) {
                rows.append(text)
            }
        }
        return rows
    }

    // MARK: - Rotation

    func testAfterARotationTheOldKeyCanBeRemovedAndTheBindingStillCharges() async throws {
        try await PostgresTestDatabase.withClient { client in
            let merchant = try SimulatedMerchant()
            let first = try await PostgresTestDatabase.freshStore(client, keyRing: try Self.old)
            let bound = try await merchant.bind(with: try merchant.coordinator(store: first, instanceId: "instance-1")).binding
            let rotating = try await Self.open(client, first.schema, try Self.both)
            let report = try await rotating.rotate()
            XCTAssertEqual(report.resealedBindings, 1)
            XCTAssertEqual(report.resealedAuthorizations, 1, "the authorization's auth code is sealed too")
            XCTAssertTrue(report.isComplete, "\(report)")
            let inUse = try await rotating.keyIdsInUse()
            XCTAssertEqual(inUse, ["new"])

            let onlyNew = try await Self.open(client, first.schema, try Self.newOnly)
            let found = try await onlyNew.binding(accessToken: bound.accessToken)
            XCTAssertEqual(found?.bindingId, bound.bindingId)
            XCTAssertEqual(found?.version, bound.version, "re-sealing keeps the version: the tokens did not change")
            let outcome = try await merchant.coordinator(store: onlyNew, instanceId: "instance-2")
                .charge(SimulatedMerchant.charge(order: "ORDER-AFTER-ROTATION"))
            guard case .succeeded = outcome else { return XCTFail("the charge after the rotation did not succeed: \(outcome)") }
        }
    }

    func testARotationInterruptedAfterEveryBatchFinishesWhenRunAgain() async throws {
        let count = 5
        let records = count + 1  // the bindings and the completed authorization
        let batch = 2
        try await PostgresTestDatabase.withClient { client in
            let schema = try await Self.filledSchema(client, ring: try Self.old, count: count)
            var remaining = records
            while remaining > 0 {
                // Each call is a new instance that stops (as a crash would) after one batch.
                let store = try await Self.open(client, schema, try Self.both)
                let partial = try await store.rotate(limit: batch, batchSize: batch)
                XCTAssertEqual(partial.resealedBindings + partial.resealedAuthorizations, min(batch, remaining))
                remaining -= min(batch, remaining)
                XCTAssertEqual(partial.remaining, remaining)
                try await Self.assertEverythingOpens(store, count: count)  // lookups work mid-rotation
            }
            let onlyNew = try await Self.open(client, schema, try Self.newOnly)
            try await Self.assertEverythingOpens(onlyNew, count: count)
            let rerun = try await onlyNew.rotate()
            XCTAssertEqual(rerun.resealedBindings + rerun.resealedAuthorizations, 0, "a rerun skips records already re-sealed")
            XCTAssertTrue(rerun.isComplete)
        }
    }

    func testARotationConcurrentWithABindingUpdateDoesNotLoseTheUpdate() async throws {
        try await PostgresTestDatabase.withClient { client in
            let schema = try await Self.filledSchema(client, ring: try Self.old, count: 1)
            // An instance not yet given the new key refreshes the token while the rotation holds its
            // re-sealed copy of the row: the rotation's write must lose, and the row be re-read.
            let stillOnOld = try await Self.open(client, schema, try Self.old)
            let rotating = try await Self.open(client, schema, try Self.both)
            let updates = UpdateOnce {
                let read = try await stillOnOld.binding(id: "BND-0")
                var refreshed = try XCTUnwrap(read)
                refreshed.accessToken = Secret("ACCESS-refreshed-secret")
                try await stillOnOld.replace(refreshed, under: nil, deliveryKey: nil)
            }
            let report = try await rotating.rotate(limit: .max, batchSize: 10, beforeWritingBatch: { await updates.run() })
            let failure = await updates.failure
            XCTAssertNil(failure)
            XCTAssertEqual(report.resealedBindings, 1)
            XCTAssertTrue(report.isComplete, "\(report)")

            let onlyNew = try await Self.open(client, schema, try Self.newOnly)
            let stored = try await onlyNew.binding(id: "BND-0")
            XCTAssertEqual(stored?.accessToken, Secret("ACCESS-refreshed-secret"), "the concurrent refresh was kept")
            XCTAssertEqual(stored?.version, 2)
            let found = try await onlyNew.binding(accessToken: Secret("ACCESS-refreshed-secret"))
            XCTAssertEqual(found?.bindingId, "BND-0")
        }
    }

    // MARK: - Key check at open

    func testAStoreOpenedWithoutAKeyItsRecordsAreSealedUnderIsRefusedNamingTheKeyAndNothingChanges() async throws {
        try await PostgresTestDatabase.withClient { client in
            let schema = try await Self.filledSchema(client, ring: try Self.old, count: 2)
            let other = try PostgresAutoDebitStore(client: client, keyRing: try Self.ring("other", 3), schema: schema,
                                                   logger: PostgresTestDatabase.logger)
            try await other.insert(Self.binding(7))
            let before = try await Self.snapshot(client, schema)

            do {
                _ = try await Self.open(client, schema, try Self.newOnly)
                XCTFail("a store whose ring lacks 'old' and 'other' opened")
            } catch let error as StoreError {
                XCTAssertEqual(error.code, .sealingFailed)
                let sealing = error.underlyingError as? SealingError
                XCTAssertEqual(sealing?.code, .unknownKeyId)
                XCTAssertEqual(sealing?.keyId, "old")
                XCTAssertTrue("\(error)".contains("'old', 'other'"), "\(error)")
            }
            let configuration = try PostgresAutoDebitStore.clientConfiguration(databaseURL: try PostgresTestDatabase.url, maximumConnections: 2)
            do {
                try await PostgresAutoDebitStore.withStore(configuration: configuration, keyRing: try Self.newOnly, schema: schema,
                                                           migrating: true, logger: PostgresTestDatabase.logger) { _ in
                    XCTFail("withStore gave a store whose ring lacks keys in use")
                }
            } catch let error as StoreError {
                XCTAssertEqual(error.code, .sealingFailed)
            }
            let after = try await Self.snapshot(client, schema)
            XCTAssertEqual(after, before, "the refused opens changed nothing")

            let withAll = try Self.both.adding(keyId: "other", key: [UInt8](repeating: 3, count: 32))
            let opened = try await Self.open(client, schema, withAll)
            let inUse = try await opened.keyIdsInUse()
            XCTAssertEqual(inUse, ["old", "other"])
        }
    }

    func testAnEmptyStoreOpensWithAnyRing() async throws {
        try await PostgresTestDatabase.withClient { client in
            let store = try await PostgresTestDatabase.freshStore(client, keyRing: try Self.newOnly)
            let inUse = try await store.keyIdsInUse()
            XCTAssertEqual(inUse, [])
        }
    }

    func testTheMissingKeyIdsAreThoseInUseTheRingLacks() throws {
        let ring = try Self.both
        let cases: [(inUse: Set<String>, missing: [String])] = [
            ([], []),
            (["old"], []),
            (["old", "new"], []),
            (["gone"], ["gone"]),
            (["z", "new", "a"], ["a", "z"]),
        ]
        for (inUse, missing) in cases {
            XCTAssertEqual(PostgresAutoDebitStore.missingKeyIds(inUse: inUse, ring: ring), missing, "\(inUse)")
        }
    }
}

/// Runs `update` the first time it is called, keeping its error for the test to check.
private actor UpdateOnce {
    private var update: (@Sendable () async throws -> Void)?
    private(set) var failure: (any Error)?

    init(_ update: @escaping @Sendable () async throws -> Void) {
        self.update = update
    }

    func run() async {
        guard let update else { return }
        self.update = nil
        do { try await update() } catch { failure = error }
    }
}
