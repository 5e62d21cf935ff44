import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// A transport mistake that is the test's own fault, not the network's.
private struct ScriptMismatch: UnrecoverableTransportError, CustomStringConvertible {
    var description: String { "ScriptMismatch: the request does not match the script" }
}

/// Coordinator rules of issue 13 beyond the money-safety races: configuration, causes, ids, stores.
final class FlowCoordinatorRulesTests: XCTestCase {
    private func paid(_ f: FlowFixture, id: String = "PAY-1", minor: Int64 = 1000) async throws {
        try await f.bound()
        _ = try await f.coordinator.charge(FlowFixture.charge(minor, id: id))
    }

    // MARK: item 12

    func testAClientTimeoutNotShorterThanTheInquiryWindowIsRefusedWhenTheCoordinatorIsCreated() async throws {
        let client = AlipayPlusClient(
            configuration: try AlipayPlusClient.Configuration(
                clientId: FlowKeys.clientId, privateKey: FlowKeys.merchant,
                alipayPlusPublicKeys: AlipayPlusPublicKeys(FlowKeys.alipay.publicKey),
                environment: .custom(URL(string: "https://gateway.test")!),
                timeouts: .init(overall: .seconds(60))
            ),
            transport: FlowMockAlipayPlus(alipayKey: FlowKeys.alipay, clock: VirtualClock())
        )
        let configuration = AutoDebitCoordinator.Configuration(
            authClientId: "AUTH_CLIENT", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://merchant.test/return")!,
            merchant: Merchant(referenceMerchantId: "M0001"), settlementCurrency: "HKD",
            resolution: .init(inquiryWindow: .seconds(60))
        )
        XCTAssertThrowsError(try AutoDebitCoordinator(client: client, store: LocalAutoDebitStore(), configuration: configuration)) {
            XCTAssertEqual(($0 as? AutoDebitError)?.code, .invalidConfiguration)
            XCTAssertTrue("\($0)".contains("inquiryWindow"), "\($0)")
        }
    }

    // MARK: item 2

