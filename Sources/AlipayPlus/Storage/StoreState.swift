import AlipayPlusModels
import Foundation

/// One change to the stored state: the unit written to the journal and replayed on open.
enum StoreChange: Codable, Sendable {
    case authorization(PendingAuthorization)
    case binding(BindingRecord)
    case payment(PaymentRecord)
    case refund(RefundRecord)
    case notification(String)
}

/// The whole stored state in memory, shared by the in-memory and the file-backed store.
struct StoreState: Sendable {
    private(set) var authorizations: [String: PendingAuthorization] = [:]
    private(set) var bindings: [String: BindingRecord] = [:]
    private(set) var payments: [String: PaymentRecord] = [:]
    private(set) var refunds: [String: RefundRecord] = [:]
    private(set) var notifications: Set<String> = []
    private var bindingIdByAccessToken: [String: String] = [:]
    private var refundIdsByPayment: [String: [String]] = [:]
    /// Request ids of the payments not final yet, by order: kept small, so a charge's check for an
    /// unfinished payment of its order costs the same however many payments the order had.
    private var unfinishedPaymentIdsByOrder: [String: [String]] = [:]

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
        case .payment(var payment):
            // The tally is the store's: derived from the refunds, never taken from a written record.
            payment.refunds = payments[payment.paymentRequestId]?.refunds ?? RefundTally()
            let wasUnfinished = payments[payment.paymentRequestId].map { !$0.state.isFinal } ?? false
            if !wasUnfinished && !payment.state.isFinal {
                unfinishedPaymentIdsByOrder[payment.referenceOrderId, default: []].append(payment.paymentRequestId)
            } else if wasUnfinished && payment.state.isFinal {
                unfinishedPaymentIdsByOrder[payment.referenceOrderId]?.removeAll { $0 == payment.paymentRequestId }
                if unfinishedPaymentIdsByOrder[payment.referenceOrderId]?.isEmpty == true {
                    unfinishedPaymentIdsByOrder[payment.referenceOrderId] = nil
                }
            }
            payments[payment.paymentRequestId] = payment
        case .refund(let refund):
            let previous = refunds[refund.refundRequestId]
            if previous == nil {
                refundIdsByPayment[refund.paymentRequestId, default: []].append(refund.refundRequestId)
            }
            if previous?.countsAgainstPayment ?? false { payments[refund.paymentRequestId]?.refunds.add(refund, sign: -1) }
            if refund.countsAgainstPayment { payments[refund.paymentRequestId]?.refunds.add(refund, sign: 1) }
            refunds[refund.refundRequestId] = refund
        case .notification(let key):
            notifications.insert(key)
        }
    }

    func binding(accessToken: String) -> BindingRecord? {
        bindingIdByAccessToken[accessToken].flatMap { bindings[$0] }
    }

    func unfinishedPayments(referenceOrderId: String) -> [PaymentRecord] {
        (unfinishedPaymentIdsByOrder[referenceOrderId] ?? []).compactMap { payments[$0] }
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
            return StoreError(code: .duplicate, message: "refund \(refund.refundRequestId) exists already")
        }
        guard let payment = payments[refund.paymentRequestId] else {
            return StoreError(code: .notFound, message: "no payment \(refund.paymentRequestId)")
        }
        guard let requested = refund.amount.minorUnits, requested > 0 else {
            return StoreError(code: .invalidAmount,
                              message: "refund amount \(refund.amount) is not a positive number of minor units")
        }
        guard payment.state == .succeeded else {
            return StoreError(code: .refundNotAllowed,
                              message: "payment \(payment.paymentRequestId) is \(payment.state.rawValue), not succeeded")
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
    }

    /// The changes that rebuild this state from nothing: what compaction writes.
    var compacted: [StoreChange] {
        authorizations.values.sorted { $0.createdAt < $1.createdAt }.map(StoreChange.authorization)
            + bindings.values.sorted { $0.createdAt < $1.createdAt }.map(StoreChange.binding)
            + payments.values.sorted { $0.createdAt < $1.createdAt }.map(StoreChange.payment)
            + refunds.values.sorted { $0.createdAt < $1.createdAt }.map(StoreChange.refund)
            + notifications.sorted().map(StoreChange.notification)
    }
}
