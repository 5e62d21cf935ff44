import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

final class FlowChargeTests: XCTestCase {
    func testSuccessIsStoredWithPaymentIdAndOneEvent() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        let outcome = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-S"))
        guard case .succeeded(let record) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(record.paymentId, "AP-PAY-S")
        let stored = try await f.store.payment(requestId: "PAY-S")
        XCTAssertEqual(stored?.state, .succeeded)
        let pays = await f.mock.requests("pay")
        XCTAssertEqual(pays.count, 1)
        XCTAssertEqual(pays[0].json("paymentMethod.paymentMethodId"), "AT-1")
        XCTAssertEqual(pays[0].json("paymentAmount.value"), "599")
        XCTAssertEqual(pays[0].json("paymentFactor.isAgreementPayment"), "true")
        XCTAssertEqual(f.events.events(.paymentSucceeded).count, 1)
    }

    func testFailureCarriesTheCode() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.failure, .userBalanceNotEnough))
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-F"))
        guard case .failed(let code, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(code, .userBalanceNotEnough)
        let stored = try await f.store.payment(requestId: "PAY-F")
        XCTAssertEqual(stored?.state, .failed)
        XCTAssertEqual(stored?.failureCode, .userBalanceNotEnough)
        let inquiries = await f.mock.count("inquiryPayment")
        XCTAssertEqual(inquiries, 0)
    }

    func testUnknownThenInquiryFindsSuccess() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        await f.mock.enqueue("inquiryPayment",
                             .response(InquiryPaymentResponse(result: .success, paymentResult: .status(.unknown, .paymentInProcess))),
                             .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentId: "AP-9")))
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-U"))
        guard case .succeeded(let record) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(record.paymentId, "AP-9")
        let counts = await (f.mock.count("pay"), f.mock.count("inquiryPayment"), f.mock.count("cancelPayment"))
        XCTAssertEqual(counts.0, 1)
        XCTAssertEqual(counts.1, 2)
        XCTAssertEqual(counts.2, 0)
        let inquiry = await f.mock.requests("inquiryPayment")[0]
        XCTAssertEqual(inquiry.field("paymentRequestId"), "PAY-U")
    }

    func testPaymentInProcessThatNeverResolvesIsCancelledAfterTheWindow() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .paymentInProcess))
        await f.mock.handle("inquiryPayment") { _ in
            .response(InquiryPaymentResponse(result: .success, paymentResult: .status(.unknown, .paymentInProcess)))
        }
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-W"))
        guard case .canceled = outcome else { return XCTFail("\(outcome)") }
        let stored = try await f.store.payment(requestId: "PAY-W")
        XCTAssertEqual(stored?.state, .canceled)
        let counts = await (f.mock.count("pay"), f.mock.count("inquiryPayment"), f.mock.count("cancelPayment"))
        XCTAssertEqual(counts.0, 1, "a pay is never re-sent")
        XCTAssertEqual(counts.1, 20, "every 3 s for 60 s")
        XCTAssertEqual(counts.2, 1)
        XCTAssertEqual(f.events.events(.paymentCanceled).count, 1)
    }

    func testTimeoutAfterSendingIsResolvedByInquiryWithoutASecondPay() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .timedOutAfterSending)
        await f.mock.enqueue("inquiryPayment",
                             .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentId: "AP-T")))
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-T"))
        guard case .succeeded = outcome else { return XCTFail("\(outcome)") }
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 1, "a pay that may have been processed is never sent again")
    }

    func testConnectionFailureBeforeSendingIsRetriedByTheClientWithTheSameBody() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .connectionRefused)
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-N"))
        guard case .succeeded = outcome else { return XCTFail("\(outcome)") }
        let pays = await f.mock.requests("pay")
        XCTAssertEqual(pays.count, 2)
        XCTAssertEqual(pays[0].body, pays[1].body)
    }

    func testExpiredAccessTokenRefreshesAndRetriesWithANewRequestId() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.failure, .expiredAccessToken))
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-E"))
        guard case .succeeded(let retried) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertNotEqual(retried.paymentRequestId, "PAY-E")
        let first = try await f.store.payment(requestId: "PAY-E")
        XCTAssertEqual(first?.state, .failed)
        XCTAssertEqual(first?.failureCode, .expiredAccessToken)
        XCTAssertEqual(first?.retriedAs, retried.paymentRequestId)
        let pays = await f.mock.requests("pay")
        XCTAssertEqual(pays.map { $0.field("paymentRequestId") }, ["PAY-E", retried.paymentRequestId])
        XCTAssertEqual(pays[1].json("paymentMethod.paymentMethodId"), "AT-refreshed-RT-AT-1")
        let refreshes = await f.mock.requests("applyToken")
        XCTAssertEqual(refreshes.map { $0.field("grantType") }, ["REFRESH_TOKEN"])
    }

    func testInvalidAccessTokenOnPayMarksTheBinding() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.failure, .invalidAccessToken))
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-I"))
        guard case .failed(.invalidAccessToken, _) = outcome else { return XCTFail("\(outcome)") }
        let binding = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .needsReauthorization)
        XCTAssertEqual(f.events.events(.bindingNeedsReauthorization).count, 1)
        let next = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-I2"))
        guard case .needsReauthorization(let bindingId, .invalidAccessToken) = next else { return XCTFail("\(next)") }
        XCTAssertEqual(bindingId, "BND-1")
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 1, "no pay is sent on a binding that needs reauthorization")
    }

    func testCancelLoopKeepsRetryingUntilConfirmed() async throws {
        let f = await FlowFixture.make(retryPolicy: .none)
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        await f.mock.enqueue("cancelPayment", .result(.unknown, .unknownException), .timedOutAfterSending,
                             .result(.failure, .processFail), .result(.success, .success))
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-C"))
        guard case .canceled = outcome else { return XCTFail("\(outcome)") }
        let cancels = await f.mock.requests("cancelPayment")
        XCTAssertEqual(cancels.count, 4)
        XCTAssertEqual(Set(cancels.map(\.body)).count, 1, "every cancel is the same request")
    }

    func testCancelAttemptsExhaustedLeaveCancelRequestedForRecover() async throws {
        let f = await FlowFixture.make(retryPolicy: .none) { $0.resolution.cancelAttempts = 3 }
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        await f.mock.handle("cancelPayment") { _ in .result(.unknown, .unknownException) }
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-X"))
            XCTFail("expected unresolved")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .unresolved)
        }
        let stored = try await f.store.payment(requestId: "PAY-X")
        XCTAssertEqual(stored?.state, .cancelRequested)
        await f.mock.handle("cancelPayment") { _ in .result(.success, .success) }
        let report = try await f.coordinator.recover()
        XCTAssertEqual(report.resolvedPayments["PAY-X"], .canceled)
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 1)
    }

    func testNotWaitingReturnsPendingAndResolvesInTheBackground() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        await f.mock.enqueue("inquiryPayment",
                             .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentId: "AP-B")))
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-B"), waitForFinalOutcome: false)
        guard case .pending(let record) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(record.state, .pending)
        let resolved = try await f.coordinator.resolvePayment(paymentRequestId: "PAY-B")
        guard case .succeeded = resolved else { return XCTFail("\(resolved)") }
        let inquiries = await f.mock.count("inquiryPayment")
        XCTAssertEqual(inquiries, 1, "the background resolution and the caller share one inquiry loop")
        XCTAssertEqual(f.events.events(.paymentSucceeded, paymentRequestId: "PAY-B").count, 1)
    }

    func testIntentIsPersistedBeforeThePayIsSent() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        let store = f.store
        let seen = FlowBox<PaymentRecord.State?>(nil)
        await f.mock.whenReceiving("pay") { request in
            let id = request.field("paymentRequestId") ?? ""
            seen.value = try? await store.payment(requestId: id)?.state
        }
        _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-P"))
        XCTAssertEqual(seen.value, .created)
    }

    func testReusedRequestIdNeverSendsASecondPay() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-RT"))
        let again = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-RT"))
        guard case .succeeded = again else { return XCTFail("\(again)") }
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(700, id: "PAY-RT"))
            XCTFail("expected paymentRequestIdReused")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .paymentRequestIdReused)
        }
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 1)
        XCTAssertEqual(f.events.events(.paymentSucceeded).count, 1)
    }

    func testSuccessNotificationBeforeThePayAnswerEmitsOneEvent() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        let coordinator = f.coordinator
        let clock = f.clock
        await f.mock.whenReceiving("pay") { request in
            let id = request.field("paymentRequestId") ?? ""
            let notice = try? FlowInbound.notifyPayment(id, amount: FlowFixture.hkd(599), at: clock.now)
            if let notice { _ = await coordinator.handleInbound(notice) }
        }
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-D"))
        guard case .succeeded = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(f.events.events(.paymentSucceeded, paymentRequestId: "PAY-D").count, 1)
    }
}
