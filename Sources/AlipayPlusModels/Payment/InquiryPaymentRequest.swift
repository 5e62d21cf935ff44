/// inquiryPayment: read the state of a payment (poll every 3 s for up to 60 s while it is `U`).
///
/// `POST /aps/api/v1/payments/inquiryPayment`. Read-only, so always safe to resend.
public struct InquiryPaymentRequest: AlipayPlusOperation, PaymentLookup, Codable, Hashable {
    /// The response type.
    public typealias Response = InquiryPaymentResponse
    /// `inquiryPayment`.
    public static var name: String { "inquiryPayment" }
    /// `/aps/api/v1/payments/inquiryPayment`.
    public static var path: String { "/aps/api/v1/payments/inquiryPayment" }
    /// 5 s.
    public static var recommendedTimeout: Duration { .seconds(5) }
    /// Read-only.
    public static var resendSafety: ResendSafety { .idempotent }
    /// None (read-only).
    public var idempotencyKey: String? { nil }

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
