import AlipayPlus
import AlipayPlusModels
import Foundation

/// A store that breaks one rule of the contract, to show the conformance suite finds it.
struct StoreWithBrokenRule: ForwardingStore {
    enum Rule { case compareAndSet, fencing }

    let base: any AutoDebitStore
    let broken: Rule

    /// The lease passed on: none when fencing is broken.
    private func fence(_ lease: Lease?) -> Lease? { broken == .fencing ? nil : lease }

    @discardableResult
    func insert(
        _ binding: BindingRecord, completing authorization: PendingAuthorization, under lease: Lease?
    ) async throws -> (binding: BindingRecord, authorization: PendingAuthorization) {
        try await base.insert(binding, completing: authorization, under: fence(lease))
    }
    @discardableResult
    func replace(_ binding: BindingRecord, under lease: Lease?, deliveryKey: String?) async throws -> BindingRecord {
        var record = binding
        // Last writer wins: an UPDATE without `WHERE version = $2`.
        if broken == .compareAndSet, let stored = try await base.binding(id: binding.bindingId) { record.version = stored.version }
        return try await base.replace(record, under: fence(lease), deliveryKey: deliveryKey)
    }
    @discardableResult
    func replace(_ payment: PaymentRecord, under lease: Lease?, deliveryKey: String?) async throws -> PaymentRecord {
        var record = payment
        if broken == .compareAndSet, let stored = try await base.payment(requestId: payment.paymentRequestId) {
            record.version = stored.version
        }
        return try await base.replace(record, under: fence(lease), deliveryKey: deliveryKey)
    }
    @discardableResult
    func replace(_ refund: RefundRecord, under lease: Lease?) async throws -> RefundRecord {
        var record = refund
        if broken == .compareAndSet, let stored = try await base.refund(requestId: refund.refundRequestId) {
            record.version = stored.version
        }
        return try await base.replace(record, under: fence(lease))
    }
}
