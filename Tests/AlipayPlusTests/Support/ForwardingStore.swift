import AlipayPlus
import AlipayPlusModels
import Foundation

/// A store that passes every call on to `base`: a test store conforms and implements only the calls
/// it changes (breaks a rule, counts, forgets), and the rest reach `base` unchanged.
protocol ForwardingStore: AutoDebitStore {
    /// The store that answers every call the conforming store does not implement itself.
    var base: any AutoDebitStore { get }
}

extension ForwardingStore {
    @discardableResult
    func insert(_ authorization: PendingAuthorization) async throws -> PendingAuthorization {
        try await base.insert(authorization)
    }
    func authorization(authState: String) async throws -> PendingAuthorization? {
        try await base.authorization(authState: authState)
    }
    @discardableResult
    func insert(_ binding: BindingRecord) async throws -> BindingRecord { try await base.insert(binding) }
    @discardableResult
    func insert(
        _ binding: BindingRecord, completing authorization: PendingAuthorization, under lease: Lease?
    ) async throws -> (binding: BindingRecord, authorization: PendingAuthorization) {
        try await base.insert(binding, completing: authorization, under: lease)
    }
    @discardableResult
    func replace(_ binding: BindingRecord, under lease: Lease?, deliveryKey: String?) async throws -> BindingRecord {
        try await base.replace(binding, under: lease, deliveryKey: deliveryKey)
    }
    func binding(id: String) async throws -> BindingRecord? { try await base.binding(id: id) }
    func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        try await base.bindings(merchantUserId: merchantUserId)
    }
    func binding(accessToken: Secret) async throws -> BindingRecord? {
        try await base.binding(accessToken: accessToken)
    }
    func recordFirstDelivery(key: String) async throws -> Bool { try await base.recordFirstDelivery(key: key) }
    @discardableResult
    func insert(_ payment: PaymentRecord) async throws -> PaymentRecord { try await base.insert(payment) }
    @discardableResult
    func replace(_ payment: PaymentRecord, under lease: Lease?, deliveryKey: String?) async throws -> PaymentRecord {
        try await base.replace(payment, under: lease, deliveryKey: deliveryKey)
    }
    func payment(requestId: String) async throws -> PaymentRecord? { try await base.payment(requestId: requestId) }
    func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await base.unfinishedPayments(referenceOrderId: referenceOrderId)
    }
    func unfinishedPayments(limit: Int) async throws -> [PaymentRecord] {
        try await base.unfinishedPayments(limit: limit)
    }
    @discardableResult
    func insert(_ refund: RefundRecord) async throws -> RefundRecord { try await base.insert(refund) }
    @discardableResult
    func replace(_ refund: RefundRecord, under lease: Lease?) async throws -> RefundRecord {
        try await base.replace(refund, under: lease)
    }
    func refund(requestId: String) async throws -> RefundRecord? { try await base.refund(requestId: requestId) }
    func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        try await base.refunds(paymentRequestId: paymentRequestId)
    }
    func pendingRefunds(limit: Int) async throws -> [RefundRecord] { try await base.pendingRefunds(limit: limit) }
    func acquireLease(_ name: String, owner: String, ttl: Duration, now: Date) async throws -> Lease? {
        try await base.acquireLease(name, owner: owner, ttl: ttl, now: now)
    }
    func renewLease(_ lease: Lease, ttl: Duration, now: Date) async throws -> Lease? {
        try await base.renewLease(lease, ttl: ttl, now: now)
    }
    func releaseLease(_ lease: Lease) async throws { try await base.releaseLease(lease) }
    func claimRecoveryWork(owner: String, ttl: Duration, now: Date, limit: Int) async throws -> [RecoveryClaim] {
        try await base.claimRecoveryWork(owner: owner, ttl: ttl, now: now, limit: limit)
    }
}
