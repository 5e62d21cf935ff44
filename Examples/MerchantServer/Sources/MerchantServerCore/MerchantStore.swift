import AlipayPlus
import AlipayPlusPostgres
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

/// The store the merchant server opened from its ``MerchantStorage``, and what running it takes.
///
/// A PostgreSQL store comes with its `PostgresClient`, which is a `Service`: it runs in the
/// application's service group (``services``), so no task outlives the server, and ``prepare()``
/// migrates the schema once the client runs, before the server takes requests.
public enum MerchantStore: Sendable {
    /// In memory, or a journal folder held by this process.
    case local(LocalAutoDebitStore)
    /// Shared by every instance on one database, over `client`.
    case postgres(PostgresAutoDebitStore, client: PostgresClient)

    /// Opens the store `storage` describes (creating the folder of a journal store).
    ///
    /// Nothing is sent to a database here: the client connects when its service runs.
    /// - Throws: the folder's creation error, `LocalAutoDebitStore`'s errors (a folder another process
    ///   holds), `PostgresStoreError` `invalidSchemaName`.
    static func open(_ storage: MerchantStorage, logger: Logger) throws -> MerchantStore {
        switch storage {
        case .memory:
            return .local(LocalAutoDebitStore())
        case .directory(let directory, let keyRing):
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return .local(try LocalAutoDebitStore(directory: directory, keyRing: keyRing))
        case .database(let database, let keyRing):
            let client = PostgresClient(configuration: database.clientConfiguration, backgroundLogger: logger)
            return .postgres(try PostgresAutoDebitStore(client: client, keyRing: keyRing, logger: logger), client: client)
        }
    }

    /// The store the coordinator and the routes use.
    public var autoDebitStore: any AutoDebitStore {
        switch self {
        case .local(let store): store
        case .postgres(let store, _): store
        }
    }

    /// What must run beside the server for the store to work: the database client, if any.
    var services: [any Service] {
        switch self {
        case .local: []
        case .postgres(_, let client): [client]
        }
    }

    /// Readies the store before the server serves: for PostgreSQL, `migrate()` (safe from every
    /// instance at once) and the schema check; nothing for a local store.
    ///
    /// - Throws: `PostgresStoreError` `databaseUnreachable`, `schemaTooOld`, `schemaTooNew`,
    ///   `queryFailed`, `serializationFailureRetried`.
    func prepare() async throws {
        guard case .postgres(let store, _) = self else { return }
        try await store.migrate()
        try await store.checkSchema()
    }

    /// Closes a journal store (one per folder and process); a database client stops with its service.
    public func close() async {
        if case .local(let store) = self { await store.close() }
    }
}
