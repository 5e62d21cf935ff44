import AlipayPlusModels
public import Foundation

/// The built-in store: all state in memory, optionally backed by a durable journal.
///
/// `LocalAutoDebitStore()` keeps everything in memory (tests, the simulator, short-lived tools).
/// `LocalAutoDebitStore(directory:)` also writes every change to an append-only journal, fsync'd
/// before the change is applied, and compacts the journal when it opens: a crash at any moment loses
/// no acknowledged change, and a record torn by a crash mid-write is dropped on reopen. Open one
/// durable store per folder and per process.
public actor LocalAutoDebitStore: AutoDebitStore {
    private var state = StoreState()
    private let journal: Journal<StoreChange>?

    /// Creates an empty in-memory store.
    public init() {
        journal = nil
    }

    /// Opens (or creates) a durable store in `directory`, replays its journal, and compacts it.
    ///
    /// - Throws: ``JournalError`` when the folder cannot be used, is already open, or a record in the
    ///   middle of the journal is corrupt (a torn last record is repaired, not reported as an error).
    public init(directory: URL) throws {
        let journal = try Journal<StoreChange>(directory: directory, name: "autodebit")
        var state = StoreState()
        for change in journal.recoveredEntries { state.apply(change) }
        try journal.compact(to: state.compacted)
        self.state = state
        self.journal = journal
    }

    /// What opening the journal found and repaired; `nil` for an in-memory store.
    public nonisolated var openReport: JournalOpenReport? { journal?.openReport }

    /// Closes the journal so another store (for example after a simulated crash) can open the folder.
    public func close() {
        journal?.close()
    }

    /// Writes `changes` durably in one record (when journaled), then applies them; on a write failure
    /// nothing changes.
    private func commit(_ changes: StoreChange...) throws {
        if let journal {
            do {
                try journal.append(contentsOf: changes)
            } catch {
                throw StoreError(code: .persistence, message: "the journal write failed, nothing changed: \(error)")
            }
        }
        for change in changes { state.apply(change) }
    }

    /// Applies `transition` to the record `id` of one collection and commits it when it changed.
    private func update<Record: Sendable & Equatable>(
        _ records: KeyPath<StoreState, [String: Record]>, id: String, as change: (Record) -> StoreChange,
        _ transition: (inout Record) -> Bool, check: (_ before: Record, _ after: Record) throws -> Void = { _, _ in }
    ) throws -> RecordUpdate<Record>? {
        guard let before = state[keyPath: records][id] else { return nil }
        var after = before
        guard transition(&after), after != before else { return RecordUpdate(before: before, after: before) }
        try check(before, after)
        try commit(change(after))
        // The stored record: the store may keep fields of its own (a payment's refund tally).
        after = state[keyPath: records][id] ?? after
        return RecordUpdate(before: before, after: after)
    }

    /// Inserts or replaces a pending authorization.
    public func save(_ authorization: PendingAuthorization) async throws { try commit(.authorization(authorization)) }

    /// The pending authorization with this state value.
    public func authorization(authState: String) async throws -> PendingAuthorization? {
        state.authorizations[authState]
    }

    /// Inserts or replaces a binding atomically.
    public func save(_ binding: BindingRecord) async throws { try commit(.binding(binding)) }

    /// Stores a new binding and completes its authorization in one journal record.
    public func save(_ binding: BindingRecord, completing authorization: PendingAuthorization) async throws {
        try commit(.binding(binding), .authorization(authorization))
    }

    /// Applies `transition` to the binding atomically and returns the record before and after.
    public func update(
        bindingId: String, _ transition: @escaping @Sendable (inout BindingRecord) -> Bool
    ) async throws -> RecordUpdate<BindingRecord>? {
        try update(\.bindings, id: bindingId, as: StoreChange.binding, transition)
    }

    /// The binding with this id.
    public func binding(id: String) async throws -> BindingRecord? { state.bindings[id] }

    /// Every binding of a merchant user, oldest first.
    public func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        state.bindings.values.filter { $0.merchantUserId == merchantUserId }.sorted { $0.createdAt < $1.createdAt }
    }

    /// The binding whose current access token is `accessToken`.
    public func binding(accessToken: String) async throws -> BindingRecord? { state.binding(accessToken: accessToken) }

    /// Stores a new payment intent unless its id is known or its order has an unfinished payment.
    public func insert(_ payment: PaymentRecord) async throws {
        guard state.payments[payment.paymentRequestId] == nil else {
            throw StoreError(code: .duplicate, message: "payment \(payment.paymentRequestId) exists already")
        }
        try refuseSecondUnfinishedPayment(payment)
        try commit(.payment(payment))
    }

    /// Applies `transition` to the payment atomically and returns the record before and after.
    public func update(
        paymentRequestId: String, _ transition: @escaping @Sendable (inout PaymentRecord) -> Bool
    ) async throws -> RecordUpdate<PaymentRecord>? {
        try update(\.payments, id: paymentRequestId, as: StoreChange.payment) { record in
            let tally = record.refunds
            guard transition(&record) else { return false }
            record.refunds = tally
            return true
        } check: { before, after in
            // Only a payment that becomes unfinished again can break the rule.
            if before.state.isFinal { try self.refuseSecondUnfinishedPayment(after) }
        }
    }

    private func refuseSecondUnfinishedPayment(_ payment: PaymentRecord) throws {
        guard let other = state.unfinishedPaymentBlocking(payment) else { return }
        throw StoreError(
            code: .orderHasUnfinishedPayment,
            message: "order \(payment.referenceOrderId) already has the unfinished payment \(other.paymentRequestId)",
            recordId: other.paymentRequestId
        )
    }

    /// The payment with this request id.
    public func payment(requestId: String) async throws -> PaymentRecord? { state.payments[requestId] }

    /// The payments of the merchant's order that are not final yet, oldest first.
    public func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        state.unfinishedPayments(referenceOrderId: referenceOrderId)
    }

    /// Every payment, oldest first.
    public func allPayments() async throws -> [PaymentRecord] {
        state.payments.values.sorted { ($0.createdAt, $0.paymentRequestId) < ($1.createdAt, $1.paymentRequestId) }
    }

    /// Stores a pending refund if the refund rules allow it (see ``RefundStore/insert(_:)``).
    public func insert(_ refund: RefundRecord) async throws {
        if let refusal = state.refusal(of: refund) { throw refusal }
        try commit(.refund(refund))
    }

    /// Applies `transition` to the refund atomically and returns the record before and after.
    public func update(
        refundRequestId: String, _ transition: @escaping @Sendable (inout RefundRecord) -> Bool
    ) async throws -> RecordUpdate<RefundRecord>? {
        try update(\.refunds, id: refundRequestId, as: StoreChange.refund, transition)
    }

    /// The refund with this request id.
    public func refund(requestId: String) async throws -> RefundRecord? { state.refunds[requestId] }

    /// Every refund of a payment, oldest first.
    public func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        state.refunds(paymentRequestId: paymentRequestId)
    }

    /// Every refund, oldest first.
    public func allRefunds() async throws -> [RefundRecord] {
        state.refunds.values.sorted { ($0.createdAt, $0.refundRequestId) < ($1.createdAt, $1.refundRequestId) }
    }

    /// Records `key`; `true` the first time it is seen.
    public func recordFirstDelivery(key: String) async throws -> Bool {
        guard !state.notifications.contains(key) else { return false }
        try commit(.notification(key))
        return true
    }
}
