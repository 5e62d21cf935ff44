/// cancelPayment: cancel a payment whose result is unknown (allowed until 00:15 UTC+8 on T+1).
///
/// `POST /aps/api/v1/payments/cancelPayment`. Idempotent on `paymentRequestId`; keep retrying until `S`.
public struct CancelPaymentRequest: AlipayPlusOperation, PaymentLookup, Codable, Hashable {
    /// The response type.
    public typealias Response = CancelPaymentResponse
    /// `cancelPayment`.
    public static var name: String { "cancelPayment" }
    /// `/aps/api/v1/payments/cancelPayment`.
    public static var path: String { "/aps/api/v1/payments/cancelPayment" }
    /// 8 s.
    public static var recommendedTimeout: Duration { .seconds(8) }
    /// Idempotent on `paymentRequestId`.
    public static var resendSafety: ResendSafety { .idempotent }
    /// `paymentRequestId` (nil when cancelling by `paymentId`).
    public var idempotencyKey: String? { paymentRequestId }

    /// `paymentRequestId`: at most 64; required when `paymentId` is absent.
    public var paymentRequestId: String?
    /// `paymentId`: at most 64; required when `paymentRequestId` is absent.
    public var paymentId: String?

    /// Creates a request; give at least one of the two ids.
    public init(paymentRequestId: String? = nil, paymentId: String? = nil) {
        self.paymentRequestId = paymentRequestId
        self.paymentId = paymentId
    }

    /// Checks that one id is present and the lengths.
    public func validate() -> [ValidationProblem] {
        paymentLookupProblems()
    }
}
