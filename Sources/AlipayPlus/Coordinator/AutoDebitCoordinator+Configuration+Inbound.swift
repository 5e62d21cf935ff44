extension AutoDebitCoordinator.Configuration {
    /// What calls from Alipay+ (notifyPayment, authNotify, consultUnbinding) are accepted, and how fast
    /// they are answered.
    public struct Inbound: Sendable {
        /// The largest inbound body accepted; larger bodies are refused with HTTP 413 (default 1 MiB).
        public var bodyLimit: Int
        /// An inbound call whose `Request-Time` is further than this from now (either way) is refused with
        /// 401: a replay or a wrong clock. Default 5 minutes, which covers clock skew and Alipay+'s retry of
        /// one delivery (whether a redelivery carries a new `Request-Time` is not documented: a refused
        /// one changes nothing, and the payment is still settled by inquiry). `nil` turns the check off.
        public var timeWindow: Duration?
        /// How long an inbound answer may wait for slow work (Alipay+ gives up after 5 s): an `AUTHCODE_CREATED`
        /// binding completes in the background past it, and a slow unbinding policy answers "allow".
        public var answerBudget: Duration
        /// Answers consultUnbinding: whether a wallet-side unbinding is allowed (default: allow).
        public var unbindingPolicy: @Sendable (UnbindingConsultation) async -> Bool

        /// Creates inbound limits.
        ///
        /// - Parameters:
        ///   - bodyLimit: The largest body accepted, in bytes (1 MiB).
        ///   - timeWindow: How far a `Request-Time` may be from now (5 minutes); `nil` turns the check off.
        ///   - answerBudget: How long an answer may wait for slow work (4 s).
        ///   - unbindingPolicy: Whether a wallet-side unbinding is allowed (default: allow).
        public init(
            bodyLimit: Int = 1 << 20,
            timeWindow: Duration? = .seconds(300),
            answerBudget: Duration = .seconds(4),
            unbindingPolicy: @escaping @Sendable (UnbindingConsultation) async -> Bool = { _ in true }
        ) {
            self.bodyLimit = bodyLimit
            self.timeWindow = timeWindow
            self.answerBudget = answerBudget
            self.unbindingPolicy = unbindingPolicy
        }
    }
}
