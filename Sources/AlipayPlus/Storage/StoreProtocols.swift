public import AlipayPlusModels
public import Foundation

// The store contract (v2). No write takes a closure: every write is an insert, checked atomically
// with its rules, or a compare-and-set replacement on the record's `version`, so a database store
// implements each one as one statement or one short transaction, and many processes can share it.
// `AutoDebitStoreConformance` (AlipayPlusTesting) checks an implementation against this contract.

/// Stores bindings and the authorizations that lead to them.
///
/// Writes are inserts or compare-and-set replacements on ``BindingRecord/version``: a write made from a
/// stale copy is refused (``StoreError/Code-swift.struct/versionConflict``), so two instances can never
/// overwrite each other. The coordinator re-reads and re-applies its pure rule on a conflict.
public protocol BindingStore: Sendable {
    /// Stores a new pending authorization and returns it as stored (version 1).
    ///
    /// - Throws: ``StoreError/Code-swift.struct/duplicate`` when the `authState` exists.
    @discardableResult
    func insert(_ authorization: PendingAuthorization) async throws -> PendingAuthorization
    /// The pending authorization with this state value.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func authorization(authState: String) async throws -> PendingAuthorization?
    /// Stores a binding that was made elsewhere (a migration, a test's set-up) and returns it as
    /// stored (version 1).
    ///
    /// - Throws: ``StoreError/Code-swift.struct/duplicate`` when the binding id exists.
    @discardableResult
    func insert(_ binding: BindingRecord) async throws -> BindingRecord
    /// Stores a new binding and replaces (compare-and-set) the authorization that produced it, in one
    /// atomic write: a crash leaves either both or neither, and two exchanges of one auth code cannot
    /// both complete it.
    ///
    /// - Parameters:
    ///   - binding: the new binding (its version is ignored; stored as 1).
    ///   - authorization: the completed authorization, carrying the version it was read with.
    ///   - lease: when given, the write is refused if a newer lease of the same name was issued since.
    /// - Returns: both records as stored.
    /// - Throws: ``StoreError/Code-swift.struct/duplicate`` (binding id exists),
    ///   ``StoreError/Code-swift.struct/notFound`` (no such authorization),
    ///   ``StoreError/Code-swift.struct/versionConflict`` (the authorization changed since it was read),
    ///   ``StoreError/Code-swift.struct/leaseLost``.
    @discardableResult
    func insert(
        _ binding: BindingRecord, completing authorization: PendingAuthorization, under lease: Lease?
    ) async throws -> (binding: BindingRecord, authorization: PendingAuthorization)
    /// Replaces the stored binding if its version is still `binding.version`; returns the stored record
    /// (its version one higher).
    ///
    /// Checked in this order, each refusal writing nothing: the binding exists, the lease is the newest
    /// of its name, the delivery key is new, the version matches.
    ///
    /// - Parameters:
    ///   - binding: the new binding record, carrying the version it was read at.
    ///   - lease: when given, the write is refused if a newer lease of the same name was issued since
    ///     (or the lease was released).
    ///   - deliveryKey: a notification de-duplication key recorded in the same atomic write; when the
    ///     key is already recorded nothing is written.
    /// - Throws: ``StoreError/Code-swift.struct/notFound``, ``StoreError/Code-swift.struct/leaseLost``,
    ///   ``StoreError/Code-swift.struct/duplicateDelivery``, ``StoreError/Code-swift.struct/versionConflict``.
    @discardableResult
    func replace(_ binding: BindingRecord, under lease: Lease?, deliveryKey: String?) async throws -> BindingRecord
    /// The binding with this id.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func binding(id: String) async throws -> BindingRecord?
    /// Every binding of a merchant user, oldest first.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func bindings(merchantUserId: String) async throws -> [BindingRecord]
    /// The binding whose current access token is `accessToken` (how it is indexed is the store's
    /// business; never by the raw token once tokens are sealed).
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func binding(accessToken: Secret) async throws -> BindingRecord?
}

