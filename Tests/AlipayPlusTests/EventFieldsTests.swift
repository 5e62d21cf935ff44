import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// The fields log, metrics and tracing sinks read from events: severity, start instant, duration,
/// attempts, ids and results, and never a secret.
final class EventFieldsTests: XCTestCase {
    // MARK: Severity

    /// The severity rule as a table: every kind the library emits, with its level.
    private static let severities: [(AlipayPlusEvent.Kind, AlipayPlusEvent.Severity)] = [
        (.requestStarted, .debug),
        (.requestFinished, .debug),
        (.attemptFailed, .notice),
        (.requestFailed, .warning),
        (.answerMismatch, .error),
        (.warning, .warning),
        (.bindingCompleted, .info),
        (.tokenRefreshed, .info),
        (.bindingNeedsReauthorization, .notice),
        (.bindingRemoved, .info),
        (.paymentStarted, .info),
        (.paymentPending, .notice),
        (.paymentSucceeded, .info),
        (.paymentFailed, .notice),
        (.paymentCanceled, .notice),
        (.paymentConflict, .error),
        (.refundSucceeded, .info),
        (.refundFailed, .notice),
        (.refundPending, .notice),
        (.notificationApplied, .info),
        (.notificationRejected, .warning),
        (.notificationMismatch, .error),
    ]

    func testEveryEventKindHasTheSeverityOfTheTable() {
        for (kind, severity) in Self.severities {
            XCTAssertEqual(kind.severity, severity, "\(kind)")
            XCTAssertEqual(AlipayPlusEvent(kind).severity, severity, "\(kind)")
        }
    }

    func testSeveritiesAreOrderedFromDebugToError() {
        XCTAssertEqual(AlipayPlusEvent.Severity.allCases, [.debug, .info, .notice, .warning, .error])
        XCTAssertEqual(AlipayPlusEvent.Severity.allCases.sorted(), AlipayPlusEvent.Severity.allCases)
        XCTAssertEqual(AlipayPlusEvent.Severity.allCases.map(\.description), ["debug", "info", "notice", "warning", "error"])
    }

    // MARK: Outbound calls

