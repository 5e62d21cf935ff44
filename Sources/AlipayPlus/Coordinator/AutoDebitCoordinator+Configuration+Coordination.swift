public import Foundation

extension AutoDebitCoordinator.Configuration {
    /// How this coordinator shares work with other instances over one store (its name, its leases), and
    /// runs work in the background (the recovery loop, the number of charges at once).
    public struct Coordination: Sendable, Hashable {
        /// This coordinator's name among every instance that shares the store (default: a random id):
        /// the owner of the leases it takes. Give each process (or each coordinator in one process) its
        /// own; a stable name such as the host and process makes the store's leases readable.
        public var instanceId: String
        /// How long a lease (token refresh per binding, auth-code exchange per `authState`, resolution per
        /// payment, sending per refund) stays held without renewal (default 30 s). A payment's lease is
        /// renewed on every step of its resolution; when its holder stops, another instance takes the
        /// work over once the lease lapses. Keep it at least the client's overall timeout.
        public var leaseTTL: Duration
        /// How often an instance that waits for another instance's lease reads the store again to see
        /// whether the holder's result has landed or the lease can be taken (default 100 ms).
        public var leasePollInterval: Duration
        /// How often ``AutoDebitCoordinator/run()`` calls ``AutoDebitCoordinator/recover()`` (default 60 s;
        /// the first recovery starts with `run()`), so a long-running process also finishes cancels and
        /// refunds that stayed unresolved. `nil` runs no recovery loop: call `recover()` yourself.
        public var recoveryInterval: Duration?
        /// How many ``AutoDebitCoordinator/charge(_:waitForFinalOutcome:)`` calls run at once (default 128);
        /// further calls wait their turn in order. Bounds memory under bursts: a running charge holds
        /// about 30 KB, a waiting one a few hundred bytes.
        public var maximumConcurrentCharges: Int

        /// Creates coordination settings.
        ///
        /// - Parameters:
        ///   - instanceId: This instance's name, the owner of its leases (default: a random id).
        ///   - leaseTTL: How long a lease stays held without renewal (30 s).
        ///   - leasePollInterval: How often a wait for another instance's lease reads the store (100 ms).
        ///   - recoveryInterval: How often `run()` recovers unfinished work (60 s); `nil`: never.
        ///   - maximumConcurrentCharges: How many charges run at once (128).
        public init(
            instanceId: String = "instance-" + UUID().uuidString.lowercased(),
            leaseTTL: Duration = .seconds(30),
            leasePollInterval: Duration = .milliseconds(100),
            recoveryInterval: Duration? = .seconds(60),
            maximumConcurrentCharges: Int = 128
        ) {
            self.instanceId = instanceId
            self.leaseTTL = leaseTTL
            self.leasePollInterval = leasePollInterval
            self.recoveryInterval = recoveryInterval
            self.maximumConcurrentCharges = maximumConcurrentCharges
        }
    }
}
