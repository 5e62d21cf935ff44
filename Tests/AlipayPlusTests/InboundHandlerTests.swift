import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

final class InboundHandlerTests: XCTestCase {
    /// Runs `body` with one pending payment PAY-N of 599 HKD cents whose background resolution (owned
    /// by the running coordinator) is held at its first inquiry; then releases the inquiry, waits for the
    /// resolution to end and checks the payment's final state (`.canceled` when no notification settled
    /// it: the inquiries answer "in process" until the window elapses).
    private func withHeldResolution(
        configure: (inout AutoDebitCoordinator.Configuration) -> Void = { _ in },
        finally final: PaymentRecord.State,
        _ body: (FlowFixture) async throws -> Void
    ) async throws {
        let f = await FlowFixture.make(configure: configure)
        let inquiry = FlowGate()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        await f.mock.handle("inquiryPayment") { _ in
            try await inquiry.pass()
            return .response(InquiryPaymentResponse(result: .success, paymentResult: .status(.unknown, .paymentInProcess)))
        }
        try await f.whileRunning {
            _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-N"), waitForFinalOutcome: false)
            await inquiry.untilReached()
            try await body(f)
            inquiry.release()
            await f.coordinator.untilBackgroundWorkIsDone()
        }
        let after = try await state(f)
        XCTAssertEqual(after, final, "once the background resolution has ended")
    }

    private func state(_ f: FlowFixture) async throws -> PaymentRecord.State? {
        try await f.store.payment(requestId: "PAY-N")?.state
    }

    func testValidNotificationIsAppliedAndAcknowledgedWithASignedBody() async throws {
        try await withHeldResolution(finally: .succeeded) { f in
            let answer = await f.coordinator.handleInbound(
                try FlowInbound.notifyPayment("PAY-N", amount: FlowFixture.hkd(599), at: f.clock.now))
            XCTAssertEqual(answer.status, 200)
            XCTAssertEqual(FlowInbound.result(of: answer)?.resultStatus, .success)
            XCTAssertTrue(FlowInbound.answerVerifies(answer, path: FlowInbound.notifyPaymentPath))
            let current = try await state(f)
            XCTAssertEqual(current, .succeeded)
        }
    }

    func testBadOrMissingSignatureIsRefusedAndChangesNothing() async throws {
        try await withHeldResolution(finally: .canceled) { f in
            let forged = try FlowInbound.notifyPayment("PAY-N", amount: FlowFixture.hkd(599), at: f.clock.now)
            var tampered = forged
            tampered.body = Data(String(decoding: forged.body, as: UTF8.self).replacingOccurrences(of: "599", with: "598").utf8)
            var unsigned = forged
            unsigned.headers["Signature"] = nil
            let wrongKey = try FlowInbound.request(
                path: FlowInbound.notifyPaymentPath,
                body: NotifyPaymentRequest(paymentResult: .success, paymentRequestId: "PAY-N", paymentAmount: FlowFixture.hkd(599)),
                at: f.clock.now, key: FlowKeys.merchant)
            for request in [tampered, unsigned, wrongKey] {
                let answer = await f.coordinator.handleInbound(request)
                XCTAssertEqual(answer.status, 401)
            }
            let current = try await state(f)
            XCTAssertEqual(current, .pending)
        }
    }

    func testDuplicatedSignatureHeaderAndWrongClientIdAreRefused() async throws {
        try await withHeldResolution(finally: .canceled) { f in
            var doubled = try FlowInbound.notifyPayment("PAY-N", amount: FlowFixture.hkd(599), at: f.clock.now)
            doubled.headers.add(name: "signature", value: doubled.headers["Signature"]!)
            let answer = await f.coordinator.handleInbound(doubled)
            XCTAssertEqual(answer.status, 401)
            let other = try FlowInbound.request(
                path: FlowInbound.notifyPaymentPath,
                body: NotifyPaymentRequest(paymentResult: .success, paymentRequestId: "PAY-N", paymentAmount: FlowFixture.hkd(599)),
                at: f.clock.now, clientId: "SOMEONE_ELSE")
            let refused = await f.coordinator.handleInbound(other)
            XCTAssertEqual(refused.status, 401)
            let current = try await state(f)
            XCTAssertEqual(current, .pending)
        }
    }

