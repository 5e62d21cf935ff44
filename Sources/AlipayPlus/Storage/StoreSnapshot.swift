/// Everything a ``LocalAutoDebitStore`` holds, oldest first: for tests, tools and reconciliation.
public struct StoreSnapshot: Sendable, Hashable {
    /// Every pending (or completed) authorization.
    public var authorizations: [PendingAuthorization]
    /// Every binding.
    public var bindings: [BindingRecord]
    /// Every payment.
    public var payments: [PaymentRecord]
    /// Every refund.
    public var refunds: [RefundRecord]
    /// Every notification de-duplication key recorded.
    public var deliveryKeys: Set<String>

    /// Creates a snapshot.
    public init(
        authorizations: [PendingAuthorization], bindings: [BindingRecord], payments: [PaymentRecord],
        refunds: [RefundRecord], deliveryKeys: Set<String>
    ) {
        self.authorizations = authorizations
        self.bindings = bindings
        self.payments = payments
        self.refunds = refunds
        self.deliveryKeys = deliveryKeys
    }
}
