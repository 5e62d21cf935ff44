import AlipayPlus
@testable import AlipayPlusPostgres
import AlipayPlusTesting
import PostgresNIO
import XCTest

/// The key check at open and the rotation's reads are served by the key-id indexes, never by a scan
/// of every row (`EXPLAIN` with sequential scans disabled, as in `PostgresIndexTests`).
final class PostgresKeyIdIndexTests: XCTestCase {
    func testTheKeyCheckAndTheRotationReadOnlyTheKeyIdIndexes() async throws {
        try await PostgresTestDatabase.withClient { client in
            let store = try await PostgresTestDatabase.freshStore(client)
            let queries: [String: PostgresQuery] = [
                "key ids in use": store.keyIdsInUseQuery(),
                "records to re-seal (count)": store.countToResealQuery(),
                "bindings to re-seal": store.underOlderKeys(select: "version, body::text", from: "bindings",
                                                            keyExpression: store.bindingKeyIdsExpression,
                                                            order: "created_at, binding_id", limit: 10),
                "authorizations to re-seal": store.underOlderKeys(select: "version, body::text", from: "authorizations",
                                                                  keyExpression: store.authorizationKeyIdExpression,
                                                                  order: "created_at, auth_state", limit: 10),
            ]
            try await client.withConnection { connection in
                try await connection.query("SET enable_seqscan = off", logger: PostgresTestDatabase.logger)
                for (name, query) in queries {
                    var plan: [String] = []
                    let explain = PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds)
                    for try await line in try await connection.query(explain, logger: PostgresTestDatabase.logger).decode(String.self) {
                        plan.append(line)
                    }
                    let text = plan.joined(separator: "\n")
                    XCTAssertFalse(text.contains("Seq Scan"), "\(name) scans every row:\n\(text)")
                    XCTAssertTrue(text.contains("_key_id"), "\(name) uses no key-id index:\n\(text)")
                }
            }
        }
    }
}
