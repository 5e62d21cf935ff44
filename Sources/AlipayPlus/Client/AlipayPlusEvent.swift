public import AlipayPlusModels
public import Foundation

/// Something the library did or saw, for logs and metrics; carries no secrets.
///
/// Events are flat values so a log line, a metric or a trace span can be built from any of them; fields
/// that do not apply to a kind are `nil`. `description` is a ready `key=value` log line, and
/// ``severity`` says how much the event matters.
///
/// A call to Alipay+ (`requestFinished`, `requestFailed`) and an inbound call (`notificationApplied`,
/// `notificationRejected` from ``AutoDebitCoordinator/handleInbound(_:)``) carry ``startedAt`` and
/// ``latency``, so a span can be built from the event alone; ``attempt`` is then the number of attempts
/// the call made. Events are delivered synchronously on the task that caused them.
public struct AlipayPlusEvent: Sendable, CustomStringConvertible {
    /// What happened.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// The kind's name, such as `requestFinished`.
        public let name: String

        /// A call to Alipay+ started.
        public static let requestStarted = Kind(name: "requestStarted")
        /// One attempt failed and another may follow.
        public static let attemptFailed = Kind(name: "attemptFailed")
        /// A verified response arrived (its result may still be `F` or `U`).
        public static let requestFinished = Kind(name: "requestFinished")
        /// A call ended with an ``AlipayPlusError``.
        public static let requestFailed = Kind(name: "requestFailed")
        /// A verified answer names another payment or refund than its request, or is outside the
        /// ``AlipayPlusClient/Configuration-swift.struct/responseTimeSkew`` window: not believed (the payment flow inquires again).
        public static let answerMismatch = Kind(name: "answerMismatch")
        /// A configuration or protocol warning.
        public static let warning = Kind(name: "warning")
        /// A wallet was bound to a merchant user.
        public static let bindingCompleted = Kind(name: "bindingCompleted")
        /// A binding's token was refreshed.
        public static let tokenRefreshed = Kind(name: "tokenRefreshed")
        /// A binding can no longer be charged until the user authorizes again.
        public static let bindingNeedsReauthorization = Kind(name: "bindingNeedsReauthorization")
        /// A binding was removed (merchant unbind or wallet-side cancellation).
        public static let bindingRemoved = Kind(name: "bindingRemoved")
        /// A charge's intent was stored and its pay request is about to be sent.
        public static let paymentStarted = Kind(name: "paymentStarted")
        /// A payment's outcome is unknown and is being resolved by inquiry.
        public static let paymentPending = Kind(name: "paymentPending")
        /// A payment succeeded.
        public static let paymentSucceeded = Kind(name: "paymentSucceeded")
        /// A payment failed definitively.
        public static let paymentFailed = Kind(name: "paymentFailed")
        /// A payment was closed by cancellation.
        public static let paymentCanceled = Kind(name: "paymentCanceled")
        /// Alipay+ reported something that contradicts the stored payment (a success after a cancel or a
        /// failure, or another amount): the recorded outcome stands; reconcile it with Alipay+.
        public static let paymentConflict = Kind(name: "paymentConflict")
        /// A refund succeeded.
        public static let refundSucceeded = Kind(name: "refundSucceeded")
        /// A refund failed definitively.
        public static let refundFailed = Kind(name: "refundFailed")
        /// A refund's outcome is still unknown; `recover()` resends it with the same id.
        public static let refundPending = Kind(name: "refundPending")
        /// A verified inbound call was applied (or recognised as a duplicate).
        public static let notificationApplied = Kind(name: "notificationApplied")
        /// An inbound call was refused (bad signature, stale time, malformed body).
        public static let notificationRejected = Kind(name: "notificationRejected")
        /// A verified notification disagrees with the stored payment (amount or id): not applied.
        public static let notificationMismatch = Kind(name: "notificationMismatch")

        /// The kind's name.
        public var description: String { name }
    }

    /// What happened.
    public var kind: Kind
    /// The operation or inbound call name, such as `pay` or `notifyPayment`.
    public var operation: String?
    /// The endpoint path.
    public var path: String?
    /// The attempt number (1-based) of an `attemptFailed`; the number of attempts made, for
    /// `requestFinished` and `requestFailed` (more than 1 means the call was retried).
    public var attempt: Int?
    /// The HTTP status of a response.
    public var httpStatus: Int?
    /// `result.resultCode` of a response or notification.
    public var resultCode: ResultCode?
    /// `result.resultStatus` of a response or notification.
    public var resultStatus: ResultStatus?
    /// When the call (outbound or inbound) started, by the configuration's clock.
    public var startedAt: Date?
    /// The call's duration: time from ``startedAt`` to the event.
    public var latency: Duration?
    /// The payment request id concerned.
    public var paymentRequestId: String?
    /// The refund request id concerned.
    public var refundRequestId: String?
    /// The merchant's user id concerned.
    public var merchantUserId: String?
    /// The binding concerned (``BindingRecord/bindingId``), never its token.
    public var bindingId: String?
    /// A short explanation (never containing secrets).
    public var message: String?

    /// Creates an event of `kind`; the other fields are optional.
    public init(
        _ kind: Kind, operation: String? = nil, path: String? = nil, attempt: Int? = nil,
        httpStatus: Int? = nil, resultCode: ResultCode? = nil, resultStatus: ResultStatus? = nil,
        startedAt: Date? = nil, latency: Duration? = nil, paymentRequestId: String? = nil,
        refundRequestId: String? = nil, merchantUserId: String? = nil, bindingId: String? = nil,
        message: String? = nil
    ) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.attempt = attempt
        self.httpStatus = httpStatus
        self.resultCode = resultCode
        self.resultStatus = resultStatus
        self.startedAt = startedAt
        self.latency = latency
        self.paymentRequestId = paymentRequestId
        self.refundRequestId = refundRequestId
        self.merchantUserId = merchantUserId
        self.bindingId = bindingId
        self.message = message
    }

    /// A `key=value` log line (one line: the message is ``singleLineMessage``).
    public var description: String {
        var fields = ["event=\(kind)"]
        if let operation { fields.append("operation=\(operation)") }
        if let path { fields.append("path=\(path)") }
        if let attempt { fields.append("attempt=\(attempt)") }
        if let httpStatus { fields.append("httpStatus=\(httpStatus)") }
        if let resultCode { fields.append("resultCode=\(resultCode.rawValue)") }
        if let resultStatus { fields.append("resultStatus=\(resultStatus)") }
        if let latency { fields.append("latencyMs=\(latency.milliseconds)") }
        if let paymentRequestId { fields.append("paymentRequestId=\(paymentRequestId)") }
        if let refundRequestId { fields.append("refundRequestId=\(refundRequestId)") }
        if let merchantUserId { fields.append("merchantUserId=\(merchantUserId)") }
        if let bindingId { fields.append("bindingId=\(bindingId)") }
        if let message = singleLineMessage { fields.append("message=\"\(message)\"") }
        return fields.joined(separator: " ")
    }
}
