public import AlipayPlus

/// A store that forwards every call to another and lets a test watch or refuse each one.
///
/// `observe` runs before each call and again after it returns; throwing from it refuses the call (or,
/// after a write, simulates a process that died before acting on it). Use it to count writes, inject
/// store failures or cut a "crashed" process off its store.
///
/// ```swift
/// let store = ObservedAutoDebitStore(base: LocalAutoDebitStore()) { call in
///     if call.isWrite && call.phase == .before { writes.append(call.name) }
/// }
/// ```
public struct ObservedAutoDebitStore: AutoDebitStore {
    /// One observed store call.
    public struct Call: Sendable {
        /// Before or after the call reached the base store.
        public enum Phase: Sendable { case before, after }
        /// The method called, such as `update(payment)`.
        public var name: String
        /// Whether the call may change the store.
        public var isWrite: Bool
        /// Before or after the call reached the base store.
        public var phase: Phase
    }

    /// The store that does the work.
    public let base: any AutoDebitStore
    private let observe: @Sendable (Call) throws -> Void

    /// Wraps `base`; `observe` sees (and may refuse) every call.
    public init(base: any AutoDebitStore, observe: @escaping @Sendable (Call) throws -> Void) {
        self.base = base
        self.observe = observe
    }

    private func pass<T>(_ name: String, write: Bool = false, _ work: () async throws -> T) async throws -> T {
        try observe(Call(name: name, isWrite: write, phase: .before))
        let value = try await work()
        try observe(Call(name: name, isWrite: write, phase: .after))
        return value
    }

    /// Forwards ``BindingStore/save(_:)-(PendingAuthorization)``.
    public func save(_ authorization: PendingAuthorization) async throws {
        try await pass("save(authorization)", write: true) { try await base.save(authorization) }
    }
    /// Forwards ``BindingStore/authorization(authState:)``.
    public func authorization(authState: String) async throws -> PendingAuthorization? {
        try await pass("authorization") { try await base.authorization(authState: authState) }
    }
    /// Forwards ``BindingStore/save(_:)-(BindingRecord)``.
    public func save(_ binding: BindingRecord) async throws {
        try await pass("save(binding)", write: true) { try await base.save(binding) }
    }
    /// Forwards ``BindingStore/save(_:completing:)``.
    public func save(_ binding: BindingRecord, completing authorization: PendingAuthorization) async throws {
        try await pass("save(binding,completing)", write: true) { try await base.save(binding, completing: authorization) }
    }
    /// Forwards ``BindingStore/update(bindingId:_:)``.
    public func update(
        bindingId: String, _ transition: @escaping @Sendable (inout BindingRecord) -> Bool
    ) async throws -> RecordUpdate<BindingRecord>? {
        try await pass("update(binding)", write: true) { try await base.update(bindingId: bindingId, transition) }
    }
    /// Forwards ``BindingStore/binding(id:)``.
    public func binding(id: String) async throws -> BindingRecord? {
        try await pass("binding(id)") { try await base.binding(id: id) }
    }
    /// Forwards ``BindingStore/bindings(merchantUserId:)``.
    public func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        try await pass("bindings") { try await base.bindings(merchantUserId: merchantUserId) }
    }
    /// Forwards ``BindingStore/binding(accessToken:)``.
    public func binding(accessToken: String) async throws -> BindingRecord? {
        try await pass("binding(accessToken)") { try await base.binding(accessToken: accessToken) }
    }
    /// Forwards ``NotificationLog/recordFirstDelivery(key:)``.
    public func recordFirstDelivery(key: String) async throws -> Bool {
        try await pass("recordFirstDelivery", write: true) { try await base.recordFirstDelivery(key: key) }
    }
    /// Forwards ``PaymentStore/insert(_:)``.
    public func insert(_ payment: PaymentRecord) async throws {
        try await pass("insert(payment)", write: true) { try await base.insert(payment) }
    }
    /// Forwards ``PaymentStore/update(paymentRequestId:_:)``.
    public func update(
        paymentRequestId: String, _ transition: @escaping @Sendable (inout PaymentRecord) -> Bool
    ) async throws -> RecordUpdate<PaymentRecord>? {
        try await pass("update(payment)", write: true) { try await base.update(paymentRequestId: paymentRequestId, transition) }
    }
    /// Forwards ``PaymentStore/payment(requestId:)``.
    public func payment(requestId: String) async throws -> PaymentRecord? {
        try await pass("payment") { try await base.payment(requestId: requestId) }
    }
    /// Forwards ``PaymentStore/unfinishedPayments(referenceOrderId:)``.
    public func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await pass("unfinishedPayments(order)") { try await base.unfinishedPayments(referenceOrderId: referenceOrderId) }
    }
    /// Forwards ``PaymentStore/allPayments()``.
    public func allPayments() async throws -> [PaymentRecord] {
        try await pass("allPayments") { try await base.allPayments() }
    }
    /// Forwards ``RefundStore/insert(_:)-(RefundRecord)``.
    public func insert(_ refund: RefundRecord) async throws {
        try await pass("insert(refund)", write: true) { try await base.insert(refund) }
    }
    /// Forwards ``RefundStore/update(refundRequestId:_:)``.
    public func update(
        refundRequestId: String, _ transition: @escaping @Sendable (inout RefundRecord) -> Bool
    ) async throws -> RecordUpdate<RefundRecord>? {
        try await pass("update(refund)", write: true) { try await base.update(refundRequestId: refundRequestId, transition) }
    }
    /// Forwards ``RefundStore/refund(requestId:)``.
    public func refund(requestId: String) async throws -> RefundRecord? {
        try await pass("refund") { try await base.refund(requestId: requestId) }
    }
    /// Forwards ``RefundStore/refunds(paymentRequestId:)``.
    public func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        try await pass("refunds") { try await base.refunds(paymentRequestId: paymentRequestId) }
    }
    /// Forwards ``RefundStore/allRefunds()``.
    public func allRefunds() async throws -> [RefundRecord] {
        try await pass("allRefunds") { try await base.allRefunds() }
    }
}
