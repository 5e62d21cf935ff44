/// One unit of recovery work claimed by ``LeaseStore/claimRecoveryWork(owner:ttl:now:limit:)``.
public enum RecoveryClaim: Sendable, Hashable {
    /// A payment that is not final, with its `payment:<id>` lease.
    case payment(PaymentRecord, Lease)
    /// A pending refund, with its `refund:<id>` lease.
    case refund(RefundRecord, Lease)

    /// The lease the claim holds.
    public var lease: Lease {
        switch self {
        case .payment(_, let lease), .refund(_, let lease): lease
        }
    }

    /// The request id of the claimed payment or refund.
    public var requestId: String {
        switch self {
        case .payment(let payment, _): payment.paymentRequestId
        case .refund(let refund, _): refund.refundRequestId
        }
    }
}
