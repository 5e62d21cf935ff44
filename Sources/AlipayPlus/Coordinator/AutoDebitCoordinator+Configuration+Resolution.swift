extension AutoDebitCoordinator.Configuration {
    /// How a payment whose outcome is unknown is settled: inquiries, then cancels (the spec's timings by default).
    public struct Resolution: Sendable, Hashable {
        /// The wait between two inquiries of a payment whose outcome is unknown (the spec says 3 s).
        public var inquiryInterval: Duration
        /// How long to inquire before cancelling (the spec says 60 s); also how long after the intent was
        /// stored a pay may still arrive.
        public var inquiryWindow: Duration
        /// How many cancel attempts a resolution makes before leaving the payment to
        /// ``AutoDebitCoordinator/recover()`` (at least one is made).
        public var cancelAttempts: Int
        /// The wait between two cancel attempts.
        public var cancelRetryDelay: Duration

        /// Creates resolution timings; the defaults are the spec's.
        ///
        /// - Parameters:
        ///   - inquiryInterval: The wait between two inquiries (3 s).
        ///   - inquiryWindow: How long to inquire before cancelling (60 s).
        ///   - cancelAttempts: Cancel attempts before the payment is left to recovery (10).
        ///   - cancelRetryDelay: The wait between two cancel attempts (3 s).
        public init(
            inquiryInterval: Duration = .seconds(3),
            inquiryWindow: Duration = .seconds(60),
            cancelAttempts: Int = 10,
            cancelRetryDelay: Duration = .seconds(3)
        ) {
            self.inquiryInterval = inquiryInterval
            self.inquiryWindow = inquiryWindow
            self.cancelAttempts = cancelAttempts
            self.cancelRetryDelay = cancelRetryDelay
        }
    }
}
