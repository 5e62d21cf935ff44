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
        /// A cancel kept failing; the payment stays `cancelRequested` and `recover()` continues it.
        public static let unresolved = Code(base: .unresolved)
        /// A charge reused a stored `paymentRequestId` with another user or amount; nothing was sent.
        public static let paymentRequestIdReused = Code(base: .paymentRequestIdReused)
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

    /// Creates an error.
    public init(code: Code, message: String, resultCode: ResultCode? = nil) {
        self.code = code
        self.message = message
        self.resultCode = resultCode
    }

    /// `AutoDebitError.<code>: <message>`.
    public var description: String {
        "AutoDebitError.\(code): \(message)" + (resultCode.map { " (resultCode=\($0.rawValue))" } ?? "")
    }
}
