import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// Regression tests for the money-safety review: each names the scenario it closes.
final class FlowReviewRegressionTests: XCTestCase {
    func testRepeatingAnExpiredTokenChargeResumesTheRetryInsteadOfPayingAgain() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.failure, .expiredAccessToken))
        let first = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-E"))
        guard case .succeeded(let retried) = first else { return XCTFail("\(first)") }
        XCTAssertEqual(retried.paymentRequestId, "PAY-E-R")
        let again = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-E"))
        guard case .succeeded(let resumed) = again else { return XCTFail("\(again)") }
        XCTAssertEqual(resumed.paymentRequestId, "PAY-E-R")
        let pays = await f.mock.requests("pay").map { $0.field("paymentRequestId") }
        XCTAssertEqual(pays, ["PAY-E", "PAY-E-R"], "the repeated charge sent no third pay")
    }

    func testAChargeWithoutAnIdResumesTheUnfinishedPaymentOfTheSameOrder() async throws {
        let f = await FlowFixture.make { $0.resolution.cancelAttempts = 1 }
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .paymentInProcess))
        await f.mock.handle("inquiryPayment") { _ in
            .response(InquiryPaymentResponse(result: .success, paymentResult: .status(.unknown, .paymentInProcess)))
        }
        await f.mock.handle("cancelPayment") { _ in .result(.unknown, .unknownException) }
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge())
            XCTFail("expected the cancel to stay unconfirmed")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .unresolved)
        }
        await f.mock.handle("cancelPayment") { _ in .result(.success, .success) }
        let outcome = try await f.coordinator.charge(FlowFixture.charge())
        guard case .canceled = outcome else { return XCTFail("\(outcome)") }
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 1, "the caller's retry resumed the first payment")
    }

    func testOrderNotExistIsNotTrustedWhileThePayMayStillArrive() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        // The merchant cancels a payment whose pay was stored a moment ago (it may still be in flight).
        let record = PaymentRecord(paymentRequestId: "PAY-C", merchantUserId: FlowFixture.user, bindingId: "BND-1",
                                   amount: FlowFixture.hkd(599), referenceOrderId: "ORDER-1", createdAt: f.clock.now)
        try await f.store.insert(record)
        let answers = FlowBox(0)
        await f.mock.handle("cancelPayment") { _ in
            answers.value += 1
            return answers.value < 3 ? .result(.failure, .orderNotExist) : .result(.success, .success)
        }
        let outcome = try await f.coordinator.cancel(paymentRequestId: "PAY-C")
        guard case .canceled = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(answers.value, 3, "ORDER_NOT_EXIST right after the pay is repeated, not believed")
    }

    func testOrderNotExistAfterTheWindowMeansNothingWasCharged() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .timedOutAfterSending)
        await f.mock.handle("cancelPayment") { _ in .result(.failure, .orderNotExist) }
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-X"))
        guard case .canceled = outcome else { return XCTFail("\(outcome)") }
        let cancels = await f.mock.count("cancelPayment")
        XCTAssertEqual(cancels, 1)
    }

    func testAMerchantCancelDuringTheInquiryLoopIsSentAtOnce() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .paymentInProcess))
        let coordinator = f.coordinator
        await f.mock.whenReceiving("inquiryPayment") { _ in
            if var record = try? await coordinator.store.payment(requestId: "PAY-M") {
                record.state = .cancelRequested
                _ = try? await coordinator.store.replace(record, under: nil, deliveryKey: nil)
            }
        }
        await f.mock.handle("inquiryPayment") { _ in
            .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentId: "AP-M"))
        }
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-M"))
        guard case .canceled(let record) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertNotNil(record.lateSuccessIgnoredAt, "the success seen after the cancel request is recorded")
        let cancels = await f.mock.count("cancelPayment")
        XCTAssertEqual(cancels, 1)
        XCTAssertEqual(f.events.events(.paymentConflict, paymentRequestId: "PAY-M").count, 1)
    }

    func testASuccessNotificationForACanceledPaymentRaisesAConflict() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .paymentInProcess))
        await f.mock.handle("inquiryPayment") { _ in
            .response(InquiryPaymentResponse(result: .success, paymentResult: .status(.unknown, .paymentInProcess)))
        }
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-L"))
        guard case .canceled = outcome else { return XCTFail("\(outcome)") }
        let late = try FlowInbound.notifyPayment("PAY-L", amount: FlowFixture.hkd(599), at: f.clock.now)
        let answer = await f.coordinator.handleInbound(late)
        XCTAssertEqual(answer.status, 200)
        let stored = try await f.store.payment(requestId: "PAY-L")
        XCTAssertEqual(stored?.state, .canceled, "the cancel outcome stands")
        XCTAssertNotNil(stored?.lateSuccessIgnoredAt)
        XCTAssertEqual(f.events.events(.paymentConflict, paymentRequestId: "PAY-L").count, 1)
    }

    func testAPaidAmountOtherThanTheOneAskedForRaisesAConflict() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .response(PayResponse(result: .success, paymentId: "AP-A",
                                                           paymentAmount: FlowFixture.hkd(999))))
        // A pay answer naming another amount is not believed (it is about another payment): the payment is
        // resolved by inquiry instead, which here finds nothing, so it ends cancelled, never succeeded.
        let outcome = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-A"))
        guard case .canceled = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(f.events.events(.answerMismatch, paymentRequestId: "PAY-A").count, 1)
    }

    func testCancellingARefundedPaymentIsRefused() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-RT"))
        _ = try await f.coordinator.refund(paymentRequestId: "PAY-RT", amount: FlowFixture.hkd(100))
        do {
            _ = try await f.coordinator.cancel(paymentRequestId: "PAY-RT")
            XCTFail("expected cancelNotAllowed")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .cancelNotAllowed)
        }
        let cancels = await f.mock.count("cancelPayment")
        XCTAssertEqual(cancels, 0)
    }

    func testUnbindCancelsATokenThatWasRefreshedWhileTheCancelWasOnItsWay() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        let store = f.store
        let cancelled = FlowBox(0)
        await f.mock.whenReceiving("cancelToken") { _ in
            cancelled.value += 1
            guard cancelled.value == 1 else { return }
            if var record = try? await store.binding(id: "BND-1") {
                record.accessToken = Secret("AT-2")
                _ = try? await store.replace(record, under: nil, deliveryKey: nil)
            }
        }
        try await f.coordinator.unbind(bindingId: "BND-1")
        let tokens = await f.mock.requests("cancelToken").map { $0.field("accessToken") }
        XCTAssertEqual(tokens, ["AT-1", "AT-2"])
        let binding = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .removed)
    }

    func testAResponseSignedForAnotherClientIdIsNotBelieved() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.setAnsweringClientId("SOMEONE_ELSE")
        // Not believed, so unknown: inquiries and cancels (also not believed) never settle it.
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-O"))
            XCTFail("expected the payment to stay unresolved")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .unresolved)
        }
        let stored = try await f.store.payment(requestId: "PAY-O")
        XCTAssertEqual(stored?.state, .cancelRequested)
    }

    func testUnauthenticatedCallersLearnNothingAboutTheKeys() async throws {
        let f = await FlowFixture.make()
        var request = try FlowInbound.notifyPayment("PAY-1", amount: FlowFixture.hkd(1), at: f.clock.now)
        request.headers["Signature"] = "algorithm=RSA256, keyVersion=7, signature=AAAA"
        let answer = await f.coordinator.handleInbound(request)
        XCTAssertEqual(answer.status, 401)
        let text = String(decoding: answer.body, as: UTF8.self)
        XCTAssertTrue(text.contains("could not be authenticated"), text)
        XCTAssertFalse(text.contains("keyVersion"), text)
        XCTAssertFalse(f.events.events(.notificationRejected).isEmpty)
    }

    func testTheJournalIsReadableByItsOwnerOnly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LocalAutoDebitStore(directory: folder, keyRing: TestKeys.tokenKeyRing)
        await store.close()
        let directoryMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        XCTAssertEqual(directoryMode, 0o700)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file).path)[.posixPermissions] as? Int
            XCTAssertEqual(mode.map { $0 & 0o077 }, 0, "\(file) is readable by others")
        }
    }

    func testATokenCanceledNotificationDuringTheMerchantsUnbindDoesNotAskForReauthorization() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        let coordinator = f.coordinator
        let clock = f.clock
        await f.mock.whenReceiving("cancelToken") { _ in
            let notice = try? FlowInbound.authNotify(.tokenCanceled, accessToken: "AT-1", at: clock.now)
            if let notice { _ = await coordinator.handleInbound(notice) }
        }
        try await f.coordinator.unbind(bindingId: "BND-1")
        let binding = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .removed)
        XCTAssertTrue(f.events.events(.bindingNeedsReauthorization).isEmpty)
        XCTAssertEqual(f.events.events(.bindingRemoved).count, 1)
    }

    func testInquiryEventsNameThePaymentTheyAskAbout() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .paymentInProcess))
        await f.mock.enqueue("inquiryPayment",
                             .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentId: "AP-I")))
        _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-I"))
        let inquiries = f.events.events(.requestFinished, paymentRequestId: "PAY-I").filter { $0.operation == "inquiryPayment" }
        XCTAssertEqual(inquiries.count, 1)
    }
}