/// Stores payments: an insert with its order rule, then compare-and-set replacements.
public protocol PaymentStore: Sendable {
    /// Stores a new payment intent, atomically with its rule: an order has at most one unfinished
    /// payment. Returns it as stored (version 1, no refunds).
    ///
    /// - Throws: ``StoreError/Code-swift.struct/duplicate``,
    ///   ``StoreError/Code-swift.struct/orderHasUnfinishedPayment`` (``StoreError/recordId`` names it).
    @discardableResult
    func insert(_ payment: PaymentRecord) async throws -> PaymentRecord
    /// Takes the payment's lease (``Lease/payment(_:)``) for `owner` as
    /// ``LeaseStore/acquireLease(_:owner:ttl:now:)`` does and, only when it was taken, stores the
    /// payment as ``insert(_:)`` does: a new charge's lease and intent in one step (one round trip on
    /// a shared store). Stores that conform to ``LeaseStore`` get an implementation making the two
    /// calls; a store with a cheaper single step implements it.
    ///
    /// - Returns: `nil` when another owner holds the lease (nothing was stored); otherwise the lease,
    ///   held, and the insert's outcome: the stored payment, or the insert's error (a refusal such as
    ///   `duplicate` or `orderHasUnfinishedPayment`, or a failure), for the caller to handle under the
    ///   lease and release it.
    /// - Throws: a ``StoreError`` when the lease could not be taken (nothing was stored).
    func insertLeased(_ payment: PaymentRecord, owner: String, ttl: Duration, now: Date) async throws -> LeasedInsert?
    /// Replaces the stored payment if its version is still `payment.version`; returns the stored record.
    ///
    /// The store keeps ``PaymentRecord/refunds`` itself (the caller's copy is ignored), refuses a change
    /// to `cancelRequested` or `canceled` while the payment has a refund that is not failed
    /// (``StoreError/Code-swift.struct/cancelNotAllowed``), and refuses a change that would give an
    /// order a second unfinished payment (``StoreError/Code-swift.struct/orderHasUnfinishedPayment``),
    /// each in the same atomic write.
    ///
    /// - Throws: as ``BindingStore/replace(_:under:deliveryKey:)``, plus the two rule codes above.
    @discardableResult
    func replace(_ payment: PaymentRecord, under lease: Lease?, deliveryKey: String?) async throws -> PaymentRecord
    /// Replaces the stored payment under `lease` as ``replace(_:under:deliveryKey:)`` does (no
    /// delivery key) and, only when that write succeeded, releases `lease` as
    /// ``LeaseStore/releaseLease(_:)`` does: the last write of a flight's work under its lease and the
    /// release in one step (one round trip on a shared store). Stores that conform to ``LeaseStore``
    /// get an implementation making the two calls; a store with a cheaper single step implements it.
    ///
    /// - Returns: the payment as stored and, when the release failed after the write, its error
    ///   (the write stands; the lease lapses after its time to live).
    /// - Throws: as ``replace(_:under:deliveryKey:)``; nothing was written and the lease is still held.
    func replace(_ payment: PaymentRecord, releasing lease: Lease) async throws -> ReleasedReplace
    /// The payment with this request id.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func payment(requestId: String) async throws -> PaymentRecord?
    /// The payments of the merchant's order `referenceOrderId` that are not final, oldest first.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord]
    /// Up to `limit` payments that are not final, oldest first (an index, never a scan of every payment).
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func unfinishedPayments(limit: Int) async throws -> [PaymentRecord]
}

