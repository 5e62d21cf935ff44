/// A request that names one payment by `paymentRequestId` or `paymentId` (``InquiryPaymentRequest``,
/// ``CancelPaymentRequest``): the pair and its validation, written once.
protocol PaymentLookup {
    /// `paymentRequestId`: at most 64; required when `paymentId` is absent.
    var paymentRequestId: String? { get }
    /// `paymentId`: at most 64; required when `paymentRequestId` is absent.
    var paymentId: String? { get }
}

extension PaymentLookup {
    /// Checks that one id is present and the lengths.
    func paymentLookupProblems() -> [ValidationProblem] {
        var c = ValidationContext()
        c.requireOne(of: [("paymentRequestId", !(paymentRequestId ?? "").isEmpty), ("paymentId", !(paymentId ?? "").isEmpty)])
        c.optional(paymentRequestId, "paymentRequestId", maxLength: 64)
        c.optional(paymentId, "paymentId", maxLength: 64)
        return c.problems
    }
}