    func testAChargeWithANewIdForAnOrderWithAnUnfinishedPaymentIsRefusedNamingIt() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        _ = try await f.coordinator.charge(FlowFixture.charge(500, id: "PAY-A"), waitForFinalOutcome: false)
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(500, id: "PAY-B"))
            XCTFail("expected orderHasUnfinishedPayment")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .orderHasUnfinishedPayment)
            XCTAssertTrue(error.message.contains("PAY-A"), error.message)
        }
        let stored = try await f.store.payment(requestId: "PAY-B")
        XCTAssertNil(stored)
    }

    func testTheStoreRefusesASecondUnfinishedPaymentForAnOrder() async throws {
        let store = LocalAutoDebitStore()
        let now = Date()
        func payment(_ id: String) -> PaymentRecord {
            PaymentRecord(paymentRequestId: id, merchantUserId: "u", bindingId: "b", amount: FlowFixture.hkd(100),
                          referenceOrderId: "ORDER-1", createdAt: now)
        }
        try await store.insert(payment("PAY-1"))
        do {
            try await store.insert(payment("PAY-2"))
            XCTFail("expected orderHasUnfinishedPayment")
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .orderHasUnfinishedPayment)
            XCTAssertEqual(error.recordId, "PAY-1")
        }
    }

    // MARK: item 10

    func testTheStoreRefusesRefundsThatAreNotPositive() async throws {
        let f = await FlowFixture.make()
        try await paid(f)
        for minor: Int64 in [-1000, 0] {
            do {
                try await f.store.insert(RefundRecord(refundRequestId: "REF-\(minor)", paymentRequestId: "PAY-1",
                                                      amount: FlowFixture.hkd(minor), reason: nil, createdAt: Date()))
                XCTFail("a refund of \(minor) was stored")
            } catch let error as StoreError {
                XCTAssertEqual(error.code, .invalidAmount)
            }
        }
        try await f.store.insert(RefundRecord(refundRequestId: "REF-OK", paymentRequestId: "PAY-1",
                                              amount: FlowFixture.hkd(1000), reason: nil, createdAt: Date()))
    }

    // MARK: item 4

    func testAPaymentBeingCancelledIsNeverRefunded() async throws {
        let f = await FlowFixture.make()
        try await paid(f)
        _ = try await f.coordinator.cancel(paymentRequestId: "PAY-1")
        do {
            _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(100))
            XCTFail("expected refundNotAllowed")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .refundNotAllowed)
        }
        let refunds = await f.mock.count("refund")
        XCTAssertEqual(refunds, 0)
    }

    func testAPaymentWithAFailedRefundCanStillBeCancelled() async throws {
        let f = await FlowFixture.make()
        try await paid(f)
        await f.mock.enqueue("refund", .result(.failure, ResultCode(rawValue: "REFUND_NOT_ALLOWED")))
        _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(100))
        let outcome = try await f.coordinator.cancel(paymentRequestId: "PAY-1")
        guard case .canceled = outcome else { return XCTFail("\(outcome)") }
    }

    // MARK: item 14

    func testAPayKnownNeverToHaveLeftCanBeChargedAgainWithTheSameId() async throws {
        let f = await FlowFixture.make(retryPolicy: .none)
        try await f.bound()
        await f.mock.enqueue("pay", .connectionRefused)
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(500, id: "PAY-N"))
            XCTFail("expected the transport error")
        } catch let error as AlipayPlusError {
            XCTAssertFalse(error.requestMayHaveBeenProcessed)
        }
        let failed = try await f.store.payment(requestId: "PAY-N")
        XCTAssertEqual(failed?.failureCode?.rawValue, "REQUEST_NOT_SENT")
        let outcome = try await f.coordinator.charge(FlowFixture.charge(500, id: "PAY-N"))
        guard case .succeeded = outcome else { return XCTFail("\(outcome)") }
        let pays = await f.mock.requests("pay").map { $0.field("paymentRequestId") }
        XCTAssertEqual(pays, ["PAY-N", "PAY-N"])
    }

    // MARK: item 15

    func testAnUnresolvedCancelSaysWhatKeptFailingAndCarriesTheCause() async throws {
        let f = await FlowFixture.make(retryPolicy: .none) { $0.resolution.cancelAttempts = 2 }
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        await f.mock.handle("inquiryPayment") { _ in .connectionRefused }
        await f.mock.handle("cancelPayment") { _ in .connectionRefused }
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(500, id: "PAY-U"))
            XCTFail("expected unresolved")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .unresolved)
            XCTAssertTrue(error.message.contains("inquiry failed"), error.message)
            XCTAssertTrue(error.message.contains("cancelPayment failed"), error.message)
            XCTAssertTrue(error.underlyingError is AlipayPlusError, "\(String(describing: error.underlyingError))")
        }
        XCTAssertFalse(f.events.events(.warning, paymentRequestId: "PAY-U").isEmpty, "every swallowed error is reported")
    }

    func testAnUnrecoverableTransportErrorIsRethrownAtOnceWithoutInquiryOrCancel() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.handle("cancelPayment") { _ in throw ScriptMismatch() }
        do {
            _ = try await f.coordinator.client.send(CancelPaymentRequest(paymentRequestId: "PROBE"))
            XCTFail("expected the transport's error")
        } catch is ScriptMismatch {
        }
        await f.mock.handle("pay") { _ in throw ScriptMismatch() }
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(500, id: "PAY-X"))
            XCTFail("expected the transport's error")
        } catch is ScriptMismatch {}
        let counts = await (f.mock.count("pay"), f.mock.count("inquiryPayment"), f.mock.count("cancelPayment"))
        XCTAssertEqual(counts.0, 1)
        XCTAssertEqual(counts.1 + counts.2, 1, "only the probe: no inquiry, no cancel")
        let stored = try await f.store.payment(requestId: "PAY-X")
        XCTAssertNotEqual(stored?.state, .failed)
    }

    // MARK: item 18

    func testAMissingRefundHasItsOwnCode() async throws {
        let base = LocalAutoDebitStore()
        let f = await FlowFixture.make(store: FlowForgetfulRefundStore(base: base))
        try await paid(f)
        do {
            _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(100), refundRequestId: "REF-1")
            XCTFail("expected refundNotFound")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .refundNotFound)
        }
    }
}
