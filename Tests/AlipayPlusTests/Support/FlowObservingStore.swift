import AlipayPlus
import AlipayPlusModels
import Foundation

/// Forwards to a store, counts its writes, and runs `onRefusedLease` whenever an acquisition of a
/// lease whose name starts with `gatedLeasePrefix` is refused, before answering (a test holds the
/// refused instance there until it has seen what it needs).
struct FlowObservingStore: AutoDebitStore {
    /// The writes the store received, by kind.
    final class Writes: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ kind: String) { lock.withLock { counts[kind, default: 0] += 1 } }
        /// How many writes of `kind` (`replace`, `replaceWithDeliveryKey`, `recordFirstDelivery`, `insert`).
        func count(_ kind: String) -> Int { lock.withLock { counts[kind] ?? 0 } }
    }

    let base: any AutoDebitStore
    var gatedLeasePrefix = "\u{0}"
    var onRefusedLease: @Sendable () async -> Void = {}
    let writes = Writes()

    init(base: any AutoDebitStore, gatedLeasePrefix: String = "\u{0}", onRefusedLease: @escaping @Sendable () async -> Void = {}) {
        self.base = base
        self.gatedLeasePrefix = gatedLeasePrefix
        self.onRefusedLease = onRefusedLease
    }

    private func replaced(deliveryKey: String?) { writes.add(deliveryKey == nil ? "replace" : "replaceWithDeliveryKey") }

    func acquireLease(_ name: String, owner: String, ttl: Duration, now: Date) async throws -> Lease? {
        let lease = try await base.acquireLease(name, owner: owner, ttl: ttl, now: now)
        if lease == nil, name.hasPrefix(gatedLeasePrefix) { await onRefusedLease() }
        return lease
    }

    @discardableResult
    func insert(_ authorization: PendingAuthorization) async throws -> PendingAuthorization { try await base.insert(authorization) }
    func authorization(authState: String) async throws -> PendingAuthorization? { try await base.authorization(authState: authState) }
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
        replaced(deliveryKey: deliveryKey)
        return try await base.replace(binding, under: lease, deliveryKey: deliveryKey)
    }
    func binding(id: String) async throws -> BindingRecord? { try await base.binding(id: id) }
    func bindings(merchantUserId: String) async throws -> [BindingRecord] { try await base.bindings(merchantUserId: merchantUserId) }
    func binding(accessToken: Secret) async throws -> BindingRecord? { try await base.binding(accessToken: accessToken) }
    func recordFirstDelivery(key: String) async throws -> Bool {
        writes.add("recordFirstDelivery")
        return try await base.recordFirstDelivery(key: key)
    }
    @discardableResult
    func insert(_ payment: PaymentRecord) async throws -> PaymentRecord { try await base.insert(payment) }
    @discardableResult
    func replace(_ payment: PaymentRecord, under lease: Lease?, deliveryKey: String?) async throws -> PaymentRecord {
        replaced(deliveryKey: deliveryKey)
        return try await base.replace(payment, under: lease, deliveryKey: deliveryKey)
    }
    func payment(requestId: String) async throws -> PaymentRecord? { try await base.payment(requestId: requestId) }
    func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await base.unfinishedPayments(referenceOrderId: referenceOrderId)
    }
    func unfinishedPayments(limit: Int) async throws -> [PaymentRecord] { try await base.unfinishedPayments(limit: limit) }
    @discardableResult
    func insert(_ refund: RefundRecord) async throws -> RefundRecord { try await base.insert(refund) }
    @discardableResult
    func replace(_ refund: RefundRecord, under lease: Lease?) async throws -> RefundRecord { try await base.replace(refund, under: lease) }
    func refund(requestId: String) async throws -> RefundRecord? { try await base.refund(requestId: requestId) }
    func refunds(paymentRequestId: String) async throws -> [RefundRecord] { try await base.refunds(paymentRequestId: paymentRequestId) }
    func pendingRefunds(limit: Int) async throws -> [RefundRecord] { try await base.pendingRefunds(limit: limit) }
    func renewLease(_ lease: Lease, ttl: Duration, now: Date) async throws -> Lease? {
        try await base.renewLease(lease, ttl: ttl, now: now)
    }
    func releaseLease(_ lease: Lease) async throws { try await base.releaseLease(lease) }
    func claimRecoveryWork(owner: String, ttl: Duration, now: Date, limit: Int) async throws -> [RecoveryClaim] {
        try await base.claimRecoveryWork(owner: owner, ttl: ttl, now: now, limit: limit)
    }
}
