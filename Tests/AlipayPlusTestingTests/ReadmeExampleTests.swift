import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation
import XCTest

// docs: GettingStarted
// docs: TestingWithTheSimulator
/// The README's and the guides' examples, verbatim, so they keep compiling and passing; the DocC
/// articles named above take code blocks from here (checked by .ci/docs.sh).
final class ReadmeExampleTests: XCTestCase {
    /// The README's durable store set-up ("Binding, charging and notifications"), with the key ring
    /// read from an environment dictionary instead of the process's.
    func testTheDurableStoreExampleOpensWithAKeyRingFromTheEnvironment() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readme-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["ALIPAYPLUS_TOKEN_KEYS": "k1:" + Data(repeating: 7, count: 32).base64EncodedString()]
        let keyRing = try TokenKeyRing(environmentVariable: "ALIPAYPLUS_TOKEN_KEYS", in: environment)
        let store = try LocalAutoDebitStore(directory: folder, keyRing: keyRing)
        let report = try await store.rotate()
        XCTAssertTrue(report.isComplete)
        await store.close()
    }

    func testChargeThatStaysUnknownIsCancelled() async throws {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
        let client = AlipayPlusClient(configuration: try AlipayPlusClient.Configuration(
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(simulator.alipayPlusPublicKey),
            environment: .custom(AlipayPlusSimulator.baseURL), clock: clock), transport: simulator)
        let coordinator = try AutoDebitCoordinator(client: client, store: LocalAutoDebitStore(),
            configuration: AutoDebitCoordinator.Configuration(
                authClientId: "M0001", authClientName: "Demo Ltd",
                authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
                merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd",
                                   merchantAddress: Address(region: "HK")),
                settlementCurrency: "HKD"))

        // The user binds: the simulator plays the wallet page.
        let start = try await coordinator.beginBinding(for: "user-1")
        let redirect = try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK)
        _ = try await coordinator.completeBinding(redirectURL: redirect)

        // Script the wallet, then charge.
        await simulator.scriptNextPay(.neverResolves)
        let outcome = try await coordinator.charge(ChargeRequest(
            merchantUserId: "user-1", amount: Amount(currency: "HKD", minorUnits: 599),
            referenceOrderId: "ORDER-1", orderDescription: "Monthly plan", paymentRequestId: "PAY-1"))
        guard case .canceled = outcome else { return XCTFail("\(outcome)") }

        // Notifications reach your inbound handler, signed; the ledger tells what Alipay+ booked.
        let deliveries = await simulator.deliverNotifications(to: { await coordinator.handleInbound($0) })
        XCTAssertTrue(deliveries.allSatisfy(\.acknowledged))
        let ledger = await simulator.ledger
        XCTAssertEqual(ledger.payment("PAY-1")?.chargeCount, 0)
        let violations = await simulator.assertInvariants()   // no double charge, refunds within amounts
        XCTAssertEqual(violations, [])
    }

    /// The README's lifecycle example: run() next to the server, shut down by cancellation.
    func testTheCoordinatorRunsNextToTheServerAndShutsDownByCancellation() async throws {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
        let client = try simulator.merchantClient()
        let coordinator = try AutoDebitCoordinator(client: client, store: LocalAutoDebitStore(),
            configuration: AutoDebitCoordinator.Configuration(
                authClientId: "M0001", authClientName: "Demo Ltd",
                authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
                merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd",
                                   merchantAddress: Address(region: "HK")),
                settlementCurrency: "HKD",
                coordination: .init(recoveryInterval: nil)))  // a virtual clock would spin a recovery loop
        let server = ReadmeServer(coordinator: coordinator, simulator: simulator)

        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await coordinator.run() }  // recovery, background resolutions, late binding completions
            try await server.run()                         // your HTTP server, calling coordinator.handleInbound
            group.cancelAll()                              // shutdown: run() returns once its in-flight work has ended
        }
        let ledger = await simulator.ledger
        XCTAssertEqual(ledger.payment("PAY-1")?.chargeCount, 1)
    }
}

/// Stands in for the merchant's server in the lifecycle example: binds, charges without waiting, and
/// waits for the coordinator's background work.
private struct ReadmeServer {
    let coordinator: AutoDebitCoordinator
    let simulator: AlipayPlusSimulator

    func run() async throws {
        await coordinator.untilRunning()
        let start = try await coordinator.beginBinding(for: "user-1")
        let redirect = try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK)
        _ = try await coordinator.completeBinding(redirectURL: redirect)
        _ = try await coordinator.charge(ChargeRequest(
            merchantUserId: "user-1", amount: Amount(currency: "HKD", minorUnits: 599),
            referenceOrderId: "ORDER-1", orderDescription: "Monthly plan", paymentRequestId: "PAY-1"),
            waitForFinalOutcome: false)
        await coordinator.untilBackgroundWorkIsDone()
    }
}
