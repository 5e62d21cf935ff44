public import AlipayPlus
public import AlipayPlusSigning
public import Logging
public import PostgresNIO
import Foundation

/// An ``AlipayPlus/AutoDebitStore`` in PostgreSQL, shared by every instance of the merchant's server.
///
/// The money rules are the database's: unique request ids, at most one unfinished payment per order
/// (a partial unique index), refunds checked against their payment inside one transaction that locks
/// the payment row, no cancel of a payment with refunds (checked in that transaction and by a `CHECK`
/// constraint), notification keys inserted in the same transaction as the change they apply, every
/// replacement a compare-and-set on a `version` column, writes under a lease checked against the
/// lease row in the same transaction, and recovery work claimed with `FOR UPDATE SKIP LOCKED`. Every
/// contract operation is one statement (a function of the schema for the writes with rules): one
/// round trip, one transaction.
///
/// Tokens are sealed with a ``AlipayPlusSigning/TokenKeyRing`` exactly as ``AlipayPlus/LocalAutoDebitStore``
/// seals them (``AlipayPlus/TokenSealer``): no row holds a token or an auth code in plain text, and
/// lookups by access token query the `aph1.` keyed hash under every key of the ring.
///
/// ```swift
/// let client = PostgresClient(configuration: configuration)   // run it: `await client.run()` in a task you own
/// let store = try await PostgresAutoDebitStore.open(client: client, keyRing: keyRing)
/// ```
///
/// Or, owning the client's task for the closure's length:
///
/// ```swift
/// try await PostgresAutoDebitStore.withStore(configuration: configuration, keyRing: keyRing, migrating: true) { store in
///     let coordinator = AutoDebitCoordinator(client: client, store: store, configuration: config)
///     …
/// }
/// ```
///
/// See `Documentation/SeveralInstances.md` for the schema, pool sizing and TLS.
public struct PostgresAutoDebitStore: AutoDebitStore {
    /// The default schema the store's tables live in.
    public static let defaultSchema = "alipayplus"

    /// The schema (namespace) holding the store's tables and functions.
    public let schema: String
    let sealer: TokenSealer
    let runner: PostgresQueryRunner

    /// A store over `client` in `schema`, without checking the database (see ``open(client:keyRing:schema:logger:roundTrips:)``).
    ///
    /// `client` must be running (its `run()` in a task the caller owns) for the store to work.
    /// - Parameters:
    ///   - client: the connection pool; size it for the coordinators' concurrency (see the guide).
    ///   - keyRing: seals and opens tokens; keep it apart from the database.
    ///   - schema: a lower-case SQL identifier (letters, digits, `_`), created by ``migrate()``.
    ///   - logger: where the store logs failures and retries (never a token or query value).
    ///   - roundTrips: counts every statement sent, when given.
    /// - Throws: ``PostgresStoreError`` `invalidSchemaName`.
    public init(
        client: PostgresClient, keyRing: TokenKeyRing, schema: String = defaultSchema,
        logger: Logger = Logger(label: "alipayplus.postgres"), roundTrips: PostgresRoundTripCounter? = nil
    ) throws {
        guard Self.isPlainIdentifier(schema) else {
            throw PostgresStoreError(
                code: .invalidSchemaName,
                message: "schema name \"\(schema)\" is not a plain SQL identifier; use lower-case letters, digits and _ "
                    + "(starting with a letter or _, at most 63 characters), such as \(Self.defaultSchema)")
        }
        self.schema = schema
        self.sealer = TokenSealer(keyRing: keyRing)
        self.runner = PostgresQueryRunner(client: client, logger: logger, roundTrips: roundTrips)
    }

    /// A store over `client` after checking that the database is reachable, its schema is the one
    /// this build uses, and `keyRing` holds every key its records are sealed under (``checkKeyRing()``).
    ///
    /// - Parameter reachableWithin: how long to wait for the check's answer before reporting the
    ///   database unreachable (the pool otherwise keeps retrying a refused connection for a minute).
    /// - Throws: ``PostgresStoreError`` `invalidSchemaName`, `databaseUnreachable`, `schemaTooOld`
    ///   (run ``migrate()``), `schemaTooNew` (deploy the newer build), `queryFailed`;
    ///   ``AlipayPlus/StoreError`` `sealingFailed` naming the key ids the ring lacks (nothing is changed).
    public static func open(
        client: PostgresClient, keyRing: TokenKeyRing, schema: String = defaultSchema,
        logger: Logger = Logger(label: "alipayplus.postgres"), roundTrips: PostgresRoundTripCounter? = nil,
        reachableWithin: Duration = .seconds(10)
    ) async throws -> PostgresAutoDebitStore {
        let store = try PostgresAutoDebitStore(client: client, keyRing: keyRing, schema: schema, logger: logger, roundTrips: roundTrips)
        try await store.checkSchema(reachableWithin: reachableWithin)
        try await store.checkKeyRing()
        return store
    }

    /// Runs `client` for the length of `body` (in a child task of this call), opens the store on it
    /// (migrating first when `migrating`), and gives it to `body`; the client closes when `body` returns.
    ///
    /// - Throws: the errors of ``open(client:keyRing:schema:logger:roundTrips:)`` and ``migrate()``,
    ///   and whatever `body` throws.
    public static func withStore<Result: Sendable>(
        configuration: PostgresClient.Configuration, keyRing: TokenKeyRing, schema: String = defaultSchema,
        migrating: Bool = false, logger: Logger = Logger(label: "alipayplus.postgres"),
        roundTrips: PostgresRoundTripCounter? = nil,
        _ body: @Sendable (PostgresAutoDebitStore) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let store = try PostgresAutoDebitStore(client: client, keyRing: keyRing, schema: schema, logger: logger, roundTrips: roundTrips)
            if migrating { try await store.migrate() }
            try await store.checkSchema()
            try await store.checkKeyRing()
            return try await body(store)
        }
    }

    /// Whether `name` can be used unquoted as the schema's name.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63 else { return false }
        let lower = Set("abcdefghijklmnopqrstuvwxyz_".unicodeScalars)
        let digits = Set("0123456789".unicodeScalars)
        return lower.contains(first) && name.unicodeScalars.allSatisfy { lower.contains($0) || digits.contains($0) }
    }

    /// `<schema>.<name>`, for a statement.
    func table(_ name: String) -> String { "\(schema).\(name)" }
}
