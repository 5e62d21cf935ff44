/// What an atomic update did to a stored record: the record before and after it.
public struct RecordUpdate<Record: Sendable & Equatable>: Sendable {
    /// The record as it was before the transition.
    public var before: Record
    /// The record as stored after the transition (equal to `before` when nothing changed).
    public var after: Record

    /// Creates an update.
    public init(before: Record, after: Record) {
        self.before = before
        self.after = after
    }

    /// Whether the transition changed (and the store wrote) the record.
    public var changed: Bool { before != after }
}
