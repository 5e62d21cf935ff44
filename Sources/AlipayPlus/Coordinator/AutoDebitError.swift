public import AlipayPlusModels

/// A flow refused a request or could not finish it.
///
/// Each error names what it concerns and what to do; tokens and auth codes never appear in it.
public struct AutoDebitError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case noActiveBinding, bindingNotFound, unknownAuthState, authStateReused, authorizationNotGranted
            case authorizationFailed, prepareFailed, noWalletPageURL, paymentNotFound, refundNotAllowed
            case refundExceedsRemaining, unbindFailed, unresolved, tokenRefreshFailed, cancelNotAllowed, paymentRequestIdReused
            case refundNotFound, invalidRefundAmount, refundRequestIdReused, orderHasUnfinishedPayment
            case paymentRequestIdNotRetryable, invalidConfiguration, alreadyRunning
        }
        private let base: Base

        /// The user has no chargeable binding: start a binding first.
        public static let noActiveBinding = Code(base: .noActiveBinding)
        /// No binding has that id.
        public static let bindingNotFound = Code(base: .bindingNotFound)
        /// The redirect's `authState` was never issued by this merchant (or was tampered with).
        public static let unknownAuthState = Code(base: .unknownAuthState)
        /// The `authState` was already used with another auth code: a replay.
        public static let authStateReused = Code(base: .authStateReused)
        /// The redirect carries no auth code: the user did not authorize.
        public static let authorizationNotGranted = Code(base: .authorizationNotGranted)
        /// applyToken was declined (for example an expired or used auth code): start the binding again.
        public static let authorizationFailed = Code(base: .authorizationFailed)
        /// prepare was declined.
        public static let prepareFailed = Code(base: .prepareFailed)
        /// prepare succeeded but returned no wallet page URL.
        public static let noWalletPageURL = Code(base: .noWalletPageURL)
        /// No payment has that request id.
        public static let paymentNotFound = Code(base: .paymentNotFound)
        /// The payment cannot be refunded (not succeeded, or another currency).
        public static let refundNotAllowed = Code(base: .refundNotAllowed)
        /// The refund would exceed what is left to refund; nothing was sent.
        public static let refundExceedsRemaining = Code(base: .refundExceedsRemaining)
        /// The payment has refunds, so it cannot be cancelled: refund the rest instead.
        public static let cancelNotAllowed = Code(base: .cancelNotAllowed)
        /// cancelToken was declined.
        public static let unbindFailed = Code(base: .unbindFailed)
        /// A cancel kept failing; the payment stays `cancelRequested` and `recover()` continues it. The
        /// message says what kept failing, and ``AutoDebitError/underlyingError`` carries the last cause.
        public static let unresolved = Code(base: .unresolved)
        /// A charge reused a stored `paymentRequestId` with another user, amount, currency or order (the
        /// message names the field); nothing was sent.
        public static let paymentRequestIdReused = Code(base: .paymentRequestIdReused)
        /// No refund has that request id.
        public static let refundNotFound = Code(base: .refundNotFound)
        /// The refund amount is zero or negative (or not a number of minor units); nothing was stored or sent.
        public static let invalidRefundAmount = Code(base: .invalidRefundAmount)
        /// A refund reused a stored `refundRequestId` with another payment or amount (the message names
        /// the field); nothing was sent.
        public static let refundRequestIdReused = Code(base: .refundRequestIdReused)
        /// The order already has an unfinished payment (the message names it): charge without a request
        /// id to resume it, or wait for its outcome. Nothing was stored or sent.
        public static let orderHasUnfinishedPayment = Code(base: .orderHasUnfinishedPayment)
        /// The `paymentRequestId` leaves no room for the library's `EXPIRED_ACCESS_TOKEN` retry id
        /// (`<id>-R`): it is longer than 62 characters or ends in `-R`. Nothing was stored or sent.
        public static let paymentRequestIdNotRetryable = Code(base: .paymentRequestIdNotRetryable)
        /// The configuration breaks a timing rule (the message names it); raised when the coordinator is created.
        public static let invalidConfiguration = Code(base: .invalidConfiguration)
        /// ``AutoDebitCoordinator/run()`` was called while another `run()` of the same coordinator had not
        /// returned; nothing was started. Run it once, and cancel its task before starting it again.
        public static let alreadyRunning = Code(base: .alreadyRunning)
        /// The token refresh got no usable answer; nothing was charged. Try again later.
        public static let tokenRefreshFailed = Code(base: .tokenRefreshFailed)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// An explanation with the fix.
    public var message: String
    /// Alipay+'s result code, when Alipay+ declined.
    public var resultCode: ResultCode?
    /// The typed cause, when another error led to this one (for example the ``AlipayPlusError`` with
    /// its signature mismatch behind an `unresolved` cancel, or a ``StoreError``).
    public var underlyingError: (any Error)?

    /// Creates an error.
    public init(code: Code, message: String, resultCode: ResultCode? = nil, underlyingError: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.resultCode = resultCode
        self.underlyingError = underlyingError
    }

    /// `AutoDebitError.<code>: <message>`.
    public var description: String {
        "AutoDebitError.\(code): \(message)" + (resultCode.map { " (resultCode=\($0.rawValue))" } ?? "")
    }
}
