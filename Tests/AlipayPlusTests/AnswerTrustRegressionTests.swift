import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// Which answers and notifications may change a payment: only ones about *this* payment, fresh, and
/// complete enough to check; and a request that got any HTTP answer may have been processed.
final class AnswerTrustRegressionTests: XCTestCase {
    /// Answers the pay (or refund) with an HTTP status page, as an egress proxy or a WAF does after the
    /// request went out; every other request reaches the scripted Alipay+.
    private struct StatusPageInFront: HTTPTransport {
        let mock: FlowMockAlipayPlus
        let operation: String
        let status: Int

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            guard request.url.lastPathComponent == operation else { return try await mock.send(request) }
            _ = try? await mock.send(request)   // the request reached the upstream and was recorded there
            return HTTPResponse(status: status, headers: ["Content-Type": "text/html"],
                                body: Data("<html><body>403 Forbidden</body></html>".utf8))
        }
    }

    /// A fixture whose client goes through `transport(mock)` instead of the mock itself.
    private func fixture(
        transport: @escaping (FlowMockAlipayPlus) -> any HTTPTransport
    ) async throws -> FlowFixture {
        let clock = VirtualClock()
        let mock = FlowMockAlipayPlus(alipayKey: FlowKeys.alipay, clock: clock)
        await mock.installDefaults()
        let events = FlowEventLog()
        let client = AlipayPlusClient(
            configuration: try AlipayPlusClient.Configuration(
                clientId: FlowKeys.clientId, privateKey: FlowKeys.merchant,
                alipayPlusPublicKeys: AlipayPlusPublicKeys(FlowKeys.alipay.publicKey),
                environment: .custom(URL(string: "https://gateway.test")!),
                clock: clock, eventHandler: { events.record($0) }
            ),
            transport: transport(mock)
        )
        let configuration = AutoDebitCoordinator.Configuration(
            authClientId: "AUTH_CLIENT", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://merchant.test/alipayplus/return")!,
            merchant: Merchant(referenceMerchantId: "M0001", merchantMCC: "5732", merchantName: "Demo Ltd"),
            settlementCurrency: "HKD"
        )
        let store = LocalAutoDebitStore()
        let coordinator = try AutoDebitCoordinator(client: client, store: store, configuration: configuration)
        let fixture = FlowFixture(clock: clock, mock: mock, store: store, coordinator: coordinator, events: events)
        try await fixture.bound()
        return fixture
    }

    // MARK: Item 3: an answer about another payment

    func testASignedAnswerAboutAnotherPaymentNeverSettlesThisOne() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        // A genuine, signed inquiry answer, but about a 0.01 HKD payment PAY-SMALL.
        await f.mock.handle("inquiryPayment") { _ in
            .response(InquiryPaymentResponse(
                result: .success, paymentResult: .success, paymentRequestId: "PAY-SMALL", paymentId: "AP-SMALL",
                paymentAmount: FlowFixture.hkd(1)))
        }
        let outcome = try await f.coordinator.charge(FlowFixture.charge(99_900, id: "PAY-BIG"))
        if case .succeeded = outcome { XCTFail("an answer about PAY-SMALL settled PAY-BIG: \(outcome)") }
        let stored = try await f.store.payment(requestId: "PAY-BIG")
        XCTAssertNotEqual(stored?.state, .succeeded)
        XCTAssertNil(stored?.paymentId)
        let inquiries = await f.mock.count("inquiryPayment")
        XCTAssertGreaterThan(inquiries, 1, "a mismatched answer is unverifiable: inquire again")
        let mismatches = f.events.events(.answerMismatch, paymentRequestId: "PAY-BIG")
        XCTAssertFalse(mismatches.isEmpty)
        XCTAssertTrue(mismatches.first?.message?.contains("paymentRequestId") ?? false, "\(mismatches)")
    }

    func testAPayAnswerForAnotherAmountIsNotASuccess() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .response(PayResponse(result: .success, paymentId: "AP-X",
                                                         paymentAmount: FlowFixture.hkd(1))))
        await f.mock.handle("inquiryPayment") { _ in
            .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentRequestId: "PAY-AMT",
                                             paymentId: "AP-AMT", paymentAmount: FlowFixture.hkd(99_900)))
        }
        let outcome = try await f.coordinator.charge(FlowFixture.charge(99_900, id: "PAY-AMT"))
        guard case .succeeded(let record) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(record.paymentId, "AP-AMT", "the success comes from the matching inquiry, not the pay answer")
        let inquiries = await f.mock.count("inquiryPayment")
        XCTAssertEqual(inquiries, 1)
    }

    // MARK: Item 6: a non-2xx answer means the request was sent

    func testAPayAnsweredWithAProxyStatusIsResolvedByInquiryNotFailed() async throws {
        let f = try await fixture { StatusPageInFront(mock: $0, operation: "pay", status: 403) }
        await f.mock.handle("inquiryPayment") { request in
            .response(InquiryPaymentResponse(result: .success, paymentResult: .success,
                                             paymentRequestId: request.field("paymentRequestId"), paymentId: "AP-403"))
        }
        let outcome = try await f.coordinator.charge(FlowFixture.charge(99_900, id: "PAY-403"))
        guard case .succeeded(let record) = outcome else { return XCTFail("a 403 pay must be inquired: \(outcome)") }
        XCTAssertEqual(record.paymentId, "AP-403")
        let counts = await (f.mock.count("pay"), f.mock.count("inquiryPayment"))
        XCTAssertEqual(counts.0, 1, "exactly one pay is sent")
        XCTAssertGreaterThanOrEqual(counts.1, 1)
    }

    func testARefundAnsweredWithAProxyStatusStaysPending() async throws {
        let f = try await fixture { StatusPageInFront(mock: $0, operation: "refund", status: 403) }
        _ = try await f.coordinator.charge(FlowFixture.charge(1_000, id: "PAY-RF"))
        let outcome = try await f.coordinator.refund(paymentRequestId: "PAY-RF", amount: FlowFixture.hkd(400),
                                                     refundRequestId: "REF-403")
        guard case .pending = outcome else { return XCTFail("a 403 refund may have been processed: \(outcome)") }
    }

    // MARK: Item 7: notifications must be fresh and complete

    private func pendingPayment(
        configure: (inout AutoDebitCoordinator.Configuration) -> Void = { _ in }
    ) async throws -> FlowFixture {
        let f = await FlowFixture.make(configure: configure)
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .unknownException))
        await f.mock.handle("inquiryPayment") { _ in
            .response(InquiryPaymentResponse(result: .success, paymentResult: .status(.unknown, .paymentInProcess)))
        }
        _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-N"), waitForFinalOutcome: false)
        return f
    }

    func testASuccessNotificationWithoutPaymentAmountIsRefusedAndChangesNothing() async throws {
        let f = try await pendingPayment()
        let answer = await f.coordinator.handleInbound(
            try FlowInbound.notifyPayment("PAY-N", amount: nil, at: f.clock.now))
        XCTAssertEqual(answer.status, 400)
        XCTAssertTrue(String(decoding: answer.body, as: UTF8.self).contains("paymentAmount"))
        let stored = try await f.store.payment(requestId: "PAY-N")
        XCTAssertEqual(stored?.state, .pending)
    }

    func testAYearOldNotificationIsRefusedWithTheDefaultConfiguration() async throws {
        let f = try await pendingPayment()
        let yearAgo = f.clock.now.addingTimeInterval(-365 * 86_400)
        let answer = await f.coordinator.handleInbound(
            try FlowInbound.notifyPayment("PAY-N", amount: FlowFixture.hkd(599), at: yearAgo))
        XCTAssertEqual(answer.status, 401)
        let stored = try await f.store.payment(requestId: "PAY-N")
        XCTAssertEqual(stored?.state, .pending)
    }

    func testTheDefaultInboundTimeWindowIsOn() {
        let configuration = AutoDebitCoordinator.Configuration(
            authClientId: "A", authClientName: "B", authRedirectURL: URL(string: "https://m.test/r")!,
            merchant: Merchant(referenceMerchantId: "M", merchantMCC: "5732", merchantName: "M"),
            settlementCurrency: "HKD")
        XCTAssertEqual(configuration.inbound.timeWindow, .seconds(300))
    }

    // MARK: Item 12: refusals never quote what was sent

    func testAnInboundRefusalNamesTheFieldButNeverQuotesItsValue() async throws {
        let f = try await pendingPayment()
        let secret = "VALUE-THAT-MUST-NOT-BE-ECHOED"
        let body = Data(#"{"paymentRequestId":"PAY-N","acquirerId":"ACQ","paymentResult":{"resultCode":"SUCCESS","resultStatus":"S"},"paymentAmount":{"currency":"HKD","value":"599"},"paymentTime":"\#(secret)"}"#.utf8)
        let request = try FlowInbound.signed(path: FlowInbound.notifyPaymentPath, body: body, at: f.clock.now)
        let answer = await f.coordinator.handleInbound(request)
        XCTAssertEqual(answer.status, 400)
        let text = String(decoding: answer.body, as: UTF8.self)
        XCTAssertFalse(text.contains(secret), text)
        XCTAssertTrue(text.contains("paymentTime"), text)
        let stored = try await f.store.payment(requestId: "PAY-N")
        XCTAssertEqual(stored?.state, .pending)
    }
}
