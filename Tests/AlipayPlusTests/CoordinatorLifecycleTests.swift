import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

/// `run()` owns the coordinator's background work: what it runs, what a shutdown hands back, and what
/// happens to work submitted while it is not running. Every wait is on a gate or an event, never on time.
final class CoordinatorLifecycleTests: XCTestCase {
    /// A fixture with a binding, a pay whose answer is unknown, and inquiries held at `inquiry`
    /// that then answer `paymentResult`.
    private func fixture(
        inquiry: FlowGate, paymentResult: APIResult = .success,
        configure: (inout AutoDebitCoordinator.Configuration) -> Void = { _ in }
    ) async throws -> FlowFixture {
        let f = await FlowFixture.make(configure: configure)
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        await f.mock.handle("inquiryPayment") { _ in
            try await inquiry.pass()
            return .response(InquiryPaymentResponse(result: .success, paymentResult: paymentResult, paymentId: "AP-N"))
        }
        return f
    }

    private func warnings(_ f: FlowFixture, containing text: String) -> Int {
        f.events.events(.warning).filter { $0.message?.contains(text) == true }.count
    }

    func testAResolutionInterruptedByShutdownLeavesItsPaymentUnfinishedForTheNextRecovery() async throws {
        let inquiry = FlowGate()
        let f = try await fixture(inquiry: inquiry)
        try await f.whileRunning {
            _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-N"), waitForFinalOutcome: false)
            await inquiry.untilReached()
        }  // run() is cancelled with the inquiry still held, and has returned
        let interrupted = try await f.store.payment(requestId: "PAY-N")
        XCTAssertEqual(interrupted?.state, .pending, "a shutdown never fails or cancels a payment")
        let cancels = await f.mock.count("cancelPayment")
        XCTAssertEqual(cancels, 0)
        XCTAssertEqual(warnings(f, containing: "next recover() resumes it"), 1)
        inquiry.release()
        let report = try await f.coordinator.recover()
        XCTAssertEqual(report.resolvedPayments["PAY-N"], .succeeded)
    }

    func testWorkSubmittedWhileTheCoordinatorIsNotRunningWaitsForTheNextRun() async throws {
        let inquiry = FlowGate()
        inquiry.release()
        let f = try await fixture(inquiry: inquiry)
        let outcome = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-N"), waitForFinalOutcome: false)
        guard case .pending = outcome else { return XCTFail("\(outcome)") }
        let before = await f.mock.count("inquiryPayment")
        XCTAssertEqual(before, 0, "nothing runs in the background before run()")
        XCTAssertEqual(warnings(f, containing: "waits for the coordinator's run()"), 1)
        try await f.whileRunning { await f.coordinator.untilBackgroundWorkIsDone() }
        let stored = try await f.store.payment(requestId: "PAY-N")
        XCTAssertEqual(stored?.state, .succeeded)
    }

    func testASecondRunOfTheSameCoordinatorIsRefusedWhileTheFirstRuns() async throws {
        let f = await FlowFixture.make()
        try await f.whileRunning {
            do {
                try await f.coordinator.run()
                XCTFail("expected alreadyRunning")
            } catch let error as AutoDebitError {
                XCTAssertEqual(error.code, .alreadyRunning)
            }
        }
        // Once the first has returned, the coordinator can run again.
        try await f.whileRunning {}
    }

    func testRunRecoversAtStartAndReturnsWhenCancelled() async throws {
        let inquiry = FlowGate()
        inquiry.release()
        let first = try await fixture(inquiry: inquiry)
        _ = try await first.coordinator.charge(FlowFixture.charge(599, id: "PAY-N"), waitForFinalOutcome: false)
        // A new process over the same store, with the recovery loop on: nothing was left queued in it.
        let next = await FlowFixture.make(store: first.store, clock: first.clock) { $0.coordination.recoveryInterval = .seconds(60) }
        await next.mock.handle("inquiryPayment") { _ in
            .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentId: "AP-N"))
        }
        try await next.whileRunning { await next.events.until(.paymentSucceeded, paymentRequestId: "PAY-N") }
        let stored = try await next.store.payment(requestId: "PAY-N")
        XCTAssertEqual(stored?.state, .succeeded)
    }

    func testAnAuthNotifyIsAcknowledgedWithinTheBudgetWhileTheBindingCompletesInTheBackground() async throws {
        let applyToken = FlowGate()
        let f = await FlowFixture.make { $0.inbound.answerBudget = .milliseconds(20) }
        let start = try await f.coordinator.beginBinding(for: FlowFixture.user)
        await f.mock.whenReceiving("applyToken") { _ in try? await applyToken.pass() }
        let notice = try FlowInbound.authNotify(.authCodeCreated, authCode: "CODE1", authState: start.authState,
                                                at: f.clock.now)
        try await f.whileRunning {
            let answer = await f.coordinator.handleInbound(notice)  // applyToken is held: only the budget ends the wait
            XCTAssertEqual(answer.status, 200)
            XCTAssertEqual(FlowInbound.result(of: answer)?.resultStatus, .success)
            let pending = try await f.store.bindings(merchantUserId: FlowFixture.user)
            XCTAssertEqual(pending.filter { $0.status == .active }.count, 0)
            applyToken.release()
            await f.coordinator.untilBackgroundWorkIsDone()
        }
        let bindings = try await f.store.bindings(merchantUserId: FlowFixture.user)
        XCTAssertEqual(bindings.filter { $0.status == .active }.count, 1)
    }

    func testASlowUnbindingPolicyIsAnsweredAllowAtTheBudgetAndStillRunsToItsEnd() async throws {
        let policyGate = FlowGate()
        let finished = FlowBox(false)
        let f = await FlowFixture.make { configuration in
            configuration.inbound.answerBudget = .milliseconds(20)
            configuration.inbound.unbindingPolicy = { _ in
                try? await policyGate.pass()
                finished.value = true
                return false
            }
        }
        try await f.bound()
        try await f.whileRunning {
            let answer = await f.coordinator.handleInbound(try FlowInbound.consultUnbinding(accessToken: "AT-1", at: f.clock.now))
            let body = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
            XCTAssertEqual(body?["allowUnbinding"] as? String, "true")
            XCTAssertFalse(finished.value)
            policyGate.release()
            await f.coordinator.untilBackgroundWorkIsDone()
        }
        XCTAssertTrue(finished.value)
    }

    func testAConsultUnbindingWhileTheCoordinatorIsNotRunningAnswersAllowAndWarns() async throws {
        let f = await FlowFixture.make { $0.inbound.unbindingPolicy = { _ in false } }
        try await f.bound()
        let answer = await f.coordinator.handleInbound(try FlowInbound.consultUnbinding(accessToken: "AT-1", at: f.clock.now))
        let body = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        XCTAssertEqual(body?["allowUnbinding"] as? String, "true")
        XCTAssertEqual(warnings(f, containing: "the unbinding policy waits for the coordinator's run()"), 1)
    }
}
