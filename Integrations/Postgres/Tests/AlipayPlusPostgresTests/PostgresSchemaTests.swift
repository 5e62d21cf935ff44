import AlipayPlus
import AlipayPlusPostgres
import AlipayPlusTesting
import Foundation
import PostgresNIO
import XCTest

/// Migrations, the schema version check at open, and the typed error of an unreachable database.
final class PostgresSchemaTests: XCTestCase {
    func testFourInstancesMigratingAnEmptyDatabaseAtOnceLeaveOneCompleteSchema() async throws {
        try await PostgresTestDatabase.withClient { client in
            let schema = PostgresTestDatabase.freshSchema()
            let stores = try (0..<4).map { _ in
                try PostgresAutoDebitStore(client: client, keyRing: TestKeys.tokenKeyRing, schema: schema,
                                           logger: PostgresTestDatabase.logger)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            for store in stores {
                try await store.checkSchema()
                let version = try await store.storedSchemaVersion()
                XCTAssertEqual(version, PostgresAutoDebitStore.schemaVersion)
            }
            let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(schema).schema_migrations"))
            for try await count in rows.decode(Int.self) {
                XCTAssertEqual(count, PostgresAutoDebitStore.schemaVersion, "each migration is recorded once")
            }
            // The migrated schema works: a record written through one instance is read through another.
            try await stores[0].insert(PaymentRecord(
                paymentRequestId: "PAY-1", merchantUserId: "U", bindingId: "B", amount: Amount(currency: "HKD", minorUnits: 100),
                referenceOrderId: "O-1", createdAt: Date(timeIntervalSince1970: 1_800_000_000)))
            let read = try await stores[3].payment(requestId: "PAY-1")
            XCTAssertEqual(read?.version, 1)
        }
    }

    func testAStoreRefusesToOpenASchemaMigratedByANewerBuild() async throws {
        try await PostgresTestDatabase.withClient { client in
            let store = try await PostgresTestDatabase.freshStore(client)
            try await client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO \(store.schema).schema_migrations (version, description) VALUES (\(PostgresAutoDebitStore.schemaVersion + 1), 'from the future')
                """))
            do {
                _ = try await PostgresAutoDebitStore.open(client: client, keyRing: TestKeys.tokenKeyRing, schema: store.schema)
                XCTFail("a schema newer than the build was opened")
            } catch let error as PostgresStoreError {
                XCTAssertEqual(error.code, .schemaTooNew)
                XCTAssertTrue(error.message.contains("Deploy the newer build"), error.message)
            }
            do {
                try await store.migrate()
                XCTFail("a schema newer than the build was migrated")
            } catch let error as PostgresStoreError {
                XCTAssertEqual(error.code, .schemaTooNew)
            }
        }
    }

    func testAStoreRefusesToOpenASchemaThatWasNeverMigrated() async throws {
        try await PostgresTestDatabase.withClient { client in
            do {
                _ = try await PostgresAutoDebitStore.open(client: client, keyRing: TestKeys.tokenKeyRing,
                                                          schema: PostgresTestDatabase.freshSchema())
                XCTFail("an empty schema was opened")
            } catch let error as PostgresStoreError {
                XCTAssertEqual(error.code, .schemaTooOld)
                XCTAssertTrue(error.message.contains("migrate()"), error.message)
            }
        }
    }

    func testAnUnreachableDatabaseIsATypedErrorThatSaysWhatToCheck() async throws {
        // A loopback port nothing listens on: bound and closed again.
        let port = try Self.closedLoopbackPort()
        var configuration = try PostgresAutoDebitStore.clientConfiguration(
            databaseURL: "postgres://postgres:do-not-print@127.0.0.1:\(port)/alipayplus")
        configuration.options.connectTimeout = .seconds(2)
        let client = PostgresClient(configuration: configuration, backgroundLogger: PostgresTestDatabase.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            do {
                _ = try await PostgresAutoDebitStore.open(client: client, keyRing: TestKeys.tokenKeyRing, logger: PostgresTestDatabase.logger,
                                                          reachableWithin: .seconds(1))
                XCTFail("a store was opened on a port nothing listens on")
            } catch let error as PostgresStoreError {
                XCTAssertEqual(error.code, .databaseUnreachable)
                XCTAssertTrue(error.message.contains("Check the host, port"), error.message)
                XCTAssertFalse("\(error)".contains("do-not-print"), "the password is not in the error")
            }
        }
    }

    func testAnInvalidSchemaNameIsRefusedBeforeAnyStatement() async throws {
        try await PostgresTestDatabase.withClient { client in
            for name in ["Alipay", "a;drop", "1abc", "", String(repeating: "a", count: 64)] {
                XCTAssertThrowsError(try PostgresAutoDebitStore(client: client, keyRing: TestKeys.tokenKeyRing, schema: name)) { error in
                    XCTAssertEqual((error as? PostgresStoreError)?.code, .invalidSchemaName, "schema name \(name)")
                }
            }
        }
    }

    static func closedLoopbackPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw PostgresTestDatabase.MissingServer() }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
