public import AlipayPlus
public import AlipayPlusModels
public import Foundation

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
        public enum Phase: Sendable {
            /// The call has not reached the base store yet.
            case before
            /// The base store has answered (or thrown).
            case after
        }
        /// The method called, such as `replace(payment)`.
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

    /// Forwards `BindingStore.insert(_:)` for a `PendingAuthorization`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    @discardableResult
    public func insert(_ authorization: PendingAuthorization) async throws -> PendingAuthorization {
        try await pass("insert(authorization)", write: true) { try await base.insert(authorization) }
    }
    /// Forwards `BindingStore.authorization(authState:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func authorization(authState: String) async throws -> PendingAuthorization? {
        try await pass("authorization") { try await base.authorization(authState: authState) }
    }
    /// Forwards `BindingStore.insert(_:)` for a `BindingRecord`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    @discardableResult
    public func insert(_ binding: BindingRecord) async throws -> BindingRecord {
        try await pass("insert(binding)", write: true) { try await base.insert(binding) }
    }
    /// Forwards `BindingStore.insert(_:completing:under:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    @discardableResult
    public func insert(
        _ binding: BindingRecord, completing authorization: PendingAuthorization, under lease: Lease?
    ) async throws -> (binding: BindingRecord, authorization: PendingAuthorization) {
        try await pass("insert(binding,completing)", write: true) {
            try await base.insert(binding, completing: authorization, under: lease)
        }
    }
    /// Forwards `BindingStore.replace(_:under:deliveryKey:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    @discardableResult
    public func replace(_ binding: BindingRecord, under lease: Lease?, deliveryKey: String?) async throws -> BindingRecord {
        try await pass("replace(binding)", write: true) { try await base.replace(binding, under: lease, deliveryKey: deliveryKey) }
    }
    /// Forwards `BindingStore.binding(id:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func binding(id: String) async throws -> BindingRecord? {
        try await pass("binding(id)") { try await base.binding(id: id) }
    }
    /// Forwards `BindingStore.bindings(merchantUserId:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        try await pass("bindings") { try await base.bindings(merchantUserId: merchantUserId) }
    }
    /// Forwards `BindingStore.binding(accessToken:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func binding(accessToken: Secret) async throws -> BindingRecord? {
        try await pass("binding(accessToken)") { try await base.binding(accessToken: accessToken) }
    }
    /// Forwards `NotificationLog.recordFirstDelivery(key:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func recordFirstDelivery(key: String) async throws -> Bool {
        try await pass("recordFirstDelivery", write: true) { try await base.recordFirstDelivery(key: key) }
    }
    /// Forwards `PaymentStore.insert(_:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    @discardableResult
    public func insert(_ payment: PaymentRecord) async throws -> PaymentRecord {
        try await pass("insert(payment)", write: true) { try await base.insert(payment) }
    }
    /// Forwards `PaymentStore.insertLeased(_:owner:ttl:now:)` as one call (a store's single step stays one).
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func insertLeased(_ payment: PaymentRecord, owner: String, ttl: Duration, now: Date) async throws -> LeasedInsert? {
        try await pass("insertLeased(payment)", write: true) { try await base.insertLeased(payment, owner: owner, ttl: ttl, now: now) }
    }
    /// Forwards `PaymentStore.replace(_:under:deliveryKey:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    @discardableResult
    public func replace(_ payment: PaymentRecord, under lease: Lease?, deliveryKey: String?) async throws -> PaymentRecord {
        try await pass("replace(payment)", write: true) { try await base.replace(payment, under: lease, deliveryKey: deliveryKey) }
    }
    /// Forwards `PaymentStore.replace(_:releasing:)` as one call (a store's single step stays one).
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func replace(_ payment: PaymentRecord, releasing lease: Lease) async throws -> ReleasedReplace {
        try await pass("replaceReleasing(payment)", write: true) { try await base.replace(payment, releasing: lease) }
    }
    /// Forwards `PaymentStore.payment(requestId:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func payment(requestId: String) async throws -> PaymentRecord? {
        try await pass("payment") { try await base.payment(requestId: requestId) }
    }
    /// Forwards `PaymentStore.unfinishedPayments(referenceOrderId:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await pass("unfinishedPayments(order)") { try await base.unfinishedPayments(referenceOrderId: referenceOrderId) }
    }
    /// Forwards `PaymentStore.unfinishedPayments(limit:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func unfinishedPayments(limit: Int) async throws -> [PaymentRecord] {
        try await pass("unfinishedPayments(limit)") { try await base.unfinishedPayments(limit: limit) }
    }
    /// Forwards `RefundStore.insert(_:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    @discardableResult
    public func insert(_ refund: RefundRecord) async throws -> RefundRecord {
        try await pass("insert(refund)", write: true) { try await base.insert(refund) }
    }
    /// Forwards `RefundStore.replace(_:under:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    @discardableResult
    public func replace(_ refund: RefundRecord, under lease: Lease?) async throws -> RefundRecord {
        try await pass("replace(refund)", write: true) { try await base.replace(refund, under: lease) }
    }
    /// Forwards `RefundStore.refund(requestId:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func refund(requestId: String) async throws -> RefundRecord? {
        try await pass("refund") { try await base.refund(requestId: requestId) }
    }
    /// Forwards `RefundStore.refunds(paymentRequestId:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        try await pass("refunds") { try await base.refunds(paymentRequestId: paymentRequestId) }
    }
    /// Forwards `RefundStore.pendingRefunds(limit:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func pendingRefunds(limit: Int) async throws -> [RefundRecord] {
        try await pass("pendingRefunds") { try await base.pendingRefunds(limit: limit) }
    }
    /// Forwards `LeaseStore.acquireLease(_:owner:ttl:now:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func acquireLease(_ name: String, owner: String, ttl: Duration, now: Date) async throws -> Lease? {
        try await pass("acquireLease", write: true) { try await base.acquireLease(name, owner: owner, ttl: ttl, now: now) }
    }
    /// Forwards `LeaseStore.renewLease(_:ttl:now:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func renewLease(_ lease: Lease, ttl: Duration, now: Date) async throws -> Lease? {
        try await pass("renewLease", write: true) { try await base.renewLease(lease, ttl: ttl, now: now) }
    }
    /// Forwards `LeaseStore.releaseLease(_:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func releaseLease(_ lease: Lease) async throws {
        try await pass("releaseLease", write: true) { try await base.releaseLease(lease) }
    }
    /// Forwards `LeaseStore.claimRecoveryWork(owner:ttl:now:limit:)`.
    ///
    /// - Throws: what `observe` throws (before or after the call), or what the base store throws.
    public func claimRecoveryWork(owner: String, ttl: Duration, now: Date, limit: Int) async throws -> [RecoveryClaim] {
        try await pass("claimRecoveryWork", write: true) {
            try await base.claimRecoveryWork(owner: owner, ttl: ttl, now: now, limit: limit)
        }
    }
}
