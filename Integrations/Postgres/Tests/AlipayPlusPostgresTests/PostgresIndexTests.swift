import AlipayPlus
import AlipayPlusPostgres
import PostgresNIO
import XCTest

/// The store's queries are served by indexes, never by a scan of every row (checked with `EXPLAIN`,
/// sequential scans disabled so the planner shows whether an index can serve each query).
final class PostgresIndexTests: XCTestCase {
    func testEveryQueryOfTheStoreIsServedByAnIndex() async throws {
        try await PostgresTestDatabase.withClient { client in
            let schema = try await PostgresTestDatabase.freshStore(client).schema
            let unfinished = "('created', 'pending', 'cancelRequested')"
            let queries = [
                "unfinished payments of an order": "SELECT body FROM \(schema).payments WHERE reference_order_id = 'O' AND state IN \(unfinished) ORDER BY created_at, payment_request_id",
                "oldest unfinished payments": "SELECT body FROM \(schema).payments WHERE state IN \(unfinished) ORDER BY created_at, payment_request_id LIMIT 10",
                "pending refunds": "SELECT body FROM \(schema).refunds WHERE state = 'pending' ORDER BY created_at, refund_request_id LIMIT 10",
                "refunds of a payment": "SELECT body FROM \(schema).refunds WHERE payment_request_id = 'P' ORDER BY created_at, refund_request_id",
                "binding by token hash": "SELECT body FROM \(schema).bindings WHERE access_token_lookup_hash = ANY('{aph1.k1.x}'::text[])",
                "bindings of a user": "SELECT body FROM \(schema).bindings WHERE merchant_user_id = 'U' ORDER BY created_at, binding_id",
                "payment by id": "SELECT body FROM \(schema).payments WHERE payment_request_id = 'P'",
                "lease by name": "SELECT 1 FROM \(schema).leases WHERE name = 'payment:P' AND fencing_token = 1",
            ]
            try await client.withConnection { connection in
                try await connection.query("SET enable_seqscan = off", logger: PostgresTestDatabase.logger)
                for (name, sql) in queries {
                    var plan: [String] = []
                    for try await line in try await connection.query(PostgresQuery(unsafeSQL: "EXPLAIN " + sql),
                                                                    logger: PostgresTestDatabase.logger).decode(String.self) {
                        plan.append(line)
                    }
                    let text = plan.joined(separator: "\n")
                    XCTAssertFalse(text.contains("Seq Scan"), "\(name) scans every row:\n\(text)")
                    XCTAssertTrue(text.contains("Index"), "\(name) uses no index:\n\(text)")
                }
            }
        }
    }
}
