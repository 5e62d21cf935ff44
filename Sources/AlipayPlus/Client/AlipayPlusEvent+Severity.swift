extension AlipayPlusEvent {
    /// How much an event matters to an operator, from routine detail to a fault to act on.
    ///
    /// The levels follow swift-log's (`debug` < `info` < `notice` < `warning` < `error`), so a log sink
    /// maps them one to one. Each event's severity follows from its kind alone (``Kind/severity``): the
    /// rule is one table, the same for every sink.
    public enum Severity: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
        /// Routine detail of every call (a call started or answered).
        case debug
        /// A normal business step (a binding, a charge's outcome, an applied notification).
        case info
        /// Worth noticing, handled by the library (a retry, an outcome still unknown, a declined charge).
        case notice
        /// Needs a look if it repeats (a failed call, a refused notification, a configuration warning).
        case warning
        /// Something is wrong and needs someone: an answer or notification that contradicts the records.
        case error

        /// The level's name, such as `warning`.
        public var description: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .notice: "notice"
            case .warning: "warning"
            case .error: "error"
            }
        }

        /// Orders the levels from `debug` to `error`.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// How much this event matters: ``Kind/severity`` of its kind.
    public var severity: Severity { kind.severity }
}

extension AlipayPlusEvent.Kind {
    /// How much an event of this kind matters.
    ///
    /// Calls that go as planned are `debug`; business steps are `info`; what the library handles on its
    /// own (a retry, an unknown outcome being resolved, a declined charge or refund) is `notice`; what
    /// failed or was refused is `warning`; what contradicts the records (a signed answer or a verified
    /// notification about another payment, a success after a cancel) is `error`.
    public var severity: AlipayPlusEvent.Severity {
        switch self {
        case .requestStarted, .requestFinished:
            .debug
        case .bindingCompleted, .tokenRefreshed, .bindingRemoved, .paymentStarted, .paymentSucceeded,
             .refundSucceeded, .notificationApplied:
            .info
        case .attemptFailed, .paymentPending, .paymentFailed, .paymentCanceled, .refundFailed, .refundPending,
             .bindingNeedsReauthorization:
            .notice
        case .requestFailed, .warning, .notificationRejected:
            .warning
        case .answerMismatch, .paymentConflict, .notificationMismatch:
            .error
        default:
            .info
        }
    }
}
