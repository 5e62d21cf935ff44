import Foundation

/// Encodes journal entries as JSON: ``StreamingJSONEncoder`` (one buffer, no tree) for every value
/// that fills its containers in order, as the store's records do, and Foundation's `JSONEncoder` for
/// anything else, and to report errors.
///
/// Both write what `JSONDecoder` reads back to the same value, so journals written before and after
/// this encoder read alike. Safe to use from many threads at once (the fallback's options never change).
struct JournalRecordEncoder: Sendable {
    private let fallback = JSONEncoder()

    /// The JSON of `value`.
    ///
    /// - Throws: `EncodingError` (from `JSONEncoder`) when the value cannot be encoded: a non-finite
    ///   number, a value that encodes nothing, or an error of its own `encode(to:)`.
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let bytes = try? StreamingJSONEncoder.encode(value) { return bytes }
        return Array(try fallback.encode(value))
    }
}
