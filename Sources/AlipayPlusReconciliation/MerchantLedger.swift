public import AlipayPlus
import AlipayPlusModels

/// The merchant's payments and refunds, indexed for matching report lines.
///
/// Holds one compact entry per record (ids, amount, currency, state, clearing day) and four hash
/// indexes: by `paymentRequestId`, `paymentId`, `refundRequestId` and `refundId`. Build it once per
/// reconciliation run from arrays or from any `PaymentStore` / `RefundStore`; it is immutable and
/// can be shared by several ``Reconciler``s.
public struct MerchantLedger: Sendable {
    /// One payment or refund, reduced to what matching compares.
    struct Entry: Sendable {
        var type: TransactionType
        var requestId: String
        var alipayId: String?
        /// Minor units; nil when the stored value is not an integer.
        var amount: Int64?
        var currency: String
        /// The record's state name (`succeeded`, `failed`, `pending`, ...).
        var state: String
        var succeeded: Bool
        /// Day number of the clearing day (UTC+8) of `paymentTime` / `updatedAt`.
        var clearingDay: Int

        var amountText: String { "\(amount.map { String($0) } ?? "?") \(currency)" }
    }

    private(set) var entries: [Entry] = []
    private var paymentsByRequestId: [String: Int] = [:]
    private var paymentsById: [String: Int] = [:]
    private var refundsByRequestId: [String: Int] = [:]
    private var refundsById: [String: Int] = [:]

    /// Indexes plain arrays of records.
    ///
    /// A payment's clearing day is that of its `paymentTime` (its `updatedAt` when the time is unknown);
    /// a refund's that of its `updatedAt`, the moment it was confirmed.
    public init(payments: some Sequence<PaymentRecord>, refunds: some Sequence<RefundRecord>) {
        for payment in payments {
            let index = entries.count
            entries.append(Entry(
                type: .payment, requestId: payment.paymentRequestId, alipayId: payment.paymentId,
                amount: payment.amount.minorUnits, currency: payment.amount.currency, state: payment.state.rawValue,
                succeeded: payment.state == .succeeded,
                clearingDay: ClearingDate(containing: payment.paymentTime ?? payment.updatedAt).dayNumber))
            paymentsByRequestId[payment.paymentRequestId] = index
            if let id = payment.paymentId { paymentsById[id] = index }
        }
        for refund in refunds {
            let index = entries.count
            entries.append(Entry(
                type: .refund, requestId: refund.refundRequestId, alipayId: refund.refundId,
                amount: refund.amount.minorUnits, currency: refund.amount.currency, state: refund.state.rawValue,
                succeeded: refund.state == .succeeded, clearingDay: ClearingDate(containing: refund.updatedAt).dayNumber))
            refundsByRequestId[refund.refundRequestId] = index
            if let id = refund.refundId { refundsById[id] = index }
        }
    }

    /// Loads and indexes every payment and refund of a `LocalAutoDebitStore` (its `snapshot()`).
    ///
    /// The store contract never lists every record: for a store of your own, load the day's payments
    /// and refunds with your own query and use ``init(payments:refunds:)``.
    public init(store: LocalAutoDebitStore) async {
        let stored = await store.snapshot()
        self.init(payments: stored.payments, refunds: stored.refunds)
    }

    /// Number of payments and refunds indexed.
    public var count: Int { entries.count }

    /// The entry a report record refers to, and whether it was found only under the other type.
    ///
    /// Looks first among records of the line's type (by request id, then by Alipay+ id), then among
    /// the other type; an unknown line type searches both and always counts as a type conflict.
    func lookup(_ record: ReconciliationRecord) -> (index: Int, typeConflict: Bool)? {
        let payments = (paymentsByRequestId, paymentsById)
        let refunds = (refundsByRequestId, refundsById)
        func find(_ indexes: ([String: Int], [String: Int])) -> Int? {
            if let requestId = record.transactionRequestId, let index = indexes.0[requestId] { return index }
            return indexes.1[record.transactionId]
        }
        switch record.kind {
        case .payment:
            if let index = find(payments) { return (index, false) }
            return find(refunds).map { ($0, true) }
        case .refund:
            if let index = find(refunds) { return (index, false) }
            return find(payments).map { ($0, true) }
        default:
            return (find(payments) ?? find(refunds)).map { ($0, true) }
        }
    }
}
