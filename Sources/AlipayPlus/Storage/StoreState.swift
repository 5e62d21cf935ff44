import AlipayPlusModels
import Foundation

/// One change to the stored state: the unit written to the journal and replayed on open.
///
/// Records are written as stored (with their new version). An atomic operation writes all its
/// changes in one journal record, so a crash keeps all or none of them.
enum StoreChange: Codable, Sendable {
    case authorization(PendingAuthorization)
    case binding(BindingRecord)
    case payment(PaymentRecord)
    case refund(RefundRecord)
    case notification(String)
    /// The highest fencing token this store may issue before it writes a higher limit: a reopened
    /// store issues tokens above it, so fencing tokens keep growing across restarts.
    case fencingReserve(Int64)
}

/// The whole stored state in memory, shared by the in-memory and the file-backed store.
struct StoreState: Sendable {
    private(set) var authorizations: [String: PendingAuthorization] = [:]
    private(set) var bindings: [String: BindingRecord] = [:]
    private(set) var payments: [String: PaymentRecord] = [:]
    private(set) var refunds: [String: RefundRecord] = [:]
    private(set) var notifications: Set<String> = []
    private(set) var fencingReserve: Int64 = 0
    private var bindingIdByAccessToken: [String: String] = [:]
    private var refundIdsByPayment: [String: [String]] = [:]
    /// Request ids of the payments not final yet, by order: kept small, so a charge's check for an
    /// unfinished payment of its order costs the same however many payments the order had.
    private var unfinishedPaymentIdsByOrder: [String: [String]] = [:]
    /// Payments not final yet and refunds pending, oldest first: recovery's queries.
    private(set) var unfinishedPaymentIndex = OldestFirstIndex()
    private(set) var pendingRefundIndex = OldestFirstIndex()

    mutating func apply(_ change: StoreChange) {
        switch change {
        case .authorization(let authorization):
            authorizations[authorization.authState] = authorization
        case .binding(let binding):
            if let previous = bindings[binding.bindingId] {
                bindingIdByAccessToken[previous.accessToken.revealed] = nil
            }
            bindings[binding.bindingId] = binding
            bindingIdByAccessToken[binding.accessToken.revealed] = binding.bindingId
        case .payment(let payment):
            apply(payment)
        case .refund(let refund):
            apply(refund)
        case .notification(let key):
            notifications.insert(key)
        case .fencingReserve(let reserve):
            fencingReserve = max(fencingReserve, reserve)
        }
    }

    private mutating func apply(_ written: PaymentRecord) {
        var payment = written
        let previous = payments[payment.paymentRequestId]
        // The tally is the store's: derived from the refunds, never taken from a written record.
        payment.refunds = previous?.refunds ?? RefundTally()
        if let previous, !previous.state.isFinal {
            unfinishedPaymentIndex.remove(previous.paymentRequestId, createdAt: previous.createdAt)
            unfinishedPaymentIdsByOrder[previous.referenceOrderId]?.removeAll { $0 == previous.paymentRequestId }
            if unfinishedPaymentIdsByOrder[previous.referenceOrderId]?.isEmpty == true {
                unfinishedPaymentIdsByOrder[previous.referenceOrderId] = nil
            }
        }
        if !payment.state.isFinal {
            unfinishedPaymentIndex.insert(payment.paymentRequestId, createdAt: payment.createdAt)
            unfinishedPaymentIdsByOrder[payment.referenceOrderId, default: []].append(payment.paymentRequestId)
        }
        payments[payment.paymentRequestId] = payment
    }

    private mutating func apply(_ refund: RefundRecord) {
        let previous = refunds[refund.refundRequestId]
        if let previous {
            if previous.countsAgainstPayment { changeTally(of: previous, by: -1) }
            if previous.state == .pending {
                pendingRefundIndex.remove(previous.refundRequestId, createdAt: previous.createdAt)
            }
            if previous.paymentRequestId != refund.paymentRequestId {
                refundIdsByPayment[previous.paymentRequestId]?.removeAll { $0 == previous.refundRequestId }
                refundIdsByPayment[refund.paymentRequestId, default: []].append(refund.refundRequestId)
            }
        } else {
            refundIdsByPayment[refund.paymentRequestId, default: []].append(refund.refundRequestId)
        }
        if refund.countsAgainstPayment { changeTally(of: refund, by: 1) }
        if refund.state == .pending { pendingRefundIndex.insert(refund.refundRequestId, createdAt: refund.createdAt) }
        refunds[refund.refundRequestId] = refund
    }

