/// Why the PostgreSQL store could not do what was asked: the database, not a rule of the contract.
///
/// The store's methods report these as the ``StoreError`` `persistence` the contract names (its
/// `underlyingError` is this error), so the coordinator treats them as any store failure: nothing
/// believed written, a charge whose outcome could not be stored reported as unresolved.
/// ``PostgresAutoDebitStore/open(client:keyRing:schema:logger:roundTrips:)`` and
/// ``PostgresAutoDebitStore/migrate()`` throw them directly.
public struct PostgresStoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case databaseUnreachable, schemaTooOld, schemaTooNew, serializationFailureRetried, invalidSchemaName, unreadableRecord
            case queryFailed
        }
        private let base: Base

        /// No connection to the server could be made or kept (refused, timed out, closed); whether
        /// the last write reached the database is unknown. Check the host, port, credentials and TLS
        /// settings and that the server is up; the coordinator's recovery finishes what was in flight.
        public static let databaseUnreachable = Code(base: .databaseUnreachable)
        /// The schema is older than this build needs (or missing): run
        /// ``PostgresAutoDebitStore/migrate()`` (safe from every instance at once).
        public static let schemaTooOld = Code(base: .schemaTooOld)
        /// The schema was migrated by a newer build of the store: this instance refuses to write it.
        /// Deploy the newer build on this instance too.
        public static let schemaTooNew = Code(base: .schemaTooNew)
        /// The database aborted the write as a serialization failure or deadlock every time it was
        /// tried (``PostgresStoreError/attempts`` times); nothing was written. Try again later; if it
        /// persists, look for long transactions holding the store's rows.
        public static let serializationFailureRetried = Code(base: .serializationFailureRetried)
        /// The schema name is not a plain lower-case SQL identifier.
        public static let invalidSchemaName = Code(base: .invalidSchemaName)
        /// A stored row could not be decoded into its record (edited by hand, or written by a newer build).
        public static let unreadableRecord = Code(base: .unreadableRecord)
        /// The server refused a statement for another reason (its `underlyingError` says which).
        public static let queryFailed = Code(base: .queryFailed)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// What happened and what to do.
    public var message: String
    /// How many times a write was tried (for ``Code-swift.struct/serializationFailureRetried``).
    public var attempts: Int?
    /// The lower-level error (a `PSQLError`, a `DecodingError`).
    public var underlyingError: (any Error)?

    /// Creates an error.
    public init(code: Code, message: String, attempts: Int? = nil, underlyingError: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.attempts = attempts
        self.underlyingError = underlyingError
    }

    /// `PostgresStoreError.<code>: <message>`.
    public var description: String { "PostgresStoreError.\(code): \(message)" }
}
