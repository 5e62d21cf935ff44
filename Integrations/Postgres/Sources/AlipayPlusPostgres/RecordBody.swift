import AlipayPlus
import Foundation

/// The `body` column: a record as its own `Codable` form (tokens sealed), so a field added to a
/// record later needs no migration. The typed columns beside it are what rules and indexes use.
enum RecordBody {
    /// The record as JSON text (keys sorted, so equal records give equal bodies).
    static func encode(_ record: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(record), as: UTF8.self)
        } catch {
            throw StoreError(code: .persistence, message: "a record could not be encoded for the database: \(error); nothing was written",
                             underlyingError: error)
        }
    }

    /// The record of a `body` column; `what` names it in the error.
    static func decode<Record: Decodable>(_ type: Record.Type, from text: String, what: String) throws -> Record {
        do {
            return try JSONDecoder().decode(Record.self, from: Data(text.utf8))
        } catch {
            let cause = PostgresStoreError(
                code: .unreadableRecord,
                message: "\(what) is stored in a form this build cannot read (\(error)); it was edited by hand or written "
                    + "by a newer build: deploy that build or restore the row", underlyingError: error)
            throw StoreError(code: .persistence, message: cause.message, underlyingError: cause)
        }
    }
}

/// Times as the schema keeps them: seconds since Foundation's reference date (exactly the `Date`).
extension Date {
    var storedSeconds: Double { timeIntervalSinceReferenceDate }

    init(storedSeconds: Double) {
        self.init(timeIntervalSinceReferenceDate: storedSeconds)
    }

    /// This date plus a lease's time to live.
    func adding(ttl: Duration) -> Date {
        let (seconds, attoseconds) = ttl.components
        return addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }
}
