import AlipayPlus
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

    func save(_ authorization: PendingAuthorization) async throws { try await slow { try await base.save(authorization) } }
    func authorization(authState: String) async throws -> PendingAuthorization? {
        try await slow { try await base.authorization(authState: authState) }
    }
    func save(_ binding: BindingRecord) async throws { try await slow { try await base.save(binding) } }
    func save(_ binding: BindingRecord, completing authorization: PendingAuthorization) async throws {
        try await slow { try await base.save(binding, completing: authorization) }
    }
    func update(
        bindingId: String, _ transition: @escaping @Sendable (inout BindingRecord) -> Bool
    ) async throws -> RecordUpdate<BindingRecord>? {
        try await slow { try await base.update(bindingId: bindingId, transition) }
    }
    func binding(id: String) async throws -> BindingRecord? { try await slow { try await base.binding(id: id) } }
    func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        try await slow { try await base.bindings(merchantUserId: merchantUserId) }
    }
    func binding(accessToken: String) async throws -> BindingRecord? {
        try await slow { try await base.binding(accessToken: accessToken) }
    }
    func recordFirstDelivery(key: String) async throws -> Bool { try await slow { try await base.recordFirstDelivery(key: key) } }
    func insert(_ payment: PaymentRecord) async throws { try await slow { try await base.insert(payment) } }
    func update(
        paymentRequestId: String, _ transition: @escaping @Sendable (inout PaymentRecord) -> Bool
    ) async throws -> RecordUpdate<PaymentRecord>? {
        try await slow { try await base.update(paymentRequestId: paymentRequestId, transition) }
    }
    func payment(requestId: String) async throws -> PaymentRecord? { try await slow { try await base.payment(requestId: requestId) } }
    func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await slow { try await base.unfinishedPayments(referenceOrderId: referenceOrderId) }
    }
    func allPayments() async throws -> [PaymentRecord] { try await slow { try await base.allPayments() } }
    func insert(_ refund: RefundRecord) async throws { try await slow { try await base.insert(refund) } }
    func update(
        refundRequestId: String, _ transition: @escaping @Sendable (inout RefundRecord) -> Bool
    ) async throws -> RecordUpdate<RefundRecord>? {
        try await slow { try await base.update(refundRequestId: refundRequestId, transition) }
    }
    func refund(requestId: String) async throws -> RefundRecord? { try await slow { try await base.refund(requestId: requestId) } }
    func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        try await slow { try await base.refunds(paymentRequestId: paymentRequestId) }
    }
    func allRefunds() async throws -> [RefundRecord] { try await slow { try await base.allRefunds() } }
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
struct FlowForgetfulRefundStore: AutoDebitStore {
    let base: any AutoDebitStore

    func save(_ authorization: PendingAuthorization) async throws { try await base.save(authorization) }
    func authorization(authState: String) async throws -> PendingAuthorization? { try await base.authorization(authState: authState) }
    func save(_ binding: BindingRecord) async throws { try await base.save(binding) }
    func save(_ binding: BindingRecord, completing authorization: PendingAuthorization) async throws {
        try await base.save(binding, completing: authorization)
    }
    func update(
        bindingId: String, _ transition: @escaping @Sendable (inout BindingRecord) -> Bool
    ) async throws -> RecordUpdate<BindingRecord>? { try await base.update(bindingId: bindingId, transition) }
    func binding(id: String) async throws -> BindingRecord? { try await base.binding(id: id) }
    func bindings(merchantUserId: String) async throws -> [BindingRecord] { try await base.bindings(merchantUserId: merchantUserId) }
    func binding(accessToken: String) async throws -> BindingRecord? { try await base.binding(accessToken: accessToken) }
    func recordFirstDelivery(key: String) async throws -> Bool { try await base.recordFirstDelivery(key: key) }
    func insert(_ payment: PaymentRecord) async throws { try await base.insert(payment) }
    func update(
        paymentRequestId: String, _ transition: @escaping @Sendable (inout PaymentRecord) -> Bool
    ) async throws -> RecordUpdate<PaymentRecord>? { try await base.update(paymentRequestId: paymentRequestId, transition) }
    func payment(requestId: String) async throws -> PaymentRecord? { try await base.payment(requestId: requestId) }
    func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await base.unfinishedPayments(referenceOrderId: referenceOrderId)
    }
    func allPayments() async throws -> [PaymentRecord] { try await base.allPayments() }
    func insert(_ refund: RefundRecord) async throws { try await base.insert(refund) }
    func update(
        refundRequestId: String, _ transition: @escaping @Sendable (inout RefundRecord) -> Bool
    ) async throws -> RecordUpdate<RefundRecord>? { nil }
    func refund(requestId: String) async throws -> RefundRecord? { nil }
    func refunds(paymentRequestId: String) async throws -> [RefundRecord] { try await base.refunds(paymentRequestId: paymentRequestId) }
    func allRefunds() async throws -> [RefundRecord] { try await base.allRefunds() }
}
