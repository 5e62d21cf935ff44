import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// The money-safety rules of issue 13, one test per rule.
final class FlowMoneySafetyRegressionTests: XCTestCase {
    private func paid(_ f: FlowFixture, id: String = "PAY-1", minor: Int64 = 1000) async throws {
        try await f.bound()
        _ = try await f.coordinator.charge(FlowFixture.charge(minor, id: id))
    }

    // MARK: item 1

    func testARefundThatMayHaveReachedAlipayPlusStaysPendingWhenItsResendCannotConnect() async throws {
        let f = await FlowFixture.make(retryPolicy: .none)
        try await paid(f)
        await f.mock.enqueue("refund", .timedOutAfterSending, .connectionRefused)
        let first = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(1000),
                                                   refundRequestId: "REF-1")
        guard case .pending = first else { return XCTFail("\(first)") }
        _ = try? await f.coordinator.recover()
        let stored = try await f.store.refund(requestId: "REF-1")
        XCTAssertEqual(stored?.state, .pending)
        do {
            _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(1000),
                                               refundRequestId: "REF-2")
            XCTFail("a second full refund must be refused while the first may have been processed")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .refundExceedsRemaining)
        }
        let sent = await f.mock.count("refund")
        XCTAssertEqual(sent, 2)
    }

    func testARefundThatMayHaveReachedAlipayPlusStaysPendingWhenRecoveryIsCancelled() async throws {
        let f = await FlowFixture.make(retryPolicy: .none)
        try await paid(f)
        await f.mock.enqueue("refund", .timedOutAfterSending)
        _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(400), refundRequestId: "REF-1")
        let coordinator = f.coordinator
        await withTaskGroup(of: Void.self) { group in
            group.cancelAll()
            group.addTask { _ = try? await coordinator.recover() }
        }
        let stored = try await f.store.refund(requestId: "REF-1")
        XCTAssertEqual(stored?.state, .pending)
    }

    // MARK: item 2

    /// Two charges without an id for one order, the first pay held until the second charge has decided
    /// with the first payment stored and unfinished (the store answered its read of the order's
    /// unfinished payments after the first insert, or answered its own insert): a condition, not a
    /// time, so a slow or loaded machine cannot let the first payment finish before the second decides.
    private func concurrentChargesWithoutIdPayOnce(store: @autoclosure () -> any AutoDebitStore) async throws {
        for round in 0..<10 {
            let decided = SecondChargeDecided()
            let observed = ObservedAutoDebitStore(base: store()) { call in decided.observe(call) }
            let f = await FlowFixture.make(store: observed)
            try await f.bound()
            decided.arm()
            let pays = FlowBox(0)
            await f.mock.handle("pay") { request in
                pays.value += 1
                // Bounded, so a broken rule fails the assertions below instead of hanging the suite.
                var spins = 0
                while !decided.isDecided, spins < 1_000_000 { spins += 1; await Task.yield() }
                return .response(PayResponse(result: .success, paymentId: "AP-\(request.field("paymentRequestId") ?? "")"))
            }
            let coordinator = f.coordinator
            let outcomes = await withTaskGroup(of: ChargeOutcome?.self) { group in
                for _ in 0..<2 { group.addTask { try? await coordinator.charge(FlowFixture.charge(500)) } }
                return await group.reduce(into: [ChargeOutcome?]()) { $0.append($1) }
            }
            let sent = await f.mock.count("pay")
            XCTAssertEqual(sent, 1, "round \(round): one order, one pay")
            let ids = Set(outcomes.compactMap { $0?.payment?.paymentRequestId })
            XCTAssertEqual(ids.count, 1, "round \(round): both charges report the same payment")
        }
    }

    func testAnOrderHasAtMostOneUnfinishedPaymentOnTheInMemoryStore() async throws {
        try await concurrentChargesWithoutIdPayOnce(store: LocalAutoDebitStore())
    }

    func testAnOrderHasAtMostOneUnfinishedPaymentOnASlowStore() async throws {
        try await concurrentChargesWithoutIdPayOnce(store: FlowSlowStore())
    }

    // MARK: item 4

    func testAPaymentIsNeverBothRefundedAndCancelled() async throws {
        for round in 0..<10 {
            let f = await FlowFixture.make(store: FlowSlowStore())
            try await paid(f)
            let coordinator = f.coordinator
            await withTaskGroup(of: Void.self) { group in
                group.addTask { _ = try? await coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(400)) }
                group.addTask { _ = try? await coordinator.cancel(paymentRequestId: "PAY-1") }
            }
            let refunds = await f.mock.count("refund")
            let cancels = await f.mock.count("cancelPayment")
            XCTAssertEqual(refunds + cancels, 1, "round \(round): refunds \(refunds), cancels \(cancels)")
        }
    }

    // MARK: item 5

    func testRetryIdsAfterAnExpiredTokenCannotCollide() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        let prefix = String(repeating: "P", count: 62)
        await f.mock.enqueue("pay", .result(.failure, .expiredAccessToken))
        _ = try? await f.coordinator.charge(ChargeRequest(
            merchantUserId: FlowFixture.user, amount: FlowFixture.hkd(100), referenceOrderId: "ORDER-A",
            orderDescription: "A", paymentRequestId: prefix + "AA"))
        await f.mock.enqueue("pay", .result(.failure, .expiredAccessToken))
        do {
            let outcome = try await f.coordinator.charge(ChargeRequest(
                merchantUserId: FlowFixture.user, amount: FlowFixture.hkd(100), referenceOrderId: "ORDER-B",
                orderDescription: "B", paymentRequestId: prefix + "BB"))
            let ids = await f.mock.requests("pay").compactMap { $0.field("paymentRequestId") }
            XCTAssertEqual(Set(ids).count, ids.count, "every pay has its own id: \(ids)")
            XCTAssertEqual(outcome.payment?.referenceOrderId, "ORDER-B")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code.description, "paymentRequestIdNotRetryable")
        }
    }

    // MARK: item 9

    func testAResumedRetryAfterAnExpiredTokenNeverPaysWithTheExpiredToken() async throws {
        let f = await FlowFixture.make(retryPolicy: .none)
        try await f.bound()
        await f.mock.enqueue("pay", .result(.failure, .expiredAccessToken))
        await f.mock.enqueue("applyToken", .connectionRefused)
        _ = try? await f.coordinator.charge(FlowFixture.charge(id: "PAY-E"))
        _ = try? await f.coordinator.charge(FlowFixture.charge(id: "PAY-E"))
        let tokens = await f.mock.requests("pay").map { $0.json("paymentMethod.paymentMethodId") }
        XCTAssertEqual(tokens.first, "AT-1")
        XCTAssertFalse(tokens.dropFirst().contains("AT-1"), "a retry paid with the expired token: \(tokens)")
    }

    // MARK: item 10

    func testANegativeRefundIsRefusedBeforeAnythingIsStored() async throws {
        let f = await FlowFixture.make()
        try await paid(f)
        do {
            _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(-1000), refundRequestId: "REF-N")
            XCTFail("expected a refusal")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code.description, "invalidRefundAmount")
        }
        let stored = try await f.store.refund(requestId: "REF-N")
        XCTAssertNil(stored)
        let sent = await f.mock.count("refund")
        XCTAssertEqual(sent, 0)
    }

    // MARK: item 13

    func testRefundingAgainWithTheSameIdReturnsTheStoredOutcome() async throws {
        let f = await FlowFixture.make()
        try await paid(f)
        let first = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(400), refundRequestId: "REF-1")
        let again = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(400), refundRequestId: "REF-1")
        XCTAssertEqual(first, again)
        let sent = await f.mock.count("refund")
        XCTAssertEqual(sent, 1)
    }

    func testRefundingAgainWithTheSameIdResendsAPendingRefund() async throws {
        let f = await FlowFixture.make(retryPolicy: .none)
        try await paid(f)
        await f.mock.enqueue("refund", .timedOutAfterSending)
        _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(400), refundRequestId: "REF-1")
        let again = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(400), refundRequestId: "REF-1")
        guard case .succeeded = again else { return XCTFail("\(again)") }
        let sent = await f.mock.requests("refund")
        XCTAssertEqual(sent.count, 2)
        XCTAssertEqual(sent[0].body, sent[1].body)
    }

    func testARefundIdReusedWithAnotherAmountNamesTheField() async throws {
        let f = await FlowFixture.make()
        try await paid(f)
        _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(400), refundRequestId: "REF-1")
        do {
            _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(500), refundRequestId: "REF-1")
            XCTFail("expected refundRequestIdReused")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code.description, "refundRequestIdReused")
            XCTAssertTrue(error.message.contains("amount"), error.message)
        }
    }

    // MARK: item 14

    func testAChargeRefusedBeforeSendingStoresNothing() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        _ = try? await f.coordinator.charge(FlowFixture.charge(-5, id: "PAY-V"))
        let stored = try await f.store.payment(requestId: "PAY-V")
        XCTAssertNil(stored)
        let outcome = try await f.coordinator.charge(FlowFixture.charge(500, id: "PAY-V"))
        guard case .succeeded = outcome else { return XCTFail("\(outcome)") }
    }

    func testAReusedPaymentRequestIdNamesTheFieldThatDiffers() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        _ = try await f.coordinator.charge(FlowFixture.charge(500, id: "PAY-1"))
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(600, id: "PAY-1"))
            XCTFail("expected paymentRequestIdReused")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .paymentRequestIdReused)
            XCTAssertTrue(error.message.contains("amount"), error.message)
        }
    }
}

/// Watches store calls for the moment the second of two charges has decided while the first payment
/// is unfinished: the store answered its look-up of the order's unfinished payments after the first
/// insert was answered, or answered its insert (refused, or the first): a condition, not a time.
private final class SecondChargeDecided: @unchecked Sendable {
    private let lock = NSLock()
    private var armed = false
    private var firstInsertStored = false  // an insert has been answered
    private var inserts = 0
    private var decided = false

    var isDecided: Bool { lock.withLock { decided } }

    func arm() { lock.withLock { armed = true } }

    func observe(_ call: ObservedAutoDebitStore.Call) {
        lock.withLock {
            guard armed else { return }
            switch (call.name, call.phase) {
            case ("insert(payment)", .after), ("insertLeased(payment)", .after):
                inserts += 1
                firstInsertStored = true
                if inserts >= 2 { decided = true }
            case ("unfinishedPayments(order)", .after) where firstInsertStored: decided = true
            default: break
            }
        }
    }
}
