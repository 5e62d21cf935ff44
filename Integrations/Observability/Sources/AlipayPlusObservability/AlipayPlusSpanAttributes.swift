/// The names of the attributes ``AlipayPlusEventTracer`` sets on its spans.
public enum AlipayPlusSpanAttributes {
    /// The operation (`pay`, `refund`) or inbound call name (`notifyPayment`, or `unknown`).
    public static let operation = "alipayplus.operation"
    /// The payment request id the call concerns.
    public static let paymentRequestId = "alipayplus.payment_request_id"
    /// The refund request id the call concerns.
    public static let refundRequestId = "alipayplus.refund_request_id"
    /// `result.resultStatus` of the answer (`S`, `F`, `U`).
    public static let resultStatus = "alipayplus.result_status"
    /// `result.resultCode` of the answer.
    public static let resultCode = "alipayplus.result_code"
    /// How many attempts an outbound call made.
    public static let attempts = "alipayplus.attempts"
    /// The HTTP status of the answer (received for an outbound call, sent for an inbound one).
    public static let httpStatus = "http.response.status_code"
}
