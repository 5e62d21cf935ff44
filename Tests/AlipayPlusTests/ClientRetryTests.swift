import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// Which failures are retried, with what, and when retrying stops.
final class ClientRetryTests: XCTestCase {
    private let alipay = ClientAlipaySide()

    private func client(
        _ transport: ClientMockTransport, clock: VirtualClock = VirtualClock(),
        retryPolicy: any RetryPolicy = ClientTestSupport.fastRetries(), timeouts: AlipayPlusClient.Configuration.Timeouts = .init()
    ) -> AlipayPlusClient {
        AlipayPlusClient(
            configuration: ClientTestSupport.configuration(clock: clock, retryPolicy: retryPolicy, timeouts: timeouts),
            transport: transport)
    }

    private func assertIdenticalBodies(_ requests: [HTTPRequest], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertGreaterThan(requests.count, 1, file: file, line: line)
        for request in requests.dropFirst() {
            XCTAssertEqual(request.body, requests[0].body, "every attempt sends the same bytes", file: file, line: line)
        }
    }

    // MARK: pay

    func testPayNotSentConnectionFailureIsRetried() async throws {
        let transport = ClientMockTransport { [alipay] request, attempt in
            if attempt == 1 { throw TransportError.connectionFailed(url: request.url, underlying: "ECONNREFUSED") }
            return alipay.response(path: PayRequest.path, json: ClientTestSupport.successPayJSON)
        }

        let response = try await client(transport).send(ClientTestSupport.payRequest())

        XCTAssertEqual(response.result.resultStatus, .success)
        XCTAssertEqual(transport.requests.count, 2)
        assertIdenticalBodies(transport.requests)
    }

