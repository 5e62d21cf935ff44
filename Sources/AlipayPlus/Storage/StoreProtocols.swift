/// Stores bindings and the authorizations that lead to them.
///
/// Each `save` replaces the whole record atomically, so a refreshed token pair is never half-written.
/// Implement it over your own database when the built-in stores do not fit; each method is one
/// small query.
public protocol BindingStore: Sendable {
    /// Inserts or replaces a pending authorization (keyed by `authState`).
    func save(_ authorization: PendingAuthorization) async throws
    /// The pending authorization with this state value.
    func authorization(authState: String) async throws -> PendingAuthorization?
    /// Inserts or replaces a binding (keyed by `bindingId`).
    func save(_ binding: BindingRecord) async throws
    /// Stores a new binding and marks the authorization that produced it as completed, in one atomic
    /// write: a crash leaves either both or neither.
    func save(_ binding: BindingRecord, completing authorization: PendingAuthorization) async throws
    /// Applies `transition` to the stored binding atomically and returns the record before and after.
    ///
    /// `transition` returns `false` when it changed nothing, and then nothing is written. Used for
    /// status changes and token refreshes, so neither can overwrite the other with a stale copy.
    func update(
        bindingId: String, _ transition: @escaping @Sendable (inout BindingRecord) -> Bool
    ) async throws -> RecordUpdate<BindingRecord>?
    /// The binding with this id.
    func binding(id: String) async throws -> BindingRecord?
    /// Every binding of a merchant user, oldest first.
    func bindings(merchantUserId: String) async throws -> [BindingRecord]
    /// The binding whose current access token is `accessToken`.
    func binding(accessToken: String) async throws -> BindingRecord?
}

/// Stores payments; updates go through a transition applied atomically.
public protocol PaymentStore: Sendable {
    /// Stores a new payment intent, in one atomic operation with its checks: an order has at most one
    /// unfinished (not final) payment.
    ///
    /// - Throws: ``StoreError/Code-swift.struct/duplicate`` when the request id exists;
    ///   ``StoreError/Code-swift.struct/orderHasUnfinishedPayment`` (with ``StoreError/recordId``
    ///   naming it) when another payment of the same `referenceOrderId` is not final.
    func insert(_ payment: PaymentRecord) async throws
    /// Applies `transition` to the stored payment atomically and returns the record before and after.
    ///
    /// `transition` returns `false` when it changed nothing, and then nothing is written. The store
    /// keeps ``PaymentRecord/refunds`` itself (changes to it are ignored), and refuses a change that
    /// would give an order a second unfinished payment (``StoreError/Code-swift.struct/orderHasUnfinishedPayment``).
    func update(
        paymentRequestId: String, _ transition: @escaping @Sendable (inout PaymentRecord) -> Bool
    ) async throws -> RecordUpdate<PaymentRecord>?
    /// The payment with this request id.
    func payment(requestId: String) async throws -> PaymentRecord?
    /// The payments for the merchant's order `referenceOrderId` that are not final yet, oldest first
    /// (a charge without its own request id resumes one instead of paying again).
    func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord]
    /// Every payment, oldest first.
    func allPayments() async throws -> [PaymentRecord]
}

/// Stores refunds; every refund rule is checked atomically with the insertion.
public protocol RefundStore: Sendable {
    /// Stores a new pending refund of the payment `refund.paymentRequestId`, in one atomic operation
    /// with its checks, and counts it in the payment's ``PaymentRecord/refunds`` in the same write.
    ///
    /// The store looks the payment up itself. The refund is refused unless its amount is a positive
    /// number of minor units in the payment's currency, the payment is `succeeded` (so not
    /// `cancelRequested` or `canceled`: a payment being cancelled is never refunded), and the
    /// payment's refunds (pending and succeeded) plus this one stay within the payment's amount.
    ///
    /// - Throws: ``StoreError/Code-swift.struct/duplicate`` (the refund id exists),
    ///   ``StoreError/Code-swift.struct/notFound`` (no such payment),
    ///   ``StoreError/Code-swift.struct/invalidAmount``, ``StoreError/Code-swift.struct/refundNotAllowed``,
    ///   ``StoreError/Code-swift.struct/refundLimitExceeded``.
    func insert(_ refund: RefundRecord) async throws
    /// Applies `transition` atomically and returns the record before and after; a refund that becomes
    /// failed stops counting in its payment's ``PaymentRecord/refunds`` in the same write.
    func update(
        refundRequestId: String, _ transition: @escaping @Sendable (inout RefundRecord) -> Bool
    ) async throws -> RecordUpdate<RefundRecord>?
    /// The refund with this request id.
    func refund(requestId: String) async throws -> RefundRecord?
    /// Every refund of a payment, oldest first.
    func refunds(paymentRequestId: String) async throws -> [RefundRecord]
    /// Every refund, oldest first.
    func allRefunds() async throws -> [RefundRecord]
}

/// Remembers which inbound notifications were already applied.
public protocol NotificationLog: Sendable {
    /// Records `key` and returns `true` the first time it is seen, `false` for a duplicate.
    func recordFirstDelivery(key: String) async throws -> Bool
}

/// Everything the coordinator persists.
public typealias AutoDebitStore = BindingStore & NotificationLog & PaymentStore & RefundStore