    func testAnAnsweredCallCarriesItsStartDurationAttemptsAndResult() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        let started = f.clock.now
        _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-1"))
        let pay = try XCTUnwrap(f.events.events(.requestFinished).first { $0.operation == PayRequest.name })
        XCTAssertEqual(pay.startedAt, started)
        XCTAssertNotNil(pay.latency)
        XCTAssertEqual(pay.attempt, 1)
        XCTAssertEqual(pay.resultStatus, .success)
        XCTAssertEqual(pay.resultCode, .success)
        XCTAssertEqual(pay.paymentRequestId, "PAY-1")
        let begun = try XCTUnwrap(f.events.events(.requestStarted).first { $0.operation == PayRequest.name })
        XCTAssertEqual(begun.startedAt, started)
    }

    func testARetriedCallReportsHowManyAttemptsItMadeAndHowLongItTook() async throws {
        // No jitter: a full-jitter delay under half a millisecond reads as a latency of zero (whole ms).
        let f = await FlowFixture.make(retryPolicy: ExponentialRetryPolicy(jitter: .none))
        try await f.bound()
        await f.mock.enqueue("pay", .failure(TransportError(code: .connectionFailed, delivery: .notSent)))
        let started = f.clock.now
        _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-1"))
        let retry = try XCTUnwrap(f.events.events(.attemptFailed).first)
        XCTAssertEqual(retry.attempt, 1)
        XCTAssertEqual(retry.startedAt, started)
        let pay = try XCTUnwrap(f.events.events(.requestFinished).first { $0.operation == PayRequest.name })
        XCTAssertEqual(pay.attempt, 2)
        XCTAssertEqual(pay.startedAt, started)
        XCTAssertGreaterThan(try XCTUnwrap(pay.latency), .zero)   // the virtual clock moved by the retry's delay
    }

    func testAFailedCallCarriesItsStartDurationAndAttempts() async throws {
        let f = await FlowFixture.make()
        await f.mock.enqueue("refund", .failure(TransportError(code: .timedOut, delivery: .possiblySent)))
        let client = AlipayPlusClient(
            configuration: try AlipayPlusClient.Configuration(
                clientId: FlowKeys.clientId, privateKey: FlowKeys.merchant,
                alipayPlusPublicKeys: AlipayPlusPublicKeys(FlowKeys.alipay.publicKey),
                environment: .custom(URL(string: "https://gateway.test")!), retryPolicy: .none, clock: f.clock,
                eventHandler: { f.events.record($0) }),
            transport: f.mock)
        let started = f.clock.now
        _ = try? await client.send(RefundRequest(
            paymentRequestId: "PAY-1", refundRequestId: "REF-1", refundAmount: FlowFixture.hkd(100)))
        let failed = try XCTUnwrap(f.events.events(.requestFailed).first)
        XCTAssertEqual(failed.operation, RefundRequest.name)
        XCTAssertEqual(failed.startedAt, started)
        XCTAssertNotNil(failed.latency)
        XCTAssertEqual(failed.attempt, 1)
        XCTAssertEqual(failed.paymentRequestId, "PAY-1")
        XCTAssertEqual(failed.refundRequestId, "REF-1")
    }

    // MARK: Bindings and payments

    func testBindingAndPaymentEventsNameTheirBinding() async throws {
        let f = await FlowFixture.make()
        let start = try await f.coordinator.beginBinding(for: FlowFixture.user)
        var redirect = URLComponents(string: "https://merchant.test/alipayplus/return")!
        redirect.queryItems = [URLQueryItem(name: "authCode", value: "CODE1"),
                               URLQueryItem(name: "authState", value: start.authState)]
        let binding = try await f.coordinator.completeBinding(redirectURL: redirect.url!)
        XCTAssertEqual(f.events.events(.bindingCompleted).map(\.bindingId), [binding.bindingId])
        _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-1"))
        XCTAssertEqual(f.events.events(.paymentStarted).map(\.bindingId), [binding.bindingId])
        XCTAssertEqual(f.events.events(.paymentSucceeded).map(\.bindingId), [binding.bindingId])
        try await f.coordinator.unbind(bindingId: binding.bindingId)
        XCTAssertEqual(f.events.events(.bindingRemoved).map(\.bindingId), [binding.bindingId])
    }

    func testARefundEventNamesItsPaymentAndRefund() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-1"))
        let refund = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(100))
        let succeeded = try XCTUnwrap(f.events.events(.refundSucceeded).first)
        XCTAssertEqual(succeeded.paymentRequestId, "PAY-1")
        XCTAssertEqual(succeeded.refundRequestId, refund.refund.refundRequestId)
    }

    // MARK: Inbound calls

    func testAnAppliedNotificationCarriesItsStartDurationStatusAndPayment() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .paymentInProcess))
        _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-1"), waitForFinalOutcome: false)
        let started = f.clock.now
        let notice = try FlowInbound.notifyPayment("PAY-1", amount: FlowFixture.hkd(599), at: started)
        let answer = await f.coordinator.handleInbound(notice)
        XCTAssertEqual(answer.status, 200)
        let applied = try XCTUnwrap(f.events.events(.notificationApplied).first)
        XCTAssertEqual(applied.operation, NotifyPaymentRequest.name)
        XCTAssertEqual(applied.startedAt, started)
        XCTAssertNotNil(applied.latency)
        XCTAssertEqual(applied.httpStatus, 200)
        XCTAssertEqual(applied.paymentRequestId, "PAY-1")
    }

    func testARefusedNotificationCarriesItsStartDurationAndStatusButNoIdFromItsBody() async throws {
        let f = await FlowFixture.make()
        let forger = try RSAPrivateKey.generate()
        let started = f.clock.now
        let body = NotifyPaymentRequest(
            paymentResult: .status(.success, .success), paymentRequestId: "PAY-FORGED", paymentId: "AP-1",
            acquirerId: "ACQ", paymentAmount: FlowFixture.hkd(599))
        let forged = try FlowInbound.request(path: FlowInbound.notifyPaymentPath, body: body, at: started, key: forger)
        let answer = await f.coordinator.handleInbound(forged)
        XCTAssertEqual(answer.status, 401)
        let refused = try XCTUnwrap(f.events.events(.notificationRejected).first)
        XCTAssertEqual(refused.startedAt, started)
        XCTAssertNotNil(refused.latency)
        XCTAssertEqual(refused.httpStatus, 401)
        XCTAssertNil(refused.paymentRequestId)   // an unverified body names nothing the events believe
    }

    func testAnEventsLogLineIsOneLineEvenWhenItsExplanationHasSeveral() async throws {
        let f = await FlowFixture.make()
        let body = NotifyPaymentRequest(
            paymentResult: .status(.success, .success), paymentRequestId: "PAY-1", paymentId: "AP-1",
            acquirerId: "ACQ", paymentAmount: FlowFixture.hkd(599))
        let forged = try FlowInbound.request(path: FlowInbound.notifyPaymentPath, body: body, at: f.clock.now,
                                             key: try RSAPrivateKey.generate())
        _ = await f.coordinator.handleInbound(forged)
        let refused = try XCTUnwrap(f.events.events(.notificationRejected).first)
        XCTAssertTrue(try XCTUnwrap(refused.message).contains("\n"))   // the signature check's full report
        XCTAssertFalse(refused.description.contains("\n"))
        let line = try XCTUnwrap(refused.singleLineMessage)
        XCTAssertFalse(line.contains("\n"))
        XCTAssertTrue(line.contains("Likely causes:"))   // nothing dropped
    }

    func testASingleLineMessageJoinsTheLinesOfTheMessage() {
        let table: [(String?, String?)] = [
            (nil, nil),
            ("one line", "one line"),
            ("first\n  second\n\nthird  ", "first; second; third"),
            ("a\r\nb", "a; b"),
            ("  \n  ", ""),
        ]
        for (message, line) in table {
            XCTAssertEqual(AlipayPlusEvent(.warning, message: message).singleLineMessage, line, "\(String(describing: message))")
        }
    }

    // MARK: Secrets

    func testNoEventCarriesATokenAnAuthCodeOrASignature() async throws {
        let f = await FlowFixture.make()
        let start = try await f.coordinator.beginBinding(for: FlowFixture.user)
        var redirect = URLComponents(string: "https://merchant.test/alipayplus/return")!
        redirect.queryItems = [URLQueryItem(name: "authCode", value: "AUTHCODE-SECRET-c0ffee"),
                               URLQueryItem(name: "authState", value: start.authState)]
        let binding = try await f.coordinator.completeBinding(redirectURL: redirect.url!)
        _ = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-1"))
        _ = try await f.coordinator.refund(paymentRequestId: "PAY-1", amount: FlowFixture.hkd(100))
        let consult = try FlowInbound.consultUnbinding(accessToken: binding.accessToken.revealed, at: f.clock.now)
        _ = try await f.whileRunning { await f.coordinator.handleInbound(consult) }
        let forged = try FlowInbound.consultUnbinding(accessToken: "ACCESS-SECRET-7f3a9c", at: f.clock.now)
        var tampered = forged
        tampered.body = Data(String(decoding: forged.body, as: UTF8.self)
            .replacingOccurrences(of: "ACQ", with: "ACX").utf8)
        _ = await f.coordinator.handleInbound(tampered)
        let pays = await f.mock.requests("pay")
        let signatures = pays.compactMap { $0.headers["Signature"] }
            + [consult.headers["Signature"], forged.headers["Signature"]].compactMap { $0 }
        let secrets = ["AUTHCODE-SECRET-c0ffee", binding.accessToken.revealed, "ACCESS-SECRET-7f3a9c"]
            + [binding.refreshToken?.revealed].compactMap { $0 }
            + signatures.map { String($0.suffix(24)) }
        let events = AlipayPlusEvent.Kind.observed(in: f.events)
        XCTAssertFalse(events.isEmpty)
        for event in events {
            var dumped = ""
            dump(event, to: &dumped)
            for secret in secrets {
                XCTAssertFalse(event.description.contains(secret), "\(event.kind) describes a secret")
                XCTAssertFalse(dumped.contains(secret), "\(event.kind) holds a secret")
            }
        }
    }
}

extension AlipayPlusEvent.Kind {
    /// Every event `log` recorded, in kind order.
    fileprivate static func observed(in log: FlowEventLog) -> [AlipayPlusEvent] {
        [Self.requestStarted, .requestFinished, .attemptFailed, .requestFailed, .answerMismatch, .warning,
         .bindingCompleted, .tokenRefreshed, .bindingNeedsReauthorization, .bindingRemoved, .paymentStarted,
         .paymentPending, .paymentSucceeded, .paymentFailed, .paymentCanceled, .paymentConflict, .refundSucceeded,
         .refundFailed, .refundPending, .notificationApplied, .notificationRejected, .notificationMismatch]
            .flatMap { log.events($0) }
    }
}