    func testTimedOutPayIsNeverResent() async throws {
        let transport = ClientMockTransport { request, _ in
            throw TransportError.timedOut(url: request.url)
        }
        do {
            _ = try await client(transport).send(ClientTestSupport.payRequest())
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .transport)
            XCTAssertTrue(error.requestMayHaveBeenProcessed)
            XCTAssertEqual(error.attempts, 1)
            XCTAssertEqual(error.requestId, "PAY-20261129-0001")
            XCTAssertTrue(error.description.contains("inquiry"), error.description)
        }
        XCTAssertEqual(transport.requests.count, 1, "exactly one pay on the wire")
    }

    func testConnectionLostPayIsNeverResent() async throws {
        let transport = ClientMockTransport { request, _ in throw TransportError.connectionLost(url: request.url) }
        do {
            _ = try await client(transport).send(ClientTestSupport.payRequest())
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertTrue(error.requestMayHaveBeenProcessed)
        }
        XCTAssertEqual(transport.requests.count, 1)
    }

    func testPayAnsweredWithServerErrorIsNotResent() async throws {
        let transport = ClientMockTransport { _, _ in HTTPResponse(status: 503) }
        do {
            _ = try await client(transport).send(ClientTestSupport.payRequest())
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .httpStatus)
            XCTAssertTrue(error.requestMayHaveBeenProcessed)
        }
        XCTAssertEqual(transport.requests.count, 1)
    }

    func testTrafficLimitIsRetriedWithSameBodyBytes() async throws {
        let transport = ClientMockTransport { [alipay] _, attempt in
            attempt < 3
                ? alipay.response(path: PayRequest.path, code: "REQUEST_TRAFFIC_EXCEED_LIMIT", status: "U")
                : alipay.response(path: PayRequest.path, json: ClientTestSupport.successPayJSON)
        }

        let response = try await client(transport).send(ClientTestSupport.payRequest())

        XCTAssertEqual(response.result.resultStatus, .success)
        XCTAssertEqual(transport.requests.count, 3)
        assertIdenticalBodies(transport.requests)
        XCTAssertTrue(transport.requests.allSatisfy { String(decoding: $0.body, as: UTF8.self).contains("PAY-20261129-0001") })
    }

    func testTrafficLimitHonoursRetryAfterOnTheSignedAnswer() async throws {
        let clock = VirtualClock()
        let times = TimeLog()
        let transport = ClientMockTransport { [alipay] _, attempt in
            times.append(clock.now)
            return attempt == 1
                ? alipay.response(path: PayRequest.path,
                                  json: #"{"result":{"resultCode":"REQUEST_TRAFFIC_EXCEED_LIMIT","resultStatus":"U"}}"#,
                                  extraHeaders: [("Retry-After", "4")])
                : alipay.response(path: PayRequest.path, json: ClientTestSupport.successPayJSON)
        }

        _ = try await client(transport, clock: clock).send(ClientTestSupport.payRequest())

        XCTAssertEqual(times.values.count, 2)
        XCTAssertGreaterThanOrEqual(times.values[1].timeIntervalSince(times.values[0]), 4)
    }

    func testTrafficLimitAfterLastRetryIsReturnedAsData() async throws {
        let transport = ClientMockTransport { [alipay] _, _ in
            alipay.response(path: PayRequest.path, code: "REQUEST_TRAFFIC_EXCEED_LIMIT", status: "U")
        }

        let response = try await client(transport, retryPolicy: ClientTestSupport.fastRetries(2))
            .send(ClientTestSupport.payRequest())

        XCTAssertEqual(response.result.resultCode, .requestTrafficExceedLimit)
        XCTAssertEqual(response.result.resultStatus, .unknown)
        XCTAssertEqual(transport.requests.count, 3, "the original attempt and two retries")
    }

    func testTooManyRequestsHonoursRetryAfter() async throws {
        let clock = VirtualClock()
        let times = TimeLog()
        let transport = ClientMockTransport { [alipay] _, attempt in
            times.append(clock.now)
            return attempt == 1
                ? HTTPResponse(status: 429, headers: ["Retry-After": "7"])
                : alipay.response(path: PayRequest.path, json: ClientTestSupport.successPayJSON)
        }

        _ = try await client(transport, clock: clock).send(ClientTestSupport.payRequest())

        XCTAssertEqual(transport.requests.count, 2)
        let waited = times.values[1].timeIntervalSince(times.values[0])
        XCTAssertGreaterThanOrEqual(waited, 7, "the retry waits at least Retry-After")
        XCTAssertLessThan(waited, 7.5, "and not much more than the policy's own delay")
    }

    // MARK: idempotent operations

    func testInquiryUnknownResultIsRetried() async throws {
        let transport = ClientMockTransport { [alipay] _, attempt in
            attempt == 1
                ? alipay.response(path: InquiryPaymentRequest.path, code: "UNKNOWN_EXCEPTION", status: "U")
                : alipay.response(path: InquiryPaymentRequest.path, code: "SUCCESS", status: "S")
        }

        let response = try await client(transport).send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))

        XCTAssertEqual(response.result.resultStatus, .success)
        XCTAssertEqual(transport.requests.count, 2)
        assertIdenticalBodies(transport.requests)
    }

    func testInquiryServerErrorIsRetried() async throws {
        let transport = ClientMockTransport { [alipay] _, attempt in
            attempt == 1
                ? HTTPResponse(status: 500, body: Data("oops".utf8))
                : alipay.response(path: InquiryPaymentRequest.path, code: "SUCCESS", status: "S")
        }

        let response = try await client(transport).send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))

        XCTAssertEqual(response.result.resultStatus, .success)
        XCTAssertEqual(transport.requests.count, 2)
    }

    func testInquiryClientErrorIsNotRetried() async throws {
        let transport = ClientMockTransport { _, _ in HTTPResponse(status: 400) }
        do {
            _ = try await client(transport).send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .httpStatus)
            XCTAssertEqual(error.httpStatus, 400)
        }
        XCTAssertEqual(transport.requests.count, 1)
    }

    func testInquiryUnknownAfterLastRetryIsReturnedAsData() async throws {
        let transport = ClientMockTransport { [alipay] _, _ in
            alipay.response(path: InquiryPaymentRequest.path, code: "UNKNOWN_EXCEPTION", status: "U")
        }

        let response = try await client(transport, retryPolicy: ClientTestSupport.fastRetries(1))
            .send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))

        XCTAssertEqual(response.result.resultStatus, .unknown)
        XCTAssertEqual(transport.requests.count, 2)
    }

    func testRefundIsRetriedWithSameRefundRequestIdAndBytes() async throws {
        let transport = ClientMockTransport { [alipay] request, attempt in
            switch attempt {
            case 1: throw TransportError.timedOut(url: request.url)
            case 2: return HTTPResponse(status: 502, body: Data("<html>bad gateway</html>".utf8))
            default: return alipay.response(path: RefundRequest.path,
                                            json: #"{"refundId":"R-9","result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#)
            }
        }
        let refund = RefundRequest(paymentRequestId: "PAY-1", refundRequestId: "REFUND-77",
                                   refundAmount: Amount(currency: "USD", minorUnits: 500))

        let response = try await client(transport).send(refund)

        XCTAssertEqual(response.result.resultStatus, .success)
        XCTAssertEqual(response.refundId, "R-9")
        XCTAssertEqual(transport.requests.count, 3)
        assertIdenticalBodies(transport.requests)
        for request in transport.requests {
            let json = try JSONSerialization.jsonObject(with: request.body) as? [String: Any]
            XCTAssertEqual(json?["refundRequestId"] as? String, "REFUND-77")
        }
    }

    func testRetryAfterOnServerErrorIsHonoured() async throws {
        let clock = VirtualClock()
        let times = TimeLog()
        let transport = ClientMockTransport { [alipay] _, attempt in
            times.append(clock.now)
            return attempt == 1
                ? HTTPResponse(status: 503, headers: ["Retry-After": "3"])
                : alipay.response(path: InquiryPaymentRequest.path, code: "SUCCESS", status: "S")
        }

        _ = try await client(transport, clock: clock).send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))

        XCTAssertEqual(times.values.count, 2)
        XCTAssertGreaterThanOrEqual(times.values[1].timeIntervalSince(times.values[0]), 3)
    }

    // MARK: deadline and cancellation

    func testRetriesStopAtTheOverallDeadline() async throws {
        let clock = VirtualClock()
        let start = clock.now
        let transport = ClientMockTransport { request, _ in
            clock.advance(by: .seconds(2))
            throw TransportError.timedOut(url: request.url)
        }
        let policy = ClientTestSupport.fastRetries(50)

        do {
            _ = try await client(transport, clock: clock, retryPolicy: policy, timeouts: .init(overall: .seconds(5)))
                .send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertTrue([.transport, .deadlineExceeded].contains(error.code), "\(error.code)")
            XCTAssertTrue(error.requestMayHaveBeenProcessed)
        }
        XCTAssertLessThan(transport.requests.count, 50, "the deadline stops retries before the policy does")
        XCTAssertEqual(transport.requests.count, 3)
        XCTAssertLessThanOrEqual(clock.now.timeIntervalSince(start), 6.5)
    }

    func testLaterAttemptsGetOnlyTheRemainingTime() async throws {
        let clock = VirtualClock()
        let transport = ClientMockTransport { [alipay] request, attempt in
            if attempt == 1 {
                clock.advance(by: .seconds(2))
                throw TransportError.timedOut(url: request.url)
            }
            return alipay.response(path: InquiryPaymentRequest.path, code: "SUCCESS", status: "S")
        }

        _ = try await client(transport, clock: clock, timeouts: .init(overall: .seconds(6)))
            .send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))

        XCTAssertEqual(transport.requests.map(\.timeout), [.seconds(5), .milliseconds(3900)])
    }

    func testCancellingTheCallerStopsAnAttemptInFlight() async throws {
        let started = expectation(description: "request sent")
        let transport = ClientMockTransport { _, _ in
            started.fulfill()
            try await Task.sleep(for: .seconds(60))
            return HTTPResponse(status: 500)
        }
        let client = client(transport)
        let task = Task { try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-1")) }
        await fulfillment(of: [started], timeout: 30)
        task.cancel()

        do {
            _ = try await task.value
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .cancelled)
        }
        XCTAssertEqual(transport.requests.count, 1)
    }

    func testCancellingTheCallerStopsTheBackoffWait() async throws {
        let transport = ClientMockTransport { _, _ in
            withUnsafeCurrentTask { $0?.cancel() }
            return HTTPResponse(status: 503)
        }
        do {
            _ = try await client(transport).send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .cancelled)
            XCTAssertEqual(error.attempts, 1)
            XCTAssertTrue(error.requestMayHaveBeenProcessed)
        }
        XCTAssertEqual(transport.requests.count, 1)
    }

    func testTransportCancelledErrorIsReportedAsCancelled() async throws {
        let transport = ClientMockTransport { request, _ in throw TransportError.cancelled(url: request.url) }
        do {
            _ = try await client(transport).send(ClientTestSupport.payRequest())
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .cancelled)
            XCTAssertTrue(error.requestMayHaveBeenProcessed)
        }
        XCTAssertEqual(transport.requests.count, 1)
    }

    func testInsecureURLIsNotRetried() async throws {
        let transport = ClientMockTransport { request, _ in
            throw TransportError.insecureURL(request.url, reason: "plain http to a remote host")
        }
        do {
            _ = try await client(transport).send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .transport)
            XCTAssertFalse(error.requestMayHaveBeenProcessed)
        }
        XCTAssertEqual(transport.requests.count, 1)
    }

    func testRetriesEmitAttemptFailedEvents() async throws {
        let events = ClientEventCollector()
        let transport = ClientMockTransport { [alipay] _, attempt in
            attempt == 1 ? HTTPResponse(status: 503)
                : alipay.response(path: InquiryPaymentRequest.path, code: "SUCCESS", status: "S")
        }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(events: events), transport: transport)

        _ = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))

        XCTAssertEqual(events.events.map(\.kind), [.requestStarted, .attemptFailed, .requestFinished])
        XCTAssertEqual(events.events[1].attempt, 1)
        XCTAssertEqual(events.events[1].httpStatus, 503)
    }
}

/// Times observed by a transport closure.
final class TimeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Date] = []
    func append(_ date: Date) { lock.withLock { stored.append(date) } }
    var values: [Date] { lock.withLock { stored } }
}