    func testStaleRequestTimeIsRefusedWhenAWindowIsSet() async throws {
        try await withHeldResolution(configure: { $0.inbound.timeWindow = .seconds(300) }, finally: .canceled) { f in
            let stale = try FlowInbound.notifyPayment("PAY-N", amount: FlowFixture.hkd(599),
                                                      at: f.clock.now.addingTimeInterval(-3600))
            let answer = await f.coordinator.handleInbound(stale)
            XCTAssertEqual(answer.status, 401)
            let current = try await state(f)
            XCTAssertEqual(current, .pending)
        }
    }

    func testOversizedAndMalformedBodies() async throws {
        try await withHeldResolution(configure: { $0.inbound.bodyLimit = 4096 }, finally: .canceled) { f in
            let big = try FlowInbound.signed(path: FlowInbound.notifyPaymentPath, body: Data(repeating: 0x20, count: 5000),
                                             at: f.clock.now)
            let tooLarge = await f.coordinator.handleInbound(big)
            XCTAssertEqual(tooLarge.status, 413)
            let garbage = try FlowInbound.signed(path: FlowInbound.notifyPaymentPath, body: Data("{not json".utf8),
                                                 at: f.clock.now)
            let malformed = await f.coordinator.handleInbound(garbage)
            XCTAssertEqual(malformed.status, 400)
            let current = try await state(f)
            XCTAssertEqual(current, .pending)
        }
    }

    func testDuplicateAndOutOfOrderDeliveriesAreSafe() async throws {
        try await withHeldResolution(finally: .succeeded) { f in
            let success = try FlowInbound.notifyPayment("PAY-N", amount: FlowFixture.hkd(599), at: f.clock.now)
            let failure = try FlowInbound.notifyPayment("PAY-N", status: .failure, code: .riskReject, amount: nil,
                                                        at: f.clock.now)
            for request in [success, success, failure, success] {
                let answer = await f.coordinator.handleInbound(request)
                XCTAssertEqual(answer.status, 200)
            }
            let current = try await state(f)
            XCTAssertEqual(current, .succeeded)
            XCTAssertEqual(f.events.events(.paymentSucceeded, paymentRequestId: "PAY-N").count, 1)
            XCTAssertEqual(f.events.events(.paymentFailed, paymentRequestId: "PAY-N").count, 0)
        }
    }

    func testAmountMismatchIsAcknowledgedButNotApplied() async throws {
        try await withHeldResolution(finally: .canceled) { f in
            let answer = await f.coordinator.handleInbound(
                try FlowInbound.notifyPayment("PAY-N", amount: FlowFixture.hkd(1), at: f.clock.now))
            XCTAssertEqual(answer.status, 200)
            let current = try await state(f)
            XCTAssertEqual(current, .pending)
            XCTAssertEqual(f.events.events(.notificationMismatch).count, 1)
        }
    }

    func testUnknownPaymentIsAcknowledgedNotApplied() async throws {
        let f = await FlowFixture.make()
        let answer = await f.coordinator.handleInbound(
            try FlowInbound.notifyPayment("PAY-UNKNOWN", amount: FlowFixture.hkd(1), at: f.clock.now))
        XCTAssertEqual(answer.status, 200)
        XCTAssertTrue(FlowInbound.answerVerifies(answer, path: FlowInbound.notifyPaymentPath))
        let stored = try await f.store.payment(requestId: "PAY-UNKNOWN")
        XCTAssertNil(stored)
        XCTAssertEqual(f.events.events(.notificationMismatch).count, 1)
    }
}
