import AlipayPlusModels

/// An actor holding a ``StoreState`` that persists each change before applying it.
///
/// The in-memory and the file-backed store differ only in ``persist(_:)``; every store method is
/// written once, here.
protocol StateBackedStore: Actor, AutoDebitStore {
    var state: StoreState { get set }
    /// Makes `changes` durable (or does nothing, for memory); throws without side effects on failure.
    func persist(_ changes: [StoreChange]) throws
}

extension StateBackedStore {
    func commit(_ change: StoreChange) throws {
        try persist([change])
        state.apply(change)
    }

    func save(_ authorization: PendingAuthorization) async throws { try commit(.authorization(authorization)) }

    func authorization(authState: String) async throws -> PendingAuthorization? {
        state.authorizations[authState]
    }

    func save(_ binding: BindingRecord) async throws { try commit(.binding(binding)) }

    func binding(id: String) async throws -> BindingRecord? { state.bindings[id] }

    func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        state.bindings.values.filter { $0.merchantUserId == merchantUserId }.sorted { $0.createdAt < $1.createdAt }
    }

    func binding(accessToken: String) async throws -> BindingRecord? { state.binding(accessToken: accessToken) }

    func insert(_ payment: PaymentRecord) async throws {
        guard state.payments[payment.paymentRequestId] == nil else {
            throw StoreError(code: .duplicate, message: "payment \(payment.paymentRequestId) exists already")
        }
        try commit(.payment(payment))
    }

    func update(
        paymentRequestId: String, _ transition: @escaping @Sendable (inout PaymentRecord) -> Bool
    ) async throws -> PaymentRecord? {
        guard var payment = state.payments[paymentRequestId] else { return nil }
        if transition(&payment) { try commit(.payment(payment)) }
        return state.payments[paymentRequestId]
    }

    func payment(requestId: String) async throws -> PaymentRecord? { state.payments[requestId] }

    func allPayments() async throws -> [PaymentRecord] {
        state.payments.values.sorted { ($0.createdAt, $0.paymentRequestId) < ($1.createdAt, $1.paymentRequestId) }
    }

    func insert(_ refund: RefundRecord, limitMinorUnits: Int64) async throws {
        guard state.refunds[refund.refundRequestId] == nil else {
            throw StoreError(code: .duplicate, message: "refund \(refund.refundRequestId) exists already")
        }
        let committed = state.refunds(paymentRequestId: refund.paymentRequestId)
            .filter { $0.state != .failed }
            .reduce(Int64(0)) { $0 + ($1.amount.minorUnits ?? 0) }
        let requested = refund.amount.minorUnits ?? .max
        guard requested <= limitMinorUnits - committed else {
            throw StoreError(
                code: .refundLimitExceeded,
                message: "refund of \(refund.amount) exceeds what is left to refund on payment "
                    + "\(refund.paymentRequestId) (\(limitMinorUnits - committed) minor units left)"
            )
        }
        try commit(.refund(refund))
    }

    func update(
        refundRequestId: String, _ transition: @escaping @Sendable (inout RefundRecord) -> Bool
    ) async throws -> RefundRecord? {
        guard var refund = state.refunds[refundRequestId] else { return nil }
        if transition(&refund) { try commit(.refund(refund)) }
        return state.refunds[refundRequestId]
    }

    func refund(requestId: String) async throws -> RefundRecord? { state.refunds[requestId] }

    func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        state.refunds(paymentRequestId: paymentRequestId)
    }

    func allRefunds() async throws -> [RefundRecord] {
        state.refunds.values.sorted { ($0.createdAt, $0.refundRequestId) < ($1.createdAt, $1.refundRequestId) }
    }

    func recordFirstDelivery(key: String) async throws -> Bool {
        guard !state.notifications.contains(key) else { return false }
        try commit(.notification(key))
        return true
    }
}

/// A store that keeps everything in memory: for tests, the simulator and short-lived tools.
public actor InMemoryAutoDebitStore: StateBackedStore {
    var state = StoreState()

    /// Creates an empty store.
    public init() {}

    func persist(_ changes: [StoreChange]) throws {}
}
