extension AlipayPlusSimulator.Configuration {
    /// The merchant endpoints the simulator posts its notifications to.
    public struct NotificationPaths: Sendable, Hashable {
        /// Where notifyPayment goes (a pay's `paymentNotifyUrl` path wins when it has one).
        public var notifyPayment: String
        /// Where authNotify goes.
        public var authNotify: String
        /// Where consultUnbinding goes.
        public var consultUnbinding: String

        /// Creates the paths; the defaults mount everything under `/alipayplus/`.
        public init(
            notifyPayment: String = "/alipayplus/notifyPayment",
            authNotify: String = "/alipayplus/authNotify",
            consultUnbinding: String = "/alipayplus/consultUnbinding"
        ) {
            self.notifyPayment = notifyPayment
            self.authNotify = authNotify
            self.consultUnbinding = consultUnbinding
        }
    }
}
