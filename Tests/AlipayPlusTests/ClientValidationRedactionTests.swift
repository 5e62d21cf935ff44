import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// Bad requests never leave; secrets never reach an error, an event or an excerpt.
final class ClientValidationRedactionTests: XCTestCase {
    private let alipay = ClientAlipaySide()

    func testValidationListsEveryProblemAndSendsNothing() async throws {
        let events = ClientEventCollector()
        let transport = ClientMockTransport { _, _ in XCTFail("nothing may be sent"); return HTTPResponse(status: 500) }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(events: events), transport: transport)
        var pay = ClientTestSupport.payRequest(id: "")
        pay.order.merchant.referenceMerchantId = String(repeating: "M", count: 40)
        pay.settlementStrategy.settlementCurrency = "USDX"

        do {
            _ = try await client.send(pay)
            XCTFail("expected a validation error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .validation)
            XCTAssertFalse(error.requestMayHaveBeenProcessed)
            XCTAssertEqual(error.attempts, 0)
            let paths = Set(error.validationProblems.map(\.path))
            XCTAssertTrue(paths.isSuperset(of: ["paymentRequestId", "order.merchant.referenceMerchantId",
                                                "settlementStrategy.settlementCurrency"]), "\(paths)")
            for problem in error.validationProblems {
                XCTAssertTrue(error.description.contains(problem.description), error.description)
            }
        }
        XCTAssertTrue(transport.requests.isEmpty)
        XCTAssertEqual(events.events.map(\.kind), [.requestStarted, .requestFailed])
    }

    func testValidationOfOverlongTokenDoesNotPrintIt() async throws {
        let token = "TOKEN-" + String(repeating: "z", count: 200)
        let transport = ClientMockTransport { _, _ in HTTPResponse(status: 500) }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(), transport: transport)
        do {
            _ = try await client.send(ClientTestSupport.payRequest(token: token))
            XCTFail("expected a validation error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .validation)
            XCTAssertFalse(error.description.contains("zzzzzzzz"), error.description)
        }
        XCTAssertTrue(transport.requests.isEmpty)
    }

    // MARK: redaction

    private var secrets: [String] {
        [ClientTestSupport.accessToken, ClientTestSupport.refreshToken, ClientTestSupport.authCode]
    }

    /// Asserts that no secret, and no request or response signature, appears anywhere observable.
    private func assertNothingLeaks(
        _ error: AlipayPlusError, events: ClientEventCollector, transport: ClientMockTransport,
        extraSecrets: [String] = [], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var needles = secrets + extraSecrets
        for request in transport.requests {
            let header = try SignatureHeader(parsing: try XCTUnwrap(request.headers["Signature"]))
            needles.append(header.signature.base64EncodedString())
            needles.append(try XCTUnwrap(request.headers["Signature"]))
        }
        var haystacks = [error.description, "\(error)", String(reflecting: error), error.bodyExcerpt ?? "", error.message]
        haystacks += events.events.map(\.description)
        haystacks += events.events.map { String(reflecting: $0) }
        for needle in needles {
            for haystack in haystacks {
                XCTAssertFalse(haystack.contains(needle), "secret \(needle.prefix(12))… leaked in: \(haystack)",
                               file: file, line: line)
            }
        }
    }

    func testSecretsInUnverifiedResponseAreRedacted() async throws {
        var impostor = alipay
        impostor.key = ClientTestKeys.stranger
        let body = #"{"accessToken":"\#(ClientTestSupport.accessToken)","refreshToken":"\#(ClientTestSupport.refreshToken)","result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#
        let response = impostor.response(path: ApplyTokenRequest.path, json: body)
        let signatureValue = try XCTUnwrap(response.headers["Signature"])
        let rawSignature = try SignatureHeader(parsing: signatureValue).signature.base64EncodedString()
        let events = ClientEventCollector()
        let transport = ClientMockTransport { _, _ in response }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(events: events), transport: transport)
        let request = ApplyTokenRequest.authorizationCode(authClientId: "AUTH-CLIENT-1",
                                                          authCode: Secret(ClientTestSupport.authCode))

