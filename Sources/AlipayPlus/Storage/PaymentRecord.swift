public import AlipayPlusModels
public import Foundation

/// A charge as the merchant's books see it, persisted before the pay request is sent.
public struct PaymentRecord: Codable, Sendable, Hashable {
    /// Where the payment stands.
    public enum State: String, Codable, Sendable, Hashable {
        /// The intent is stored; pay has not been answered yet.
        case created
        /// The outcome is unknown and is being resolved by inquiry.
        case pending
        /// Alipay+ confirmed the payment.
        case succeeded
        /// Alipay+ declined the payment (or it was never sent).
        case failed
        /// A cancel was requested; the payment must end cancelled (a late success does not count).
        case cancelRequested
        /// Alipay+ confirmed the cancellation.
        case canceled

        /// Whether nothing more can change the outcome.
        public var isFinal: Bool { self == .succeeded || self == .failed || self == .canceled }
    }

    /// The idempotency key sent as `paymentRequestId`.
    public var paymentRequestId: String
    /// The merchant user charged.
    public var merchantUserId: String
    /// The binding whose token paid.
    public var bindingId: String
    /// The amount asked for (`paymentAmount`).
    public var amount: Amount
    /// The merchant's order id (`order.referenceOrderId`).
    public var referenceOrderId: String
    /// Where the payment stands.
    public var state: State
    /// The result code of a failure, when it failed.
    public var failureCode: ResultCode?
    /// Alipay+'s payment id, once known.
    public var paymentId: String?
    /// When Alipay+ says the payment completed.
    public var paymentTime: Date?
    /// When the intent was stored.
    public var createdAt: Date
    /// When the record last changed.
    public var updatedAt: Date
    /// When Alipay+ reported a success for a payment already cancelling, cancelled or failed: the
    /// recorded outcome stands and a `paymentConflict` event asks the merchant to reconcile it.
    public var lateSuccessIgnoredAt: Date?
    /// The payment that retried this one with a new id after a token refresh.
    public var retriedAs: String?

    /// Creates a payment record in `state`.
    public init(
        paymentRequestId: String, merchantUserId: String, bindingId: String, amount: Amount,
        referenceOrderId: String, state: State = .created, createdAt: Date
    ) {
        self.paymentRequestId = paymentRequestId
        self.merchantUserId = merchantUserId
        self.bindingId = bindingId
        self.amount = amount
        self.referenceOrderId = referenceOrderId
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// A refund, persisted with its request id before it is sent.
public struct RefundRecord: Codable, Sendable, Hashable {
    /// Where the refund stands.
    public enum State: String, Codable, Sendable, Hashable {
        /// Stored; sent or about to be sent; outcome not known yet. `recover()` resends it.
        case pending
        /// Alipay+ confirmed the refund.
        case succeeded
        /// Alipay+ declined the refund; its amount no longer counts against the payment.
        case failed

        /// Whether nothing more can change the outcome.
        public var isFinal: Bool { self != .pending }
    }

    /// The idempotency key sent as `refundRequestId`.
    public var refundRequestId: String
    /// The payment refunded.
    public var paymentRequestId: String
    /// The amount refunded.
    public var amount: Amount
    /// The reason sent as `refundReason`.
    public var reason: String?
    /// Where the refund stands.
    public var state: State
    /// Alipay+'s refund id, once known.
    public var refundId: String?
    /// The result code of a failure.
    public var failureCode: ResultCode?
    /// When the refund was stored.
    public var createdAt: Date
    /// When the refund last changed.
    public var updatedAt: Date

    /// Creates a pending refund record.
    public init(refundRequestId: String, paymentRequestId: String, amount: Amount, reason: String?, createdAt: Date) {
        self.refundRequestId = refundRequestId
        self.paymentRequestId = paymentRequestId
        self.amount = amount
        self.reason = reason
        self.state = .pending
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}
