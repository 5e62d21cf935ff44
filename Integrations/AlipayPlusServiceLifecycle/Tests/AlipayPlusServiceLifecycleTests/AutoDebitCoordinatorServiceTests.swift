import AlipayPlus
import AlipayPlusServiceLifecycle
import AlipayPlusTesting
import Foundation
import Logging
import ServiceLifecycle
import XCTest

/// The coordinator under a `ServiceGroup`: started by the group, stopped by a signal, nothing left behind.
final class AutoDebitCoordinatorServiceTests: XCTestCase {
    func testASignalShutsTheCoordinatorDownWithNoTaskLeftBehindAndItsWorkHandedBack() async throws {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
        let hold = InquiryHold(inFrontOf: simulator)
        let events = EventLog()
        let client = try simulator.merchantClient(transport: hold, eventHandler: { events.record($0) })
        let store = LocalAutoDebitStore()
        let coordinator = try AutoDebitCoordinator(client: client, store: store, configuration: AutoDebitCoordinator.Configuration(
            authClientId: "M0001", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
            merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd", merchantAddress: Address(region: "HK")),
            settlementCurrency: "HKD",
            coordination: .init(recoveryInterval: nil)))
        let start = try await coordinator.beginBinding(for: "user-1")
        _ = try await coordinator.completeBinding(
            redirectURL: try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK))

        // A charge whose outcome is unknown: its resolution is queued for run(), which is not running yet.
        await simulator.scriptNextPay(.unknown(then: .succeed, afterInquiries: 1))
        let outcome = try await coordinator.charge(charge("PAY-1"), waitForFinalOutcome: false)
        guard case .pending = outcome else { return XCTFail("expected pending, got \(outcome)") }
        let notRunning = "waits for the coordinator's run(), which is not running"
        XCTAssertEqual(events.warnings(containing: notRunning), 1)

        let group = ServiceGroup(configuration: .init(
            services: [AutoDebitCoordinatorService(coordinator)],
            gracefulShutdownSignals: [.sigusr2],
            logger: Logger(label: "test")
        ))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // The group started run(), which took the queued resolution: its inquiry is held now.
            // (The group traps its signals before it starts its services.)
            await hold.untilAnInquiryIsHeld()
            kill(getpid(), SIGUSR2)
            try await tasks.next()   // the group returned
        }

        // The interrupted resolution left its payment unfinished for the next recover(), never failed.
        let interrupted = try await store.payment(requestId: "PAY-1")
        XCTAssertEqual(interrupted?.state, .pending)
        XCTAssertEqual(events.warnings(containing: "shutdown interrupted the resolution"), 1)
        // The coordinator is not running any more: new background work waits for the next run().
        await simulator.scriptNextPay(.unknown(then: .succeed, afterInquiries: 1))
        _ = try await coordinator.charge(charge("PAY-2"), waitForFinalOutcome: false)
        XCTAssertEqual(events.warnings(containing: notRunning), 2)
        // Handed back, not lost: the next recovery resolves both.
        hold.stopHolding()
        let report = try await coordinator.recover()
        XCTAssertEqual(report.resolvedPayments["PAY-1"], .succeeded)
        XCTAssertEqual(report.resolvedPayments["PAY-2"], .succeeded)
    }

    private func charge(_ id: String) -> ChargeRequest {
        ChargeRequest(merchantUserId: "user-1", amount: Amount(currency: "HKD", minorUnits: 599),
                      referenceOrderId: "ORDER-\(id)", orderDescription: "Monthly plan", paymentRequestId: id)
    }
}
