import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// What the client puts on the wire, and how it reads a good answer.
final class ClientWireTests: XCTestCase {
    private let alipay = ClientAlipaySide()
    private let payPath = PayRequest.path

    func testRequestCarriesExactHeadersAndSignedBodyBytes() async throws {
        let clock = VirtualClock(start: try XCTUnwrap(AlipayPlusTimestamp.date(from: "2026-11-29T05:05:09Z")))
        let transport = ClientMockTransport { [alipay, payPath] _, _ in
            alipay.response(path: payPath, json: ClientTestSupport.successPayJSON)
        }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(clock: clock), transport: transport)
        let pay = ClientTestSupport.payRequest()

        _ = try await client.send(pay)

        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(transport.requests.count, 1)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.url.absoluteString, "https://sandbox-gateway.example/aps/api/v1/payments/pay")
        XCTAssertEqual(request.headers["Content-Type"], "application/json; charset=UTF-8")
        XCTAssertEqual(request.headers["Client-Id"], ClientTestSupport.clientId)
        XCTAssertEqual(request.headers["Request-Time"], AlipayPlusTimestamp.string(from: clock.now, precision: .seconds))
        XCTAssertEqual(request.headers["Request-Time"], "2026-11-29T05:05:09+00:00")
        XCTAssertEqual(request.body, try AlipayPlusJSON.encode(pay))
        XCTAssertEqual(request.timeout, .seconds(8), "pay uses its documented 8 s per-attempt timeout")

        let verdict = SignatureVerifier(keys: AlipayPlusPublicKeys(ClientTestKeys.merchant.publicKey)).verify(
            path: payPath, clientId: ClientTestSupport.clientId, time: try XCTUnwrap(request.headers["Request-Time"]),
            body: request.body, signatureHeader: request.headers["Signature"]
        )
        XCTAssertTrue(verdict.isValid, "the Signature must verify with the merchant public key over the exact body")
        let header = try SignatureHeader(parsing: try XCTUnwrap(request.headers["Signature"]))
        XCTAssertEqual(header.algorithm, "RSA256")
        XCTAssertEqual(header.keyVersion, "1")
        XCTAssertEqual(request.headers["Signature"], header.headerValue, "the header is written strictly")

        var tampered = request.body
        tampered.append(UInt8(ascii: " "))
        let tamperedVerdict = SignatureVerifier(keys: AlipayPlusPublicKeys(ClientTestKeys.merchant.publicKey)).verify(
            path: payPath, clientId: ClientTestSupport.clientId, time: try XCTUnwrap(request.headers["Request-Time"]),
            body: tampered, signatureHeader: request.headers["Signature"]
        )
        XCTAssertFalse(tamperedVerdict.isValid)
    }

    func testRequestTimeFollowsInjectedClockAndOffset() async throws {
        let clock = VirtualClock(start: try XCTUnwrap(AlipayPlusTimestamp.date(from: "2026-11-29T05:05:09Z")))
        let transport = ClientMockTransport { [alipay] _, _ in
            alipay.response(path: InquiryPaymentRequest.path, code: "SUCCESS", status: "S")
        }
        var configuration = ClientTestSupport.configuration(clock: clock)
        configuration.requestTimeUTCOffsetSeconds = 8 * 3600
        let client = AlipayPlusClient(configuration: configuration, transport: transport)
        clock.advance(by: .seconds(3600))

        _ = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))

        XCTAssertEqual(transport.requests.first?.headers["Request-Time"], "2026-11-29T14:05:09+08:00")
        XCTAssertEqual(transport.requests.first?.timeout, .seconds(5))
    }

    func testVerifiedSuccessIsDecodedWithItsResult() async throws {
        let transport = ClientMockTransport { [alipay, payPath] _, _ in
            alipay.response(path: payPath, json: ClientTestSupport.successPayJSON)
        }
        let events = ClientEventCollector()
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(events: events), transport: transport)

        let response = try await client.send(ClientTestSupport.payRequest())

        XCTAssertEqual(response.result.resultStatus, .success)
        XCTAssertEqual(response.result.resultCode, .success)
        XCTAssertEqual(response.paymentId, "2026112919074101000001")
        XCTAssertEqual(response.paymentAmount, Amount(currency: "USD", minorUnits: 1999))
        XCTAssertEqual(events.events.map(\.kind), [.requestStarted, .requestFinished])
        XCTAssertEqual(events.events.last?.paymentRequestId, "PAY-20261129-0001")
    }

    func testFailureAndUnknownResultsOfPayAreDataNotErrors() async throws {
        for (code, status, expected) in [("USER_BALANCE_NOT_ENOUGH", "F", ResultStatus.failure),
                                         ("PAYMENT_IN_PROCESS", "U", ResultStatus.unknown)] {
            let transport = ClientMockTransport { [alipay, payPath] _, _ in
                alipay.response(path: payPath, code: code, status: status)
            }
            let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(), transport: transport)

            let response = try await client.send(ClientTestSupport.payRequest())

            XCTAssertEqual(response.result.resultStatus, expected)
            XCTAssertEqual(response.result.resultCode.rawValue, code)
            XCTAssertEqual(transport.requests.count, 1, "a pay answered \(status) is never re-sent by the client")
        }
    }

    func testSendExpectingSuccessTurnsFailureIntoBusinessFailure() async throws {
        let transport = ClientMockTransport { [alipay, payPath] _, _ in
            alipay.response(path: payPath, code: "USER_BALANCE_NOT_ENOUGH", status: "F")
        }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(), transport: transport)

        do {
            _ = try await client.sendExpectingSuccess(ClientTestSupport.payRequest())
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .businessFailure)
            XCTAssertEqual(error.resultCode?.rawValue, "USER_BALANCE_NOT_ENOUGH")
            XCTAssertEqual(error.resultStatus, .failure)
            XCTAssertFalse(error.requestMayHaveBeenProcessed)
        }
    }

    func testSandboxClientIdOnProductionHostWarnsAtStartup() {
        let events = ClientEventCollector()
        let configuration = ClientTestSupport.configuration(environment: .otherRegionsAccelerated, events: events)
        _ = AlipayPlusClient(configuration: configuration, transport: ClientMockTransport { _, _ in HTTPResponse(status: 500) })

        let warnings = events.events.filter { $0.kind == .warning }
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings.first?.message?.contains("sandbox") == true, "\(warnings)")
    }

    func testProductionClientIdOnNonProductionHostWarnsAtStartup() {
        let events = ClientEventCollector()
        let configuration = ClientTestSupport.configuration(clientId: "5YC47N2ZQHJ004124", events: events)
        _ = AlipayPlusClient(configuration: configuration, transport: ClientMockTransport { _, _ in HTTPResponse(status: 500) })

        let warnings = events.events.filter { $0.kind == .warning }
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings.first?.message?.contains("production id") == true, "\(warnings)")
    }

    func testMatchingClientIdAndHostGiveNoWarning() {
        let events = ClientEventCollector()
        _ = AlipayPlusClient(configuration: ClientTestSupport.configuration(events: events),
                             transport: ClientMockTransport { _, _ in HTTPResponse(status: 500) })
        _ = AlipayPlusClient(configuration: ClientTestSupport.configuration(environment: .northAmerica,
                                                                            clientId: "5YC47N2ZQHJ004124", events: events),
                             transport: ClientMockTransport { _, _ in HTTPResponse(status: 500) })
        _ = AlipayPlusClient(configuration: ClientTestSupport.configuration(environment: .custom(URL(string: "http://127.0.0.1:8080")!),
                                                                            clientId: "5YC47N2ZQHJ004124", events: events),
                             transport: ClientMockTransport { _, _ in HTTPResponse(status: 500) })

        XCTAssertEqual(events.events.filter { $0.kind == .warning }.count, 0, "\(events.events)")
    }

    func testEnvironmentJoinsBaseURLAndPath() {
        XCTAssertEqual(AlipayPlusEnvironment.northAmericaAccelerated.url(forPath: PayRequest.path).absoluteString,
                       "https://open-na-global.alipayplus.com/aps/api/v1/payments/pay")
        XCTAssertEqual(AlipayPlusEnvironment.custom(URL(string: "https://gw.example/")!).url(forPath: "/aps/api/v1/x").absoluteString,
                       "https://gw.example/aps/api/v1/x")
        XCTAssertTrue(AlipayPlusEnvironment.custom(URL(string: "https://OPEN-SEA.alipayplus.com")!).isDocumentedProductionHost)
    }
}
