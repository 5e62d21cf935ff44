public import AlipayPlusModels
public import Foundation

/// What to charge: the user, the amount and the order.
public struct ChargeRequest: Sendable {
    /// The merchant's id for the user.
    public var merchantUserId: String
    /// The binding to charge; `nil` charges the user's most recent active binding.
    public var bindingId: String?
    /// The amount (`paymentAmount` and `order.orderAmount`).
    public var amount: Amount
    /// The merchant's order id (`order.referenceOrderId`, at most 64 characters).
    public var referenceOrderId: String
    /// The order description shown to the user (`order.orderDescription`, at most 256 characters).
    public var orderDescription: String
    /// The idempotency key; `nil` generates one. Reuse a stored one only to resume the same charge.
    public var paymentRequestId: String?
    /// Terminal information for `order.env`.
    public var env: Env?

    /// Creates a charge request.
    public init(
        merchantUserId: String, amount: Amount, referenceOrderId: String, orderDescription: String,
        bindingId: String? = nil, paymentRequestId: String? = nil, env: Env? = nil
    ) {
        self.merchantUserId = merchantUserId
        self.bindingId = bindingId
        self.amount = amount
        self.referenceOrderId = referenceOrderId
        self.orderDescription = orderDescription
        self.paymentRequestId = paymentRequestId
        self.env = env
    }
}

/// The final answer for a charge.
public enum ChargeOutcome: Sendable, Hashable {
    /// Alipay+ confirmed the payment.
    case succeeded(PaymentRecord)
    /// Alipay+ declined the payment with this code; nothing was charged.
    case failed(ResultCode, PaymentRecord)
    /// The outcome stayed unknown and the payment was closed by a confirmed cancellation.
    case canceled(PaymentRecord)
    /// Returned only when the caller asked not to wait: the coordinator resolves it in the background.
    case pending(PaymentRecord)
    /// The binding cannot be charged until the user authorizes again; no pay was sent.
    case needsReauthorization(bindingId: String, reason: ResultCode)

    /// The payment record, when a pay was attempted.
    public var payment: PaymentRecord? {
        switch self {
        case .succeeded(let record), .failed(_, let record), .canceled(let record), .pending(let record): record
        case .needsReauthorization: nil
        }
    }
}

/// The answer for a refund.
public enum RefundOutcome: Sendable, Hashable {
    /// Alipay+ confirmed the refund.
    case succeeded(RefundRecord)
    /// Alipay+ declined the refund with this code.
    case failed(ResultCode, RefundRecord)
    /// The outcome is still unknown after retries; `recover()` resends it with the same id.
    case pending(RefundRecord)

    /// The refund record.
    public var refund: RefundRecord {
        switch self {
        case .succeeded(let record), .failed(_, let record), .pending(let record): record
        }
    }
}

/// Where to send the user to bind a wallet.
public struct BindingStart: Sendable {
    /// The state value that must come back on the redirect.
    public var authState: String
    /// The Alipay+ wallet page URL best suited to the terminal type.
    public var walletPageURL: URL
    /// The full prepare response, for apps that pick their own URL (app link, scheme).
    public var prepareResponse: PrepareResponse
}

/// What ``AutoDebitCoordinator/recover()`` did.
public struct RecoveryReport: Sendable, Hashable {
    /// Payments that reached a final state, by request id.
    public var resolvedPayments: [String: PaymentRecord.State] = [:]
    /// Refunds that were resent, by request id, with their state afterwards.
    public var resentRefunds: [String: RefundRecord.State] = [:]
    /// Payments or refunds still unresolved (for example a cancel that keeps failing), by request id.
    public var unresolved: [String] = []
}
