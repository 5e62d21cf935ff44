import AlipayPlus
import Logging
import PostgresNIO

/// Sends the store's statements: one round trip each, counted, retried only when the server says
/// it rolled the statement back (serialization failure, deadlock), and with every failure turned
/// into a ``PostgresStoreError``.
struct PostgresQueryRunner: Sendable {
    /// How many times a statement the server rolled back as a serialization failure or deadlock is sent.
    static let serializationAttempts = 5

    let client: PostgresClient
    let logger: Logger
    let roundTrips: PostgresRoundTripCounter?

    /// The statement's rows, all read. Throws ``PostgresStoreError`` only.
    @discardableResult
    func rows(_ query: PostgresQuery, _ what: @autoclosure () -> String) async throws -> [PostgresRow] {
        var attempt = 0
        while true {
            attempt += 1
            roundTrips?.increment()
            do {
                var rows: [PostgresRow] = []
                for try await row in try await client.query(query, logger: logger) { rows.append(row) }
                return rows
            } catch {
                let failure = Self.classify(error, what: what())
                if failure.code == .serializationFailureRetried {
                    guard attempt < Self.serializationAttempts else {
                        throw PostgresStoreError(
                            code: .serializationFailureRetried,
                            message: "could not \(what()): the database rolled it back as a serialization failure or deadlock "
                                + "\(attempt) times; nothing was written. Try again; if it persists, look for long transactions "
                                + "on the store's tables", attempts: attempt, underlyingError: error)
                    }
                    logger.debug("retrying a statement the database rolled back", metadata: ["attempt": "\(attempt)", "operation": "\(what())"])
                    continue
                }
                logger.log(level: failure.code == .schemaTooOld ? .debug : .warning, "store statement failed",
                           metadata: ["operation": "\(what())", "error": "\(failure.code)"])
                throw failure
            }
        }
    }

    /// Runs the statement as a contract operation: its failures become ``StoreError`` `persistence`
    /// with the ``PostgresStoreError`` as their underlying error.
    @discardableResult
    func storeRows(_ query: PostgresQuery, _ what: @autoclosure () -> String) async throws -> [PostgresRow] {
        do {
            return try await rows(query, what())
        } catch let error as PostgresStoreError {
            throw StoreError(code: .persistence, message: "\(error.message)", underlyingError: error)
        }
    }

    /// What a failure means for the store. A serialization failure is reported with that code (the
    /// caller retries it); every other error is final.
    static func classify(_ error: any Error, what: String) -> PostgresStoreError {
        if String(describing: type(of: error)).contains("ConnectionPoolError") {
            return PostgresStoreError(
                code: .databaseUnreachable,
                message: "could not \(what): no connection to the database could be made (\(error)). "
                    + "Check the host, port, credentials, TLS settings and that the server is up",
                underlyingError: error)
        }
        guard let error = error as? PSQLError else {
            return PostgresStoreError(code: .queryFailed, message: "could not \(what): \(error)", underlyingError: error)
        }
        let unreachable: Set<PSQLError.Code> = [
            .connectionError, .serverClosedConnection, .uncleanShutdown, .poolClosed, .clientClosedConnection,
            .sslUnsupported, .failedToAddSSLHandler, .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError,
        ]
        if unreachable.contains(error.code) {
            return PostgresStoreError(
                code: .databaseUnreachable,
                message: "could not \(what): the database is unreachable (\(error.code)); whether the last write arrived is unknown. "
                    + "Check the host, port, credentials, TLS settings and that the server is up",
                underlyingError: error)
        }
        let state = error.serverInfo?[.sqlState] ?? ""
        let serverMessage = error.serverInfo?[.message] ?? "\(error.code)"
        switch state {
        case "40001", "40P01":
            return PostgresStoreError(code: .serializationFailureRetried, message: "could not \(what): \(serverMessage)",
                                      attempts: 1, underlyingError: error)
        case "42P01", "42883", "3F000":
            return PostgresStoreError(
                code: .schemaTooOld,
                message: "could not \(what): the store's tables or functions are missing (\(serverMessage)); run "
                    + "PostgresAutoDebitStore.migrate() first", underlyingError: error)
        case _ where state.hasPrefix("08") || state.hasPrefix("28") || state == "57P01" || state == "57P03" || state == "3D000":
            return PostgresStoreError(
                code: .databaseUnreachable,
                message: "could not \(what): the database refused the connection (\(state): \(serverMessage)). "
                    + "Check the host, port, database name, credentials and that the server is up",
                underlyingError: error)
        default:
            return PostgresStoreError(code: .queryFailed, message: "could not \(what): the database refused it (\(state): \(serverMessage))",
                                      underlyingError: error)
        }
    }
}