    /// Counts (`sign` 1) or uncounts (-1) a refund in its payment's tally. The payment's new version
    /// is written by the store as a `.payment` change in the same journal record, so replaying a
    /// compacted journal gives the same versions.
    private mutating func changeTally(of refund: RefundRecord, by sign: Int64) {
        guard var payment = payments[refund.paymentRequestId] else { return }
        payment.refunds.add(refund, sign: sign)
        payments[refund.paymentRequestId] = payment
    }

    func binding(accessToken: String) -> BindingRecord? {
        bindingIdByAccessToken[accessToken].flatMap { bindings[$0] }
    }

    func unfinishedPayments(referenceOrderId: String) -> [PaymentRecord] {
        (unfinishedPaymentIdsByOrder[referenceOrderId] ?? []).compactMap { payments[$0] }
            .sorted { ($0.createdAt, $0.paymentRequestId) < ($1.createdAt, $1.paymentRequestId) }
    }

    /// Why `payment` cannot be stored as it is: another unfinished payment of its order, if any.
    func unfinishedPaymentBlocking(_ payment: PaymentRecord) -> PaymentRecord? {
        guard !payment.state.isFinal else { return nil }
        return unfinishedPayments(referenceOrderId: payment.referenceOrderId)
            .first { $0.paymentRequestId != payment.paymentRequestId }
    }

    /// Why `refund` may not be stored, or `nil` when it may: the refund rules in one place.
    func refusal(of refund: RefundRecord) -> StoreError? {
        if refunds[refund.refundRequestId] != nil {
            return StoreError(code: .duplicate, message: "refund \(refund.refundRequestId) exists already; "
                + "read it instead of inserting it again")
        }
        guard let payment = payments[refund.paymentRequestId] else {
            return StoreError(code: .notFound, message: "no payment \(refund.paymentRequestId) to refund")
        }
        guard let requested = refund.amount.minorUnits, requested > 0 else {
            return StoreError(code: .invalidAmount, message: "refund \(refund.refundRequestId)'s amount \(refund.amount) "
                + "is not a positive number of minor units")
        }
        guard payment.state == .succeeded else {
            return StoreError(code: .refundNotAllowed,
                              message: "payment \(payment.paymentRequestId) is \(payment.state.rawValue), not succeeded: "
                                + "refund \(refund.refundRequestId) was not stored")
        }
        guard refund.amount.currency == payment.amount.currency, let limit = payment.amount.minorUnits else {
            return StoreError(code: .refundNotAllowed, message: "refund currency \(refund.amount.currency) differs "
                + "from payment \(payment.paymentRequestId)'s \(payment.amount.currency)")
        }
        let left = limit - payment.refunds.minorUnits
        guard requested <= left else {
            return StoreError(
                code: .refundLimitExceeded,
                message: "refund of \(refund.amount) exceeds what is left to refund on payment "
                    + "\(refund.paymentRequestId) (\(left) minor units left)"
            )
        }
        return nil
    }

    func refunds(paymentRequestId: String) -> [RefundRecord] {
        (refundIdsByPayment[paymentRequestId] ?? []).compactMap { refunds[$0] }
            .sorted { ($0.createdAt, $0.refundRequestId) < ($1.createdAt, $1.refundRequestId) }
    }

    /// The changes that rebuild this state from nothing: what compaction writes.
    var compacted: [StoreChange] {
        authorizations.values.sorted { $0.createdAt < $1.createdAt }.map(StoreChange.authorization)
            + bindings.values.sorted { $0.createdAt < $1.createdAt }.map(StoreChange.binding)
            + payments.values.sorted { $0.createdAt < $1.createdAt }.map(StoreChange.payment)
            + refunds.values.sorted { $0.createdAt < $1.createdAt }.map(StoreChange.refund)
            + notifications.sorted().map(StoreChange.notification)
            + [StoreChange.fencingReserve(fencingReserve)]
    }
}
