import AlipayPlus
import AlipayPlusPostgres
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation
import Logging
import PostgresNIO
import XCTest

/// The test server (from `ALIPAYPLUS_TEST_DATABASE_URL`, set by `.ci/with-postgres.sh`) and a fresh
/// schema per store, so every test and every conformance check starts from an empty store.
enum PostgresTestDatabase {
    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "ALIPAYPLUS_TEST_DATABASE_URL is not set: these tests need a real PostgreSQL server. Run them as "
                + "`.ci/with-postgres.sh swift test --package-path Integrations/Postgres` from the repository root"
        }
    }

    static var url: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["ALIPAYPLUS_TEST_DATABASE_URL"], !url.isEmpty else {
                throw MissingServer()
            }
            return url
        }
    }

    /// The folder of the server's programs (`pg_dump`), from `ALIPAYPLUS_TEST_PG_BIN`.
    static var binFolder: String? { ProcessInfo.processInfo.environment["ALIPAYPLUS_TEST_PG_BIN"] }

    static var logger: Logger {
        var logger = Logger(label: "alipayplus.postgres.tests")
        logger.logLevel = .error
        return logger
    }

    /// Runs a client to the test server for the length of `body`.
    static func withClient<Result: Sendable>(
        maximumConnections: Int = 40, _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let configuration = try PostgresAutoDebitStore.clientConfiguration(databaseURL: try url, maximumConnections: maximumConnections)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// A schema name no other test uses.
    static func freshSchema() -> String {
        "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    }

    /// A migrated, empty store in a schema of its own.
    static func freshStore(
        _ client: PostgresClient, keyRing: TokenKeyRing = TestKeys.tokenKeyRing, roundTrips: PostgresRoundTripCounter? = nil
    ) async throws -> PostgresAutoDebitStore {
        let store = try PostgresAutoDebitStore(client: client, keyRing: keyRing, schema: freshSchema(), logger: logger,
                                               roundTrips: roundTrips)
        try await store.migrate()
        return try await PostgresAutoDebitStore.open(client: client, keyRing: keyRing, schema: store.schema, logger: logger,
                                                     roundTrips: roundTrips)
    }
}
