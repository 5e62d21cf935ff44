/// refund: refund all or part of a payment (within one calendar year).
///
/// `POST /aps/api/v1/payments/refund`. Idempotent on `refundRequestId`: on U or timeout resend it unchanged.
public struct RefundRequest: AlipayPlusOperation, Codable, Hashable {
    /// The response type.
    public typealias Response = RefundResponse
    /// `refund`.
    public static var name: String { "refund" }
    /// `/aps/api/v1/payments/refund`.
    public static var path: String { "/aps/api/v1/payments/refund" }
    /// 8 s.
    public static var recommendedTimeout: Duration { .seconds(8) }
    /// Idempotent on `refundRequestId`.
    public static var resendSafety: ResendSafety { .idempotent }
    /// `refundRequestId`.
    public var idempotencyKey: String? { refundRequestId }

    /// `paymentRequestId`: at most 64; required when `paymentId` is absent.
    public var paymentRequestId: String?
    /// `paymentId`: at most 64; required when `paymentRequestId` is absent.
    public var paymentId: String?
    /// `refundRequestId`: the merchant's unique refund id, required, at most 64.
    public var refundRequestId: String
    /// `refundAmount`: required.
    public var refundAmount: Amount
    /// `refundReason`: at most 256 [X].
    public var refundReason: String?

    /// Creates a request.
    public init(paymentRequestId: String? = nil, paymentId: String? = nil, refundRequestId: String,
                refundAmount: Amount, refundReason: String? = nil) {
        self.paymentRequestId = paymentRequestId
        self.paymentId = paymentId
        self.refundRequestId = refundRequestId
        self.refundAmount = refundAmount
        self.refundReason = refundReason
    }

    /// Checks required and conditional fields, lengths and the amount.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.requireOne(of: [("paymentRequestId", !(paymentRequestId ?? "").isEmpty), ("paymentId", !(paymentId ?? "").isEmpty)])
        c.optional(paymentRequestId, "paymentRequestId", maxLength: 64)
        c.optional(paymentId, "paymentId", maxLength: 64)
        c.require(refundRequestId, "refundRequestId", maxLength: 64)
        c.require(refundAmount, "refundAmount")
        if refundAmount.minorUnits == 0 { c.report("refundAmount.value", "must be greater than zero") }
        c.optional(refundReason, "refundReason", maxLength: 256)
        return c.problems
    }
}
