import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// The real AutoDebitCoordinator against the simulator: every flow, then the ledger.
final class CoordinatorEndToEndTests: XCTestCase {
    func testBindChargeResolveRefundNotifyUnbind() async throws {
        let harness = try Harness(retryPolicy: .default)
        let coordinator = try AutoDebitCoordinator(
            client: harness.client, store: LocalAutoDebitStore(),
            configuration: AutoDebitCoordinator.Configuration(
                authClientId: Harness.authClientId, authClientName: "Demo Ltd",
                authRedirectURL: URL(string: Harness.redirect)!, merchant: Harness.merchant, settlementCurrency: "HKD"
            )
        )
        let simulator = harness.simulator
        let merchant: AlipayPlusSimulator.MerchantHandler = { await coordinator.handleInbound($0) }

        // Bind.
        let start = try await coordinator.beginBinding(for: "user-1")
        let redirect = try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .gcash)
        let binding = try await coordinator.completeBinding(redirectURL: redirect)
        XCTAssertEqual(binding.wallet?.walletBrandName, "GCash")

        let hkd = { (minor: Int64) in Amount(currency: "HKD", minorUnits: minor) }
        func charge(_ id: String, _ minor: Int64) async throws -> ChargeOutcome {
            try await coordinator.charge(ChargeRequest(
                merchantUserId: "user-1", amount: hkd(minor), referenceOrderId: "ORDER-" + id,
                orderDescription: "Monthly plan", paymentRequestId: id
            ))
        }

        // S at once.
        guard case .succeeded = try await charge("PAY-S", 1000) else { return XCTFail("PAY-S did not succeed") }

        // U, resolved by inquiry.
        await simulator.script(.unknown(then: .succeed, afterInquiries: 2), forPaymentRequestId: "PAY-U")
        guard case .succeeded = try await charge("PAY-U", 500) else { return XCTFail("PAY-U did not succeed") }

        // U that never resolves: cancelled after the inquiry window.
        await simulator.script(.neverResolves, forPaymentRequestId: "PAY-C")
        guard case .canceled = try await charge("PAY-C", 700) else { return XCTFail("PAY-C was not cancelled") }

        // F.
        await simulator.script(.fail(.userBalanceNotEnough), forPaymentRequestId: "PAY-F")
        guard case .failed(let code, _) = try await charge("PAY-F", 300) else { return XCTFail("PAY-F did not fail") }
        XCTAssertEqual(code, .userBalanceNotEnough)

        // Refund.
        let refund = try await coordinator.refund(paymentRequestId: "PAY-S", amount: hkd(200), refundRequestId: "REF-1")
        guard case .succeeded = refund else { return XCTFail("refund did not succeed: \(refund)") }

        // Notifications: every one acknowledged by the coordinator's signed answer.
        let deliveries = await simulator.deliverNotifications(to: merchant)
        XCTAssertFalse(deliveries.isEmpty)
        for delivery in deliveries {
            XCTAssertTrue(delivery.acknowledged, "\(delivery.name) to \(delivery.path): \(delivery.failures)")
        }

        // Unbind, then the TOKEN_CANCELED notification.
        try await coordinator.unbind(bindingId: binding.bindingId)
        let after = await simulator.deliverNotifications(to: merchant)
        XCTAssertEqual(after.map(\.name), ["authNotify"])
        XCTAssertTrue(after.allSatisfy(\.acknowledged), "\(after.map(\.failures))")

        // The ledger.
        let ledger = await simulator.ledger
        XCTAssertEqual(ledger.payment("PAY-S")?.chargeCount, 1)
        XCTAssertEqual(ledger.payment("PAY-S")?.refundedMinorUnits, 200)
        XCTAssertEqual(ledger.payment("PAY-U")?.status, .succeeded)
        XCTAssertEqual(ledger.payment("PAY-U")?.inquiries, 2)
        XCTAssertEqual(ledger.payment("PAY-C")?.status, .cancelled)
        XCTAssertEqual(ledger.payment("PAY-C")?.chargeCount, 0)
        XCTAssertGreaterThanOrEqual(ledger.payment("PAY-C")?.inquiries ?? 0, 1)
        XCTAssertEqual(ledger.payment("PAY-F")?.chargeCount, 0)
        XCTAssertEqual(ledger.payments.map(\.payCalls), [1, 1, 1, 1])
        let violations = await simulator.assertInvariants()
        XCTAssertEqual(violations, [])
        let cancelCalls = await simulator.callCount(path: CancelTokenRequest.path)
        XCTAssertEqual(cancelCalls, 1)
    }
}
