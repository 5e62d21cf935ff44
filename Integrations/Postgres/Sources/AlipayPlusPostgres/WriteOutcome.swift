import AlipayPlus

/// What one of the schema's write functions answered: `ok`, or the rule that refused the write
/// (nothing was written then). The refusals become the contract's ``StoreError``s here, in one place.
struct WriteOutcome: Sendable {
    /// `ok` or the refusal's name, as the function returns it.
    var outcome: String
    /// The other record a refusal is about (the order's unfinished payment).
    var recordId: String?
    /// The version stored after the write (or, for a version conflict, the stored one).
    var storedVersion: Int64?

    /// Throws the refusal as the contract's error; returns when the write was made.
    ///
    /// - Parameters:
    ///   - record: names the record written, such as `payment PAY-1`.
    ///   - lease: the lease the write was made under, named in a `leaseLost` refusal.
    ///   - deliveryKey: the delivery key, named in a `duplicateDelivery` refusal.
    func check(record: String, lease: Lease? = nil, deliveryKey: String? = nil, detail: String = "") throws {
        switch outcome {
        case "ok":
            return
        case "duplicate":
            throw StoreError(code: .duplicate, message: "\(record) exists already; read it instead of inserting it again")
        case "notFound":
            throw StoreError(code: .notFound, message: "no \(record) is stored; insert it first")
        case "leaseLost":
            throw StoreError(
                code: .leaseLost,
                message: "\(record) was not written: lease \(lease?.name ?? "?") (token \(lease?.fencingToken ?? 0)) was taken over "
                    + "or released; stop working on it")
        case "duplicateDelivery":
            throw StoreError(code: .duplicateDelivery,
                             message: "\(record) was not written: notification \(deliveryKey ?? "?") was applied before; answer it as a success")
        case "versionConflict":
            throw StoreError(code: .versionConflict,
                             message: "\(record) changed since it was read (stored version \(storedVersion ?? 0)); "
                                + "read it again and re-apply the change")
        case "cancelNotAllowed":
            throw StoreError(code: .cancelNotAllowed,
                             message: "\(record) has refunds that are not failed, so it cannot be cancelled; nothing was written. "
                                + "Refund the rest instead")
        case "orderHasUnfinishedPayment":
            throw StoreError(
                code: .orderHasUnfinishedPayment,
                message: "the order already has the unfinished payment \(recordId ?? "?"); \(record) was not written. "
                    + "Resume or finish that one first", recordId: recordId)
        case "invalidAmount":
            throw StoreError(code: .invalidAmount, message: "\(record)'s amount is not a positive number of minor units\(detail)")
        case "refundNotAllowed", "currencyMismatch":
            throw StoreError(code: .refundNotAllowed, message: "\(record) was not stored: \(detail)")
        case "refundLimitExceeded":
            throw StoreError(code: .refundLimitExceeded, message: "\(record) exceeds what is left to refund\(detail)")
        default:
            throw StoreError(code: .persistence, message: "the database answered \(outcome) for \(record); nothing is known to be written")
        }
    }
}
