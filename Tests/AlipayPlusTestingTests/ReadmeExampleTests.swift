import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation
import XCTest

/// The README's example, verbatim, so it keeps compiling and passing.
final class ReadmeExampleTests: XCTestCase {
    func testChargeThatStaysUnknownIsCancelled() async throws {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try SimulatorConfiguration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
        let client = AlipayPlusClient(configuration: try AlipayPlusConfiguration(
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(simulator.alipayPlusPublicKey),
            environment: .custom(AlipayPlusSimulator.baseURL), clock: clock), transport: simulator)
        let coordinator = try AutoDebitCoordinator(client: client, store: LocalAutoDebitStore(),
            configuration: AutoDebitConfiguration(
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
}
