import AlipayPlus
import AlipayPlusModels
import Foundation

/// A store whose every call takes about 2 ms before it reaches the base store, as a database's do
/// (design.md §8.4): it widens every window between two store calls that a real deployment has.
struct FlowSlowStore: AutoDebitStore {
    let base: any AutoDebitStore

    init(base: any AutoDebitStore = LocalAutoDebitStore()) { self.base = base }

    private func slow<T>(_ work: () async throws -> T) async throws -> T {
        try? await Task.sleep(for: .milliseconds(2))
        return try await work()
    }

    @discardableResult
    func insert(_ authorization: PendingAuthorization) async throws -> PendingAuthorization {
        try await slow { try await base.insert(authorization) }
    }
    func authorization(authState: String) async throws -> PendingAuthorization? {
        try await slow { try await base.authorization(authState: authState) }
    }
    @discardableResult
    func insert(_ binding: BindingRecord) async throws -> BindingRecord { try await slow { try await base.insert(binding) } }
    @discardableResult
    func insert(
        _ binding: BindingRecord, completing authorization: PendingAuthorization, under lease: Lease?
    ) async throws -> (binding: BindingRecord, authorization: PendingAuthorization) {
        try await slow { try await base.insert(binding, completing: authorization, under: lease) }
    }
    @discardableResult
    func replace(_ binding: BindingRecord, under lease: Lease?, deliveryKey: String?) async throws -> BindingRecord {
        try await slow { try await base.replace(binding, under: lease, deliveryKey: deliveryKey) }
    }
    func binding(id: String) async throws -> BindingRecord? { try await slow { try await base.binding(id: id) } }
    func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        try await slow { try await base.bindings(merchantUserId: merchantUserId) }
    }
    func binding(accessToken: Secret) async throws -> BindingRecord? {
        try await slow { try await base.binding(accessToken: accessToken) }
    }
    func recordFirstDelivery(key: String) async throws -> Bool { try await slow { try await base.recordFirstDelivery(key: key) } }
    @discardableResult
    func insert(_ payment: PaymentRecord) async throws -> PaymentRecord { try await slow { try await base.insert(payment) } }
    @discardableResult
    func replace(_ payment: PaymentRecord, under lease: Lease?, deliveryKey: String?) async throws -> PaymentRecord {
        try await slow { try await base.replace(payment, under: lease, deliveryKey: deliveryKey) }
    }
    func payment(requestId: String) async throws -> PaymentRecord? { try await slow { try await base.payment(requestId: requestId) } }
    func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await slow { try await base.unfinishedPayments(referenceOrderId: referenceOrderId) }
    }
    func unfinishedPayments(limit: Int) async throws -> [PaymentRecord] {
        try await slow { try await base.unfinishedPayments(limit: limit) }
    }
    @discardableResult
    func insert(_ refund: RefundRecord) async throws -> RefundRecord { try await slow { try await base.insert(refund) } }
    @discardableResult
    func replace(_ refund: RefundRecord, under lease: Lease?) async throws -> RefundRecord {
        try await slow { try await base.replace(refund, under: lease) }
    }
    func refund(requestId: String) async throws -> RefundRecord? { try await slow { try await base.refund(requestId: requestId) } }
    func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        try await slow { try await base.refunds(paymentRequestId: paymentRequestId) }
    }
    func pendingRefunds(limit: Int) async throws -> [RefundRecord] { try await slow { try await base.pendingRefunds(limit: limit) } }
    func acquireLease(_ name: String, owner: String, ttl: Duration, now: Date) async throws -> Lease? {
        try await slow { try await base.acquireLease(name, owner: owner, ttl: ttl, now: now) }
    }
    func renewLease(_ lease: Lease, ttl: Duration, now: Date) async throws -> Lease? {
        try await slow { try await base.renewLease(lease, ttl: ttl, now: now) }
    }
    func releaseLease(_ lease: Lease) async throws { try await slow { try await base.releaseLease(lease) } }
    func claimRecoveryWork(owner: String, ttl: Duration, now: Date, limit: Int) async throws -> [RecoveryClaim] {
        try await slow { try await base.claimRecoveryWork(owner: owner, ttl: ttl, now: now, limit: limit) }
    }
}

/// A latch a scripted handler waits on until a test (or another handler) opens it.
actor FlowLatch {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

/// A store that stores refunds but then cannot find them to update (a lost row).
struct FlowForgetfulRefundStore: ForwardingStore {
    let base: any AutoDebitStore

    /// The lost row: nothing to replace.
    func replace(_ refund: RefundRecord, under lease: Lease?) async throws -> RefundRecord {
        throw StoreError(code: .notFound, message: "no refund \(refund.refundRequestId) is stored")
    }
    func refund(requestId: String) async throws -> RefundRecord? { nil }
}
