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
        case .payment(let payment):
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
            if refunds[refund.refundRequestId] == nil {
                refundIdsByPayment[refund.paymentRequestId, default: []].append(refund.refundRequestId)
            }
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
