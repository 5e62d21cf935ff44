import AlipayPlusModels
import Foundation

/// Runs the Auto Debit flows a merchant embeds: binding, token upkeep, charges that always reach a
/// final answer, refunds, cancels, inbound notifications and crash recovery.
///
/// Every intent is persisted before its request is sent; every unknown outcome is resolved by
/// inquiry and cancellation; every notification is applied once. Create one coordinator per process
/// over one store, keep ``run()`` running for the life of the process (it recovers at start-up and owns
/// all background work; cancel it to shut down), and route Alipay+'s inbound calls to
/// ``handleInbound(_:)``.
///
/// ```swift
/// let coordinator = try AutoDebitCoordinator(client: client, store: try LocalAutoDebitStore(directory: dir, keyRing: TokenKeyRing(environmentVariable: "ALIPAYPLUS_TOKEN_KEYS")),
///                                        configuration: autoDebitConfiguration)
/// _ = try await coordinator.recover()                                  // or let run() do it
/// let start = try await coordinator.beginBinding(for: "user-42")        // send the user to start.walletPageURL
/// let binding = try await coordinator.completeBinding(redirectURL: url) // on the authRedirectUrl
/// let outcome = try await coordinator.charge(ChargeRequest(merchantUserId: "user-42", amount: amount,
///                                                         referenceOrderId: "order-1", orderDescription: "Plan"))
/// ```
public final class AutoDebitCoordinator: Sendable {
    /// The client that signs and sends every call.
    public let client: AlipayPlusClient
    /// Where bindings, payments, refunds and processed notifications are kept.
    public let store: any AutoDebitStore
    /// Merchant facts and timing rules.
    public let configuration: Configuration

    let refreshFlights = SingleFlight<BindingRecord>()
    let bindingFlights = SingleFlight<BindingRecord>()
    let resolutionFlights = SingleFlight<ChargeOutcome>()
    let chargeGate: AdmissionGate
    /// The jobs ``run()`` owns: background resolutions, late binding completions, slow policies.
    let background = BackgroundWork()
    let localLeases = LocalLeaseGate()

    /// Creates a coordinator.
    ///
    /// - Throws: ``AutoDebitError/Code-swift.struct/invalidConfiguration`` when the client's overall
    ///   timeout (``AlipayPlusClient/Configuration-swift.struct/timeouts``) is not shorter than
    ///   ``AutoDebitCoordinator/Configuration-swift.struct/Resolution-swift.struct/inquiryWindow``: recovery could then cancel a pay the client is still
    ///   retrying; and when ``AutoDebitCoordinator/Configuration-swift.struct/Coordination-swift.struct/leaseTTL`` is shorter than that timeout.
    public init(client: AlipayPlusClient, store: any AutoDebitStore, configuration: Configuration) throws {
        let overall = client.configuration.timeouts.overall
        guard overall < configuration.resolution.inquiryWindow else {
            throw AutoDebitError(
                code: .invalidConfiguration,
                message: "the client's overall timeout (\(overall)) must be shorter than the coordinator's "
                    + "resolution.inquiryWindow (\(configuration.resolution.inquiryWindow)): otherwise recovery can cancel "
                    + "a pay that is still being retried. Lower timeouts.overall or raise resolution.inquiryWindow"
            )
        }
        guard configuration.coordination.leaseTTL >= overall else {
            throw AutoDebitError(
                code: .invalidConfiguration,
                message: "the coordinator's coordination.leaseTTL (\(configuration.coordination.leaseTTL)) must be at least "
                    + "the client's overall timeout (\(overall)): otherwise a payment's lease can lapse while its pay is "
                    + "still on its way. "
                    + "Raise coordination.leaseTTL or lower timeouts.overall"
            )
        }
        self.client = client
        self.store = store
        self.configuration = configuration
        chargeGate = AdmissionGate(limit: configuration.coordination.maximumConcurrentCharges)
    }

    var clock: any AlipayPlusClock { client.configuration.clock }

    func emit(_ event: AlipayPlusEvent) {
        client.emit(event)
    }

    func emit(_ kind: AlipayPlusEvent.Kind, payment: PaymentRecord, message: String? = nil) {
        emit(AlipayPlusEvent(
            kind, resultCode: payment.failureCode, paymentRequestId: payment.paymentRequestId,
            merchantUserId: payment.merchantUserId, bindingId: payment.bindingId, message: message
        ))
    }

    /// A new request id: a prefix, the time and 16 random hex digits (at most 40 characters).
    func newRequestId(prefix: String) -> String {
        let seconds = Int64(clock.now.timeIntervalSince1970)
        return "\(prefix)\(seconds)\(RandomToken.hex(byteCount: 8))"
    }
}

/// Unguessable values from the system's cryptographic random source.
enum RandomToken {
    /// `byteCount` random bytes as lowercase hex, drawn eight at a time (one draw from the system's
    /// source per 64 bits, not one per byte).
    static func hex(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCount) { bytes in
            var word: UInt64 = 0
            for index in 0..<byteCount {
                if index % 8 == 0 { word = generator.next() }
                bytes[index] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8)))
            }
            return LowercaseHex.string(UnsafeRawBufferPointer(bytes))
        }
    }
}
