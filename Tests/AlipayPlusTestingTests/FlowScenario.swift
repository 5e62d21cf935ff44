import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// Events seen by a scenario's client, for assertions that hold in live and replay runs alike.
final class ScenarioEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [AlipayPlusEvent] = []

    func append(_ event: AlipayPlusEvent) { lock.withLock { events.append(event) } }

    /// The operations of finished (verified) calls, in order.
    var finishedOperations: [String] {
        lock.withLock { events.filter { $0.kind == .requestFinished }.compactMap(\.operation) }
    }

    func count(_ kind: AlipayPlusEvent.Kind) -> Int { lock.withLock { events.filter { $0.kind == kind }.count } }
}

/// What one scenario run gets: the real client and coordinator, and (live only) the simulator.
///
/// The scenario body is the same for both runs. Everything that only the simulator can do (play the
/// user, script the wallet, show the ledger) goes through the helpers here, which do nothing in a
/// replay: the cassette already holds the answers those actions produced.
struct ScenarioContext {
    let client: AlipayPlusClient
    let coordinator: AutoDebitCoordinator
    let clock: VirtualClock
    let events: ScenarioEvents
    /// The simulator in a live run; `nil` when replaying a cassette.
    let simulator: AlipayPlusSimulator?

    static let user = "user-1"
    static let accessTokenLifetime: Duration = .seconds(3600)

    static func coordinatorConfiguration() -> AutoDebitCoordinator.Configuration {
        AutoDebitCoordinator.Configuration(
            authClientId: Harness.authClientId, authClientName: "Demo Ltd",
            authRedirectURL: URL(string: Harness.redirect)!, merchant: Harness.merchant, settlementCurrency: "HKD"
        )
    }

    static func hkd(_ minor: Int64) -> Amount { Amount(currency: "HKD", minorUnits: minor) }

    /// The user approves on the wallet page: the simulator's redirect live, an equivalent URL in replay
    /// (the auth code is a redacted secret, so any value matches the recorded request).
    func approve(_ start: BindingStart) async throws -> URL {
        if let simulator {
            return try await simulator.approve(walletPageURL: start.walletPageURL)
        }
        var components = try XCTUnwrap(URLComponents(string: Harness.redirect))
        components.queryItems = [URLQueryItem(name: "authCode", value: "replayed-auth-code"),
                                 URLQueryItem(name: "authState", value: start.authState)]
        return try XCTUnwrap(components.url)
    }

    /// Tells the simulated wallet what to do with a pay (nothing to do in replay).
    func script(_ script: PaymentScript, for paymentRequestId: String) async {
        await simulator?.script(script, forPaymentRequestId: paymentRequestId)
    }

    /// Runs ledger assertions in a live run.
    func ledger(_ check: (SimulatorLedger) throws -> Void) async rethrows {
        guard let simulator else { return }
        try check(await simulator.ledger)
        let violations = await simulator.assertInvariants()
        XCTAssertEqual(violations, [])
    }

    /// Binds the scenario's user through the coordinator.
    @discardableResult
    func bind() async throws -> BindingRecord {
        let start = try await coordinator.beginBinding(for: Self.user)
        return try await coordinator.completeBinding(redirectURL: approve(start))
    }

    /// Charges the scenario's user with a fixed paymentRequestId.
    func charge(_ paymentRequestId: String, _ minor: Int64) async throws -> ChargeOutcome {
        try await coordinator.charge(ChargeRequest(
            merchantUserId: Self.user, amount: Self.hkd(minor), referenceOrderId: "ORDER-" + paymentRequestId,
            orderDescription: "Monthly plan", paymentRequestId: paymentRequestId
        ))
    }
}

/// One client or coordinator flow, run live against the simulator and replayed from its cassette.
struct FlowScenario: Sendable {
    let name: String
    let body: @Sendable (ScenarioContext) async throws -> Void

    var cassetteFile: String { "flow-\(name).json" }

    /// Where recording writes the cassette (the source tree, so it can be committed).
    var sourceCassette: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Cassettes").appendingPathComponent(cassetteFile)
    }

    /// The committed cassette, as bundled with the test target.
    var bundledCassette: URL {
        get throws {
            try XCTUnwrap(Bundle.module.url(forResource: "Cassettes/" + cassetteFile, withExtension: nil)
                ?? Bundle.module.url(forResource: cassetteFile, withExtension: nil, subdirectory: "Cassettes"),
                "missing cassette \(cassetteFile): record it with ALIPAYPLUS_RECORD_CASSETTES=1")
        }
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["ALIPAYPLUS_RECORD_CASSETTES"] == "1" }

    private static func client(clock: VirtualClock, alipayPlusKey: RSAPublicKey, events: ScenarioEvents,
                               transport: any HTTPTransport) -> AlipayPlusClient {
        var configuration = Harness.clientConfiguration(clock: clock, alipayPlusKey: alipayPlusKey)
        configuration.eventHandler = { events.append($0) }
        return AlipayPlusClient(configuration: configuration, transport: transport)
    }

    /// Runs against a fresh simulator; records the cassette when `ALIPAYPLUS_RECORD_CASSETTES=1`.
    func runLive() async throws {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: clock,
            accessTokenLifetime: ScenarioContext.accessTokenLifetime
        ))
        var transport: any HTTPTransport = simulator
        if Self.recording {
            try? FileManager.default.removeItem(at: sourceCassette)
            transport = CassetteTransport(recordingTo: sourceCassette, wrapping: simulator,
                                          originalAlipayPlusPublicKey: simulator.alipayPlusPublicKey)
        }
        let events = ScenarioEvents()
        let client = Self.client(clock: clock, alipayPlusKey: simulator.alipayPlusPublicKey, events: events,
                                 transport: transport)
        let coordinator = try AutoDebitCoordinator(client: client, store: LocalAutoDebitStore(),
                                               configuration: ScenarioContext.coordinatorConfiguration())
        try await body(ScenarioContext(client: client, coordinator: coordinator, clock: clock, events: events,
                                       simulator: simulator))
        // Every notification the flow caused reaches the coordinator, verified and acknowledged.
        let deliveries = await simulator.deliverNotifications(to: { await coordinator.handleInbound($0) })
        for delivery in deliveries {
            XCTAssertTrue(delivery.acknowledged, "\(delivery.name): \(delivery.failures)")
        }
    }

    /// Replays the committed cassette with no simulator: the client trusts only the public test key.
    func runReplay() async throws {
        let player = try CassetteTransport(replaying: bundledCassette)
        let clock = VirtualClock()
        let events = ScenarioEvents()
        let client = Self.client(clock: clock, alipayPlusKey: TestKeys.alipayPlusPublicKey, events: events,
                                 transport: player)
        let coordinator = try AutoDebitCoordinator(client: client, store: LocalAutoDebitStore(),
                                               configuration: ScenarioContext.coordinatorConfiguration())
        try await body(ScenarioContext(client: client, coordinator: coordinator, clock: clock, events: events,
                                       simulator: nil))
        try await player.assertAllExchangesUsed()
        let replayed = await player.replayedCount
        XCTAssertGreaterThan(replayed, 0)
    }
}
