extension AlipayPlusClient.Configuration {
    /// Per-attempt and overall time limits for one call.
    public struct Timeouts: Sendable, Hashable {
        /// The limit for one attempt; `nil` uses each operation's documented value (8 s for pay, refund and
        /// cancelPayment, 5 s for the others).
        public var perAttempt: Duration?

        /// The limit for the whole call, retries and waits included.
        public var overall: Duration

        /// Creates time limits.
        public init(perAttempt: Duration? = nil, overall: Duration = .seconds(30)) {
            self.perAttempt = perAttempt
            self.overall = overall
        }
    }
}
