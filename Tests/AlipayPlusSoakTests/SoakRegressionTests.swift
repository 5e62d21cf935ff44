import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// Bugs the soak found, pinned one by one.
final class SoakRegressionTests: XCTestCase {
    struct World {
        let clock = VirtualClock()
        let simulator: AlipayPlusSimulator
        let store: LocalAutoDebitStore
        let coordinator: AutoDebitCoordinator

        init(store: LocalAutoDebitStore = LocalAutoDebitStore()) throws {
            simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
                merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
                alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: clock))
            let client = try simulator.merchantClient(retryPolicy: .none)
            self.store = store
            coordinator = try AutoDebitCoordinator(client: client, store: store, configuration: AutoDebitCoordinator.Configuration(
                authClientId: "M0001", authClientName: "Demo Ltd",
                authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
                merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd", merchantAddress: Address(region: "HK")),
                settlementCurrency: "HKD"))
        }

        func bind(_ user: String = "user-1") async throws -> BindingRecord {
            let start = try await coordinator.beginBinding(for: user)
            let redirect = try await simulator.approve(walletPageURL: start.walletPageURL)
            return try await coordinator.completeBinding(redirectURL: redirect)
        }

        func charge(_ id: String, user: String = "user-1") async throws -> ChargeOutcome {
            try await coordinator.charge(ChargeRequest(
                merchantUserId: user, amount: Amount(currency: "HKD", minorUnits: 599),
                referenceOrderId: "ORDER-" + id, orderDescription: "Plan", paymentRequestId: id))
        }
    }

    /// Soak seed 20260101: a charge retried after EXPIRED_ACCESS_TOKEN, charged again with the same
    /// paymentRequestId (as a merchant does after a crash), started a second retry and paid the order twice.
    func testChargingAgainAfterAnExpiredTokenRetryResumesTheRetry() async throws {
        let world = try World()
        let binding = try await world.bind()
        await world.simulator.expireAccessToken(binding.accessToken.revealed)
        guard case .succeeded(let retried) = try await world.charge("PAY-1") else { return XCTFail("not succeeded") }
        XCTAssertNotEqual(retried.paymentRequestId, "PAY-1")

        guard case .succeeded(let again) = try await world.charge("PAY-1") else { return XCTFail("not succeeded") }
        XCTAssertEqual(again.paymentRequestId, retried.paymentRequestId)
        let ledger = await world.simulator.ledger
        XCTAssertEqual(ledger.payments.map(\.paymentRequestId), ["PAY-1", retried.paymentRequestId])
        XCTAssertEqual(ledger.payments.map(\.chargeCount).reduce(0, +), 1)
        let violations = await world.simulator.assertInvariants()
        XCTAssertEqual(violations, [])
    }
}
