import AlipayPlus
import AlipayPlusPostgres
import AlipayPlusTesting
import XCTest

/// The store contract's conformance suite, in full (records, rules, concurrency, leases, durability
/// across a reopen), against a real PostgreSQL server: each check on a fresh schema.
final class PostgresStoreConformanceTests: XCTestCase {
    func testThePostgresStoreHonoursTheStoreContract() async throws {
        let failures = try await PostgresTestDatabase.withClient { client in
            let suite = AutoDebitStoreConformance(
                makeStore: { try await PostgresTestDatabase.freshStore(client) },
                reopen: { store in
                    guard let store = store as? PostgresAutoDebitStore else { throw PostgresTestDatabase.MissingServer() }
                    return try await PostgresAutoDebitStore.open(client: client, keyRing: TestKeys.tokenKeyRing, schema: store.schema,
                                                                 logger: PostgresTestDatabase.logger)
                })
            XCTAssertTrue(suite.checks.contains { $0.name == "aReopenedStoreHoldsExactlyTheAcknowledgedWrites" }, "the durability checks run too")
            return await suite.runAll()
        }
        for failure in failures { XCTFail("\(failure)") }
    }
}