/// Stores refunds; every refund rule is checked atomically with the insertion.
public protocol RefundStore: Sendable {
    /// Stores a new pending refund of `refund.paymentRequestId` atomically with its checks (positive
    /// amount in the payment's currency, payment `succeeded`, refunds within the payment's amount) and
    /// counts it in the payment's ``PaymentRecord/refunds`` in the same write (bumping the payment's
    /// version, so a cancel racing it fails its compare-and-set). Returns it as stored (version 1).
    ///
    /// - Throws: ``StoreError/Code-swift.struct/duplicate``, ``StoreError/Code-swift.struct/notFound``,
    ///   ``StoreError/Code-swift.struct/invalidAmount``, ``StoreError/Code-swift.struct/refundNotAllowed``,
    ///   ``StoreError/Code-swift.struct/refundLimitExceeded``.
    @discardableResult
    func insert(_ refund: RefundRecord) async throws -> RefundRecord
    /// Replaces the stored refund if its version is still `refund.version`; a refund that becomes failed
    /// stops counting in its payment's ``PaymentRecord/refunds`` in the same write (bumping the
    /// payment's version).
    ///
    /// - Throws: ``StoreError/Code-swift.struct/notFound``, ``StoreError/Code-swift.struct/leaseLost``,
    ///   ``StoreError/Code-swift.struct/versionConflict``.
    @discardableResult
    func replace(_ refund: RefundRecord, under lease: Lease?) async throws -> RefundRecord
    /// The refund with this request id.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func refund(requestId: String) async throws -> RefundRecord?
    /// Every refund of a payment, oldest first.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func refunds(paymentRequestId: String) async throws -> [RefundRecord]
    /// Up to `limit` pending refunds, oldest first (an index, never a scan).
    ///
    /// - Throws: a ``StoreError`` when the store cannot be read.
    func pendingRefunds(limit: Int) async throws -> [RefundRecord]
}

/// Remembers inbound notifications that were applied without changing any record.
///
/// A notification that changes a record passes its key to `replace(…, deliveryKey:)` instead, so the
/// key and the change are one atomic write.
public protocol NotificationLog: Sendable {
    /// Records `key` and returns `true` the first time it is seen, `false` for a duplicate.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be written.
    func recordFirstDelivery(key: String) async throws -> Bool
}

/// Leases: single flight across every process that shares the store.
///
/// A lease has a name, an owner, an expiry and a fencing token. The token for a name grows strictly
/// with every acquisition, and every write made under a lease carries it: once anyone acquired the name
/// again, a late write from the old holder is refused (``StoreError/Code-swift.struct/leaseLost``).
/// `now` is the caller's clock: the processes sharing a store need roughly synchronised clocks, and
/// TTLs far larger than any skew.
public protocol LeaseStore: Sendable {
    /// Takes the lease `name` for `owner` until `now + ttl` when it is free, expired or already
    /// `owner`'s; `nil` when another owner holds it unexpired. Each success issues a new, larger
    /// fencing token (so taking a lease one already holds fences the older copy).
    ///
    /// - Throws: a ``StoreError`` when the store cannot be written.
    func acquireLease(_ name: String, owner: String, ttl: Duration, now: Date) async throws -> Lease?
    /// Extends a lease still held (no newer token issued for its name, not released) to `now + ttl`,
    /// keeping its token; `nil` when it was lost.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be written.
    func renewLease(_ lease: Lease, ttl: Duration, now: Date) async throws -> Lease?
    /// Frees the lease if it is still the newest for its name; otherwise does nothing. Writes under a
    /// released lease are refused: release it after the last write.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be written.
    func releaseLease(_ lease: Lease) async throws
    /// Claims up to `limit` recovery items (unfinished payments and pending refunds, oldest first)
    /// whose leases (`payment:<id>`, `refund:<id>`) are free or expired, acquiring each for `owner`:
    /// every item is worked by one instance at a time. An item whose lease is held unexpired (by any
    /// owner, `owner` included: its charge may still be sending it) is skipped.
    ///
    /// - Throws: a ``StoreError`` when the store cannot be written.
    func claimRecoveryWork(owner: String, ttl: Duration, now: Date, limit: Int) async throws -> [RecoveryClaim]
}

/// Everything the coordinator persists.
public typealias AutoDebitStore = BindingStore & LeaseStore & NotificationLog & PaymentStore & RefundStore
