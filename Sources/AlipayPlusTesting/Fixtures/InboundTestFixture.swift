public import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import Foundation

/// A coordinator over ``AlipayPlusSimulator`` with the test keys, a virtual clock and an in-memory
/// store, for testing what sits around the library: an HTTP integration that mounts the inbound
/// endpoints, an event sink, a server's wiring.
///
/// ```swift
/// let fixture = try InboundTestFixture()
/// try await fixture.bind()
/// _ = try await fixture.coordinator.charge(InboundTestFixture.charge("PAY-1"), waitForFinalOutcome: false)
/// let forged = try fixture.forgedPaymentSuccess(of: "PAY-1")   // must be refused with 401
/// ```
///
/// The coordinator has no recovery loop (a virtual clock would spin it); run `AutoDebitCoordinator/run()`
/// yourself when the test needs background work.
public struct InboundTestFixture: Sendable {
    /// The user every binding and charge of the fixture is for.
    public static let user = "user-1"

    /// The clock the simulator, the client and the coordinator share.
    public let clock: VirtualClock
    /// The simulated Alipay+ the coordinator talks to.
    public let simulator: AlipayPlusSimulator
    /// The coordinator's store.
    public let store: LocalAutoDebitStore
    /// The coordinator under test.
    public let coordinator: AutoDebitCoordinator

    /// Wires a simulator, a client and a coordinator together.
    ///
    /// - Parameter inboundBodyLimit: the coordinator's `AutoDebitCoordinator.Configuration.Inbound.bodyLimit`.
    /// - Throws: a configuration error from the client or the coordinator (none with the defaults).
    public init(inboundBodyLimit: Int = 1 << 20) throws {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
        let client = try simulator.merchantClient()
        let store = LocalAutoDebitStore()
        self.clock = clock
        self.simulator = simulator
        self.store = store
        self.coordinator = try AutoDebitCoordinator(client: client, store: store, configuration: AutoDebitCoordinator.Configuration(
            authClientId: "M0001", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
            merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd", merchantAddress: Address(region: "HK")),
            settlementCurrency: "HKD",
            inbound: .init(bodyLimit: inboundBodyLimit),
            coordination: .init(recoveryInterval: nil)))
    }

    /// Binds ``user``'s wallet through the coordinator and the simulated wallet page.
    ///
    /// - Throws: whatever `AutoDebitCoordinator/beginBinding(for:)` or
    ///   `AutoDebitCoordinator/completeBinding(redirectURL:)` throws.
    public func bind() async throws {
        let start = try await coordinator.beginBinding(for: Self.user)
        _ = try await coordinator.completeBinding(
            redirectURL: try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK))
    }

    /// A charge of HKD 5.99 for ``user`` with payment request id `id` (and order `ORDER-<id>`).
    public static func charge(_ id: String) -> ChargeRequest {
        ChargeRequest(merchantUserId: user, amount: Amount(currency: "HKD", minorUnits: 599),
                      referenceOrderId: "ORDER-\(id)", orderDescription: "Monthly plan", paymentRequestId: id)
    }

    /// A notifyPayment saying payment `id` succeeded, signed by Alipay+, with a body laid out the way
    /// no JSON encoder here writes it (spaces, key order, an escaped character): it verifies only if an
    /// integration passes the exact bytes through.
    ///
    /// - Throws: a `SigningError` (not with the test keys).
    public func oddlyFormattedPaymentSuccess(of id: String) throws -> InboundRequest {
        let body = Data("""
        { "paymentResult" : {"resultStatus":"S", "resultCode":"SUCCESS","resultMessage":"succ\\u00e8s"},
          "paymentAmount": { "value" : "599", "currency":"HKD" },  "paymentRequestId" : "\(id)", "paymentId":"AP-ODD" }
        """.utf8)
        return try notifyPayment(body, signedBy: simulator.configuration.alipayPlusPrivateKey)
    }

    /// A notifyPayment saying payment `id` succeeded, signed with the merchant's key instead of
    /// Alipay+'s: well formed, but not from Alipay+, so it must be refused (401) and change nothing.
    ///
    /// - Throws: a `SigningError` (not with the test keys).
    public func forgedPaymentSuccess(of id: String) throws -> InboundRequest {
        let body = Data("""
        {"paymentRequestId":"\(id)","paymentId":"AP-FORGED","paymentAmount":{"currency":"HKD","value":"599"},\
        "paymentResult":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}
        """.utf8)
        return try notifyPayment(body, signedBy: TestKeys.merchantPrivateKey)
    }

    /// A notifyPayment call carrying `body`, signed with `key` at the clock's time.
    private func notifyPayment(_ body: Data, signedBy key: RSAPrivateKey) throws -> InboundRequest {
        let path = "/alipayplus/notifyPayment"
        let clock = self.clock
        let signer = MessageSigner(clientId: TestKeys.merchantClientId, privateKey: key, now: { clock.now })
        let signed = try signer.sign(path: path, body: body)
        return InboundRequest(path: path, headers: HTTPHeaders(signed: signed), body: body)
    }
}