        do {
            _ = try await client.send(request)
            XCTFail("expected a signature error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .signature)
            XCTAssertTrue(error.bodyExcerpt?.contains("<redacted>") == true)
            try assertNothingLeaks(error, events: events, transport: transport, extraSecrets: [signatureValue, rawSignature])
        }
    }

    func testSecretsInHTTPErrorBodyOfCancelTokenAreRedacted() async throws {
        let events = ClientEventCollector()
        let body = #"{"accessToken": "\#(ClientTestSupport.accessToken)", "authCode":"\#(ClientTestSupport.authCode)", "signature":"c2lnbmF0dXJl"}"#
        let transport = ClientMockTransport { _, _ in HTTPResponse(status: 500, body: Data(body.utf8)) }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(events: events), transport: transport)

        do {
            _ = try await client.send(CancelTokenRequest(accessToken: Secret(ClientTestSupport.accessToken),
                                                         authClientId: "AUTH-CLIENT-1"))
            XCTFail("expected an HTTP status error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .httpStatus)
            XCTAssertNil(error.requestId, "cancelToken's idempotency key is the access token: never logged")
            XCTAssertGreaterThan(transport.requests.count, 1, "cancelToken is idempotent: 5xx is retried")
            try assertNothingLeaks(error, events: events, transport: transport, extraSecrets: ["c2lnbmF0dXJl"])
        }
    }

    func testSecretsInUndecodableVerifiedBodyAreRedacted() async throws {
        let events = ClientEventCollector()
        let personal = "CUSTOMER-4111111111111111"
        let body = #"{"accessToken":"\#(ClientTestSupport.accessToken)","accessTokenExpiryTime":"\#(personal)","refreshToken":"\#(ClientTestSupport.refreshToken)","result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#
        let transport = ClientMockTransport { [alipay] _, _ in alipay.response(path: ApplyTokenRequest.path, json: body) }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(events: events), transport: transport)
        let request = ApplyTokenRequest.refreshToken(authClientId: "AUTH-CLIENT-1",
                                                     refreshToken: Secret(ClientTestSupport.refreshToken))

        do {
            _ = try await client.send(request)
            XCTFail("expected a decoding error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .decoding)
            XCTAssertTrue(error.message.contains("accessTokenExpiryTime"), error.message)
            XCTAssertFalse(error.message.contains(personal), "the decoder's quoted value is not echoed: \(error.message)")
            XCTAssertFalse(events.events.contains { $0.description.contains(personal) })
            try assertNothingLeaks(error, events: events, transport: transport)
        }
    }

    func testSecretsInTransportFailureOfPayAreNotPrinted() async throws {
        let events = ClientEventCollector()
        let transport = ClientMockTransport { request, _ in throw TransportError.timedOut(url: request.url) }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(events: events), transport: transport)

        do {
            _ = try await client.send(ClientTestSupport.payRequest())
            XCTFail("expected a transport error")
        } catch let error as AlipayPlusError {
            try assertNothingLeaks(error, events: events, transport: transport)
        }
    }

    func testSuccessfulApplyTokenEventsCarryNoTokens() async throws {
        let events = ClientEventCollector()
        let body = #"{"accessToken":"\#(ClientTestSupport.accessToken)","refreshToken":"\#(ClientTestSupport.refreshToken)","result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#
        let transport = ClientMockTransport { [alipay] _, _ in alipay.response(path: ApplyTokenRequest.path, json: body) }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(events: events), transport: transport)

        let response = try await client.send(ApplyTokenRequest.authorizationCode(
            authClientId: "AUTH-CLIENT-1", authCode: Secret(ClientTestSupport.authCode)))

        XCTAssertEqual(response.accessToken?.revealed, ClientTestSupport.accessToken)
        XCTAssertFalse("\(response)".contains(ClientTestSupport.accessToken))
        for event in events.events {
            for secret in secrets { XCTAssertFalse(event.description.contains(secret)) }
        }
    }
}
