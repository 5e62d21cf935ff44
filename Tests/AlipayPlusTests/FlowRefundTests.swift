import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

final class FlowRefundTests: XCTestCase {
    private func paid(_ f: FlowFixture, id: String = "PAY-1", minor: Int64 = 1000) async throws {
        try await f.bound()
        _ = try await f.coordinator.charge(FlowFixture.charge(minor, id: id))
    }

    func testOverLimitRefundIsRefusedBeforeAnyCall() async throws {
        let f = await FlowFixture.make()
        try await paid(f)
        do {
            _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(1001))
            XCTFail("expected refundExceedsRemaining")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .refundExceedsRemaining)
        }
        let refunds = await f.mock.count("refund")
        XCTAssertEqual(refunds, 0)
    }

    func testConcurrentRefundsCannotExceedTheAmount() async throws {
        let f = await FlowFixture.make()
        try await paid(f)
        let coordinator = f.coordinator
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    (try? await coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(300))) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        XCTAssertEqual(results.filter { $0 }.count, 3)
        let sent = await f.mock.count("refund")
        XCTAssertEqual(sent, 3)
        let stored = try await f.store.refunds(paymentRequestId: "PAY-1")
        XCTAssertEqual(stored.compactMap(\.amount.minorUnits).reduce(0, +), 900)
    }

    func testUnknownRefundStaysPendingAndRecoverResendsTheIdenticalBody() async throws {
        let f = await FlowFixture.make(retryPolicy: .none)
        try await paid(f)
        await f.mock.enqueue("refund", .result(.unknown, .unknownException))
        let outcome = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(400),
                                                     refundRequestId: "REF-1")
        guard case .pending = outcome else { return XCTFail("\(outcome)") }
        let report = try await f.coordinator.recover()
        XCTAssertEqual(report.resentRefunds["REF-1"], .succeeded)
        let sent = await f.mock.requests("refund")
        XCTAssertEqual(sent.count, 2)
        XCTAssertEqual(sent[0].body, sent[1].body)
        XCTAssertEqual(sent[0].field("refundRequestId"), "REF-1")
        let stored = try await f.store.refund(requestId: "REF-1")
        XCTAssertEqual(stored?.state, .succeeded)
    }

    func testUnknownRefundIsRetriedByTheClientWithTheSameId() async throws {
        let f = await FlowFixture.make()
        try await paid(f)
        await f.mock.enqueue("refund", .result(.unknown, .unknownException), .timedOutAfterSending)
        let outcome = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(400))
        guard case .succeeded = outcome else { return XCTFail("\(outcome)") }
        let ids = await Set(f.mock.requests("refund").map { $0.field("refundRequestId") })
        XCTAssertEqual(ids.count, 1)
    }

    func testCancelWinsOverALateSuccessNotification() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        let coordinator = f.coordinator
        let clock = f.clock
        await f.mock.whenReceiving("cancelPayment") { request in
            let notice = try? FlowInbound.notifyPayment("PAY-L", amount: FlowFixture.hkd(599), at: clock.now)
            if let notice { _ = await coordinator.handleInbound(notice) }
        }
        _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-L"), waitForFinalOutcome: false)
        let outcome = try await f.coordinator.cancel(paymentRequestId: "PAY-L")
        guard case .canceled(let record) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertNotNil(record.lateSuccessIgnoredAt)
        let late = try FlowInbound.notifyPayment("PAY-L", amount: FlowFixture.hkd(599), at: f.clock.now)
        _ = await f.coordinator.handleInbound(late)
        let stored = try await f.store.payment(requestId: "PAY-L")
        XCTAssertEqual(stored?.state, .canceled)
        XCTAssertEqual(f.events.events(.paymentSucceeded, paymentRequestId: "PAY-L").count, 0)
        XCTAssertEqual(f.events.events(.paymentCanceled, paymentRequestId: "PAY-L").count, 1)
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 1)
    }
}
