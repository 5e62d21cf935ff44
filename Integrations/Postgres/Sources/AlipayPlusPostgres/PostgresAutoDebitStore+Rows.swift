import AlipayPlus
import PostgresNIO

// Reading the columns of the store's rows, every failure a typed error.

extension PostgresAutoDebitStore {
    /// The row's columns as `type`.
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence` around ``PostgresStoreError`` `unreadableRecord`.
    func decodeColumns<each Column: PostgresDecodable>(
        _ row: PostgresRow, _ type: (repeat each Column).Type
    ) throws -> (repeat each Column) {
        do {
            return try row.decode(type, context: .default)
        } catch {
            let cause = PostgresStoreError(code: .unreadableRecord,
                                           message: "a row of schema \(schema) has unexpected columns: the schema was changed "
                                               + "by hand or by another build", underlyingError: error)
            throw StoreError(code: .persistence, message: cause.message, underlyingError: cause)
        }
    }

    /// The outcome row of a write function (`outcome`, `record_id`, `stored_version`).
    func writeOutcome(_ rows: [PostgresRow]) throws -> WriteOutcome {
        guard let row = rows.first else { return WriteOutcome(outcome: "no answer") }
        let (outcome, recordId, version) = try decodeColumns(row, (String, String?, Int64?).self)
        return WriteOutcome(outcome: outcome, recordId: recordId, storedVersion: version)
    }
}
