import AlipayPlus
@testable import AlipayPlusPostgres
import AlipayPlusTesting
import Foundation
import PostgresNIO
import XCTest

/// A schema an older build migrated is brought up to date in place by `migrate()`, keeps its rows,
/// and keeps every rule the replaced functions enforce.
final class PostgresSchemaUpgradeTests: XCTestCase {
    func testASchemaAtVersionTwoIsUpgradedInPlaceAndKeepsItsRowsAndRules() async throws {
        try await PostgresTestDatabase.withClient { client in
            let schema = PostgresTestDatabase.freshSchema()
            try await Self.migrate(client, schema: schema, through: 2)
            let store = try PostgresAutoDebitStore(client: client, keyRing: TestKeys.tokenKeyRing, schema: schema,
                                                   logger: PostgresTestDatabase.logger)
            do {
                try await store.checkSchema()
                XCTFail("a version 2 schema is refused by this build")
            } catch let error as PostgresStoreError {
                XCTAssertEqual(error.code, .schemaTooOld)
            }
            let now = Date(timeIntervalSinceReferenceDate: 800_000_000)
            let earlier = Self.payment("PAY-BEFORE", order: "ORDER-1", at: now)
            try await store.insert(earlier)  // through version 1's functions
            let heldBefore = try await store.acquireLease("payment:PAY-BEFORE", owner: "old-build", ttl: .seconds(30), now: now)

            try await store.migrate()
            try await store.checkSchema()
            let stored = try await store.storedSchemaVersion()
            XCTAssertEqual(stored, PostgresAutoDebitStore.schemaVersion)

            let kept = try await store.payment(requestId: "PAY-BEFORE")
            XCTAssertEqual(kept?.referenceOrderId, "ORDER-1", "the row written before the upgrade is kept")
            await Self.assertRefused(.duplicate, try await store.insert(earlier))
            do {
                try await store.insert(Self.payment("PAY-OTHER", order: "ORDER-1", at: now))
                XCTFail("a second unfinished payment for the order is refused")
            } catch let error as StoreError {
                XCTAssertEqual(error.code, .orderHasUnfinishedPayment)
                XCTAssertEqual(error.recordId, "PAY-BEFORE", "the refusal names the unfinished payment")
            }
            let fresh = try await store.insert(Self.payment("PAY-AFTER", order: "ORDER-2", at: now))
            XCTAssertEqual(fresh.version, 1)

            let held = try await store.acquireLease("payment:PAY-BEFORE", owner: "new-build", ttl: .seconds(30), now: now)
            XCTAssertNil(held, "a lease taken before the upgrade is still held")
            let lapsed = try await store.acquireLease("payment:PAY-BEFORE", owner: "new-build", ttl: .seconds(30),
                                                      now: now.addingTimeInterval(31))
            XCTAssertGreaterThan(try XCTUnwrap(lapsed).fencingToken, try XCTUnwrap(heldBefore).fencingToken,
                                 "taken over after it lapsed, with a newer fencing token")
            let again = try await store.acquireLease("payment:PAY-BEFORE", owner: "new-build", ttl: .seconds(30),
                                                     now: now.addingTimeInterval(32))
            XCTAssertNotNil(again, "its owner takes it again")
        }
    }

    /// Runs this build's migrations up to `version` only, as an older build would have.
    private static func migrate(_ client: PostgresClient, schema: String, through version: Int) async throws {
        let logger = PostgresTestDatabase.logger
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \(schema)"), logger: logger)
            try await connection.query("""
                CREATE TABLE schema_migrations (version integer PRIMARY KEY, description text NOT NULL,
                                                applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            for migration in SchemaMigration.all where migration.version <= version {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, description) VALUES (\(migration.version), \(migration.description))",
                    logger: logger)
            }
        }
    }

    private static func payment(_ id: String, order: String, at now: Date) -> PaymentRecord {
        PaymentRecord(paymentRequestId: id, merchantUserId: "user-1", bindingId: "BND-1",
                      amount: Amount(currency: "HKD", minorUnits: 500), referenceOrderId: order, createdAt: now)
    }

    private static func assertRefused(
        _ code: StoreError.Code, _ call: @autoclosure () async throws -> some Any, line: UInt = #line
    ) async {
        do {
            _ = try await call()
            XCTFail("refused with \(code)", line: line)
        } catch let error as StoreError {
            XCTAssertEqual(error.code, code, line: line)
        } catch {
            XCTFail("refused with \(code), not \(error)", line: line)
        }
    }
}
