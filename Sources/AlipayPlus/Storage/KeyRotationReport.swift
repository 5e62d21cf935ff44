/// What one ``LocalAutoDebitStore/rotate(limit:batchSize:)`` call re-sealed, and what is left.
public struct KeyRotationReport: Sendable, Hashable, CustomStringConvertible {
    /// The key every re-sealed value is under now.
    public var sealingKeyId: String
    /// Bindings whose tokens were re-sealed (and re-hashed) by this call.
    public var resealedBindings = 0
    /// Authorizations whose auth code was re-sealed by this call.
    public var resealedAuthorizations = 0
    /// Records still under another key (non-zero only when `limit` stopped the call): run it again.
    public var remaining = 0

    /// A report of what a rotation under `sealingKeyId` re-sealed (for stores outside this module,
    /// such as the PostgreSQL store, to return the same shape).
    public init(sealingKeyId: String, resealedBindings: Int = 0, resealedAuthorizations: Int = 0, remaining: Int = 0) {
        self.sealingKeyId = sealingKeyId
        self.resealedBindings = resealedBindings
        self.resealedAuthorizations = resealedAuthorizations
        self.remaining = remaining
    }

    /// True when every record is under ``sealingKeyId``: older keys can be removed from the ring.
    public var isComplete: Bool { remaining == 0 }

    /// One line for logs and the CLI.
    public var description: String {
        "re-sealed \(resealedBindings) binding(s) and \(resealedAuthorizations) authorization(s) under key '\(sealingKeyId)'; "
            + (isComplete ? "every record is under it: older keys can be removed from the ring"
                          : "\(remaining) record(s) remain: run the rotation again")
    }
}
