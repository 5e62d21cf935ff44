import AlipayPlus
import PostgresNIO

extension PostgresAutoDebitStore {
    /// The schema version this build reads and writes.
    public static var schemaVersion: Int { SchemaMigration.currentVersion }

    /// Brings the schema to ``schemaVersion``: creates it when missing and runs every migration not
    /// applied yet, recording each in `schema_migrations`, all in one transaction.
    ///
    /// Safe to run from every instance at start-up at the same time: the transaction first takes an
    /// advisory lock of the schema's name, so one instance migrates and the others then find nothing
    /// to do. A schema migrated by a newer build is left alone and refused.
    /// - Throws: ``PostgresStoreError`` `databaseUnreachable`, `schemaTooNew`, `queryFailed`,
    ///   `serializationFailureRetried`.
    public func migrate() async throws {
        let migrations = SchemaMigration.all
        let schema = self.schema
        let logger = runner.logger
        do {
            runner.roundTrips?.increment()
            try await runner.client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Int64(Self.migrationLockKey(schema))))", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \(schema)"), logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version     integer PRIMARY KEY,
                        description text NOT NULL,
                        applied_at  timestamptz NOT NULL DEFAULT now()
                    )
                    """, logger: logger)
                var applied = 0
                for try await version in try await connection.query("SELECT coalesce(max(version), 0) FROM schema_migrations", logger: logger)
                    .decode(Int.self) { applied = version }
                guard applied <= SchemaMigration.currentVersion else { throw Self.tooNew(applied) }
                for migration in migrations where migration.version > applied {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migrations (version, description) VALUES (\(migration.version), \(migration.description))",
                        logger: logger)
                    logger.info("applied a schema migration", metadata: ["schema": "\(schema)", "version": "\(migration.version)"])
                }
            }
        } catch let error as PostgresTransactionError {
            let cause = error.closureError ?? error.beginError ?? error.commitError ?? error
            if let known = cause as? PostgresStoreError { throw known }
            let failure = PostgresQueryRunner.classify(cause, what: "migrate schema \(schema)")
            throw failure.code == .serializationFailureRetried
                ? PostgresStoreError(code: .serializationFailureRetried, message: failure.message + "; run migrate() again",
                                     attempts: 1, underlyingError: cause)
                : failure
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            throw PostgresQueryRunner.classify(error, what: "migrate schema \(schema)")
        }
    }

    /// The version recorded in the schema's `schema_migrations`, `0` when the schema has none.
    ///
    /// - Throws: ``PostgresStoreError`` `databaseUnreachable`, `queryFailed`.
    public func storedSchemaVersion() async throws -> Int {
        let rows: [PostgresRow]
        do {
            rows = try await runner.rows("""
                SELECT coalesce((SELECT max(version) FROM \(unescaped: table("schema_migrations"))), 0)
                """, "read the schema version of \(schema)")
        } catch let error as PostgresStoreError where error.code == .schemaTooOld {
            return 0
        }
        return try rows.first?.decode(Int.self) ?? 0
    }

    /// Checks that the schema is the one this build uses.
    ///
    /// - Parameter reachableWithin: how long to wait for the answer before reporting the database
    ///   unreachable.
    /// - Throws: ``PostgresStoreError`` `schemaTooOld` (run ``migrate()``), `schemaTooNew`,
    ///   `databaseUnreachable`, `queryFailed`.
    public func checkSchema(reachableWithin: Duration = .seconds(10)) async throws {
        let schema = self.schema
        let stored = try await Self.answer(within: reachableWithin, what: "read the schema version of \(schema)") {
            try await storedSchemaVersion()
        }
        if stored > SchemaMigration.currentVersion { throw Self.tooNew(stored) }
        guard stored == SchemaMigration.currentVersion else {
            throw PostgresStoreError(
                code: .schemaTooOld,
                message: "schema \(schema) is at version \(stored), this build needs \(SchemaMigration.currentVersion); "
                    + "run PostgresAutoDebitStore.migrate() (safe from every instance at once), then open the store again")
        }
    }

    /// `work`'s answer, or ``PostgresStoreError`` `databaseUnreachable` when none came within `limit`.
    static func answer<Answer: Sendable>(
        within limit: Duration, what: String, _ work: @escaping @Sendable () async throws -> Answer
    ) async throws -> Answer {
        try await withThrowingTaskGroup(of: Answer?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let answer = first else {
                throw PostgresStoreError(
                    code: .databaseUnreachable,
                    message: "could not \(what): the database did not answer within \(limit). Check the host, port, credentials, "
                        + "TLS settings and that the server is up")
            }
            return answer
        }
    }

    private static func tooNew(_ stored: Int) -> PostgresStoreError {
        PostgresStoreError(
            code: .schemaTooNew,
            message: "the schema is at version \(stored), newer than this build's \(SchemaMigration.currentVersion): a newer build "
                + "migrated it; this instance refuses to use it. Deploy the newer build here too")
    }

    /// The advisory lock key of a schema's migrations (a stable FNV-1a hash of its name).
    static func migrationLockKey(_ schema: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "alipayplus-migrate:\(schema)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
