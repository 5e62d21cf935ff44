import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

// docs: ChargesThatAlwaysEnd
/// The code of the "Charges that always end" DocC article (checked by .ci/docs.sh).
final class ChargesThatAlwaysEndArticleTests: XCTestCase {
    func testEveryChargeOutcomeIsFinalAndTheSameIdNeverPaysTwice() async throws {
        let shop = try await ArticleShop.withBoundUser()
        let coordinator = shop.coordinator
        await shop.simulator.scriptNextPay(.unknown(then: .succeed, afterInquiries: 3))
        var shipped: [String] = []
        var told: [String] = []

        let request = ChargeRequest(merchantUserId: "user-42", amount: Amount(currency: "HKD", minorUnits: 599),
                                    referenceOrderId: "order-7", orderDescription: "Plan",
                                    paymentRequestId: "PAY-order-7")   // stored with the order first
        let outcome = try await coordinator.charge(request)
        switch outcome {
        case .succeeded(let payment): shipped.append(payment.referenceOrderId)
        case .failed(let code, _): told.append("not charged: \(code)")
        case .canceled: told.append("not charged")
        case .needsReauthorization: told.append("bind your wallet again")
        case .pending: break  // only with waitForFinalOutcome: false
        }

        // After a crash or a timeout on your side, the same request resumes: never a second pay.
        let again = try await coordinator.charge(request)
        XCTAssertEqual(again, outcome)

        XCTAssertEqual(shipped, ["order-7"])
        XCTAssertEqual(told, [])
        let ledger = await shop.simulator.ledger
        XCTAssertEqual(ledger.payment("PAY-order-7")?.chargeCount, 1)
    }

    func testAChargeThatIsNotWaitedForEndsInTheBackgroundUnderRun() async throws {
        let shop = try await ArticleShop.withBoundUser()
        let coordinator = shop.coordinator
        await shop.simulator.scriptNextPay(.neverResolves)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await coordinator.run() }
            await coordinator.untilRunning()

            let pending = try await coordinator.charge(
                ArticleShop.chargeRequest(order: "order-8", paymentRequestId: "PAY-order-8"),
                waitForFinalOutcome: false)               // .pending: run() resolves it
            await coordinator.untilBackgroundWorkIsDone()
            let final = try await coordinator.resolvePayment(paymentRequestId: "PAY-order-8")

            guard case .pending = pending, case .canceled = final else { return XCTFail("\(pending) \(final)") }
            group.cancelAll()
        }
    }
}
