import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// Responses are believed only when Alipay+'s signature verifies; HTTP status comes first.
final class ClientVerificationTests: XCTestCase {
    private let alipay = ClientAlipaySide()
    private let path = InquiryPaymentRequest.path
    private let inquiry = InquiryPaymentRequest(paymentRequestId: "PAY-1")

    private func expectError<O: AlipayPlusOperation>(
        _ operation: O, configuration: AlipayPlusClient.Configuration = ClientTestSupport.configuration(),
        file: StaticString = #filePath, line: UInt = #line,
        answer: @escaping @Sendable (HTTPRequest, Int) async throws -> HTTPResponse
    ) async throws -> (AlipayPlusError, ClientMockTransport) {
        let transport = ClientMockTransport(answer)
        let client = AlipayPlusClient(configuration: configuration, transport: transport)
        do {
            let response = try await client.send(operation)
            XCTFail("expected an error, got \(response.result)", file: file, line: line)
            throw XCTSkip("unreachable")
        } catch let error as AlipayPlusError {
            return (error, transport)
        }
    }

    func testTamperedBodyIsASignatureError() async throws {
        let signed = alipay.response(path: path, code: "ORDER_NOT_EXIST", status: "F")
        let (error, transport) = try await expectError(inquiry) { _, _ in
            HTTPResponse(status: 200, headers: signed.headers,
                         body: Data(#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#.utf8))
        }
        XCTAssertEqual(error.code, .signature)
        XCTAssertEqual(error.signatureMismatch?.code, .signatureDoesNotMatch)
        XCTAssertTrue(error.requestMayHaveBeenProcessed)
        XCTAssertEqual(error.traceId, "0ba604b41558615600801371953814.0")
        XCTAssertEqual(transport.requests.count, 1, "a signature failure is not retried")
    }

    func testResponseSignedWithAnotherKeyIsASignatureError() async throws {
        var impostor = alipay
        impostor.key = ClientTestKeys.stranger
        let (error, _) = try await expectError(inquiry) { [impostor, path] _, _ in
            impostor.response(path: path, code: "SUCCESS", status: "S")
        }
        XCTAssertEqual(error.code, .signature)
        XCTAssertEqual(error.signatureMismatch?.code, .signatureDoesNotMatch)
    }

    func testMissingSignatureHeaderIsASignatureError() async throws {
        let signed = alipay.response(path: path, code: "SUCCESS", status: "S")
        let (error, _) = try await expectError(inquiry) { _, _ in
            var headers = signed.headers
            headers["Signature"] = nil
            return HTTPResponse(status: 200, headers: headers, body: signed.body)
        }
        XCTAssertEqual(error.code, .signature)
        XCTAssertEqual(error.signatureMismatch?.code, .missingHeader)
        XCTAssertTrue(error.message.contains("missing header: Signature"), error.message)
    }

    func testMissingClientIdHeaderFallsBackToOwnClientId() async throws {
        let signed = alipay.response(path: path, code: "SUCCESS", status: "S")
        let transport = ClientMockTransport { _, _ in
            var headers = signed.headers
            headers["Client-Id"] = nil
            return HTTPResponse(status: 200, headers: headers, body: signed.body)
        }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(), transport: transport)

        let response = try await client.send(inquiry)

        XCTAssertEqual(response.result.resultStatus, .success)
    }

    func testMissingResponseTimeHeaderIsASignatureErrorNamingTheHeader() async throws {
        let signed = alipay.response(path: path, code: "SUCCESS", status: "S")
        let (error, _) = try await expectError(inquiry) { _, _ in
            var headers = signed.headers
            headers["Response-Time"] = nil
            return HTTPResponse(status: 200, headers: headers, body: signed.body)
        }
        XCTAssertEqual(error.code, .signature)
        XCTAssertNotNil(error.signatureMismatch)
        XCTAssertTrue(error.message.contains("missing header: Response-Time"), error.message)
    }

    func testUnknownKeyVersionIsASignatureError() async throws {
        var rotated = alipay
        rotated.keyVersion = "3"
        let keys = AlipayPlusPublicKeys(keysByVersion: ["1": ClientTestKeys.alipay.publicKey])
        let (error, _) = try await expectError(inquiry, configuration: ClientTestSupport.configuration(alipayKeys: keys)) {
            [rotated, path] _, _ in rotated.response(path: path, code: "SUCCESS", status: "S")
        }
        XCTAssertEqual(error.code, .signature)
        XCTAssertEqual(error.signatureMismatch?.code, .unknownKeyVersion)
        XCTAssertEqual(error.signatureMismatch?.keyVersion, "3")
    }

    func testKeyIsChosenByVersion() async throws {
        var rotated = alipay
        rotated.keyVersion = "2"
        let keys = AlipayPlusPublicKeys(keysByVersion: ["1": ClientTestKeys.stranger.publicKey,
                                                        "2": ClientTestKeys.alipay.publicKey])
        let transport = ClientMockTransport { [rotated, path] _, _ in rotated.response(path: path, code: "SUCCESS", status: "S") }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(alipayKeys: keys), transport: transport)

        let response = try await client.send(inquiry)

        XCTAssertEqual(response.result.resultStatus, .success)
    }

    func testBadGatewayHTMLIsAnHTTPStatusErrorWithExcerpt() async throws {
        let html = "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"
        let (error, transport) = try await expectError(ClientTestSupport.payRequest()) { _, _ in
            HTTPResponse(status: 502, headers: ["Content-Type": "text/html"], body: Data(html.utf8))
        }
        XCTAssertEqual(error.code, .httpStatus)
        XCTAssertEqual(error.httpStatus, 502)
        XCTAssertNil(error.signatureMismatch, "an HTTP status failure is not reported as a signature failure")
        XCTAssertEqual(error.bodyExcerpt, html)
        XCTAssertTrue(error.requestMayHaveBeenProcessed, "a 5xx after sending leaves a pay's outcome unknown")
        XCTAssertEqual(error.attempts, 1)
        XCTAssertEqual(transport.requests.count, 1, "a pay is never re-sent after a 5xx")
        XCTAssertTrue(error.description.contains("HTTP 502"), error.description)
    }

    func testLongBodyExcerptIsTruncated() async throws {
        let long = String(repeating: "x", count: 5000)
        let (error, _) = try await expectError(ClientTestSupport.payRequest()) { _, _ in
            HTTPResponse(status: 404, body: Data(long.utf8))
        }
        XCTAssertEqual(error.code, .httpStatus)
        XCTAssertTrue(error.requestMayHaveBeenProcessed, "a 404 from a proxy may come after the upstream took the request")
        XCTAssertLessThanOrEqual(error.bodyExcerpt?.count ?? 0, 513)
    }

    func testUnsignedFailureBodyIsATypedErrorUnderReportPolicy() async throws {
        let body = Data(#"{"result":{"resultCode":"INVALID_SIGNATURE","resultMessage":"bad sign","resultStatus":"F"}}"#.utf8)
        let configuration = ClientTestSupport.configuration(unsignedErrorBodies: .reportAsUnverifiedError)
        let (error, _) = try await expectError(ClientTestSupport.payRequest(), configuration: configuration) { _, _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
        }
        XCTAssertEqual(error.code, .unverifiedErrorResponse)
        XCTAssertEqual(error.resultCode, .invalidSignature)
        XCTAssertEqual(error.resultStatus, .failure)
        XCTAssertEqual(error.signatureMismatch?.code, .missingHeader)
    }

    func testUnsignedFailureBodyIsASignatureErrorByDefault() async throws {
        let body = Data(#"{"result":{"resultCode":"INVALID_SIGNATURE","resultStatus":"F"}}"#.utf8)
        let (error, _) = try await expectError(ClientTestSupport.payRequest()) { _, _ in
            HTTPResponse(status: 200, body: body)
        }
        XCTAssertEqual(error.code, .signature)
        XCTAssertNil(error.resultCode, "an unverified body's result is not reported under .reject")
    }

    func testUnsignedSuccessBodyIsNeverSuccessUnderReportPolicy() async throws {
        let configuration = ClientTestSupport.configuration(unsignedErrorBodies: .reportAsUnverifiedError)
        let (error, _) = try await expectError(ClientTestSupport.payRequest(), configuration: configuration) { _, _ in
            HTTPResponse(status: 200, body: Data(ClientTestSupport.successPayJSON.utf8))
        }
        XCTAssertEqual(error.code, .signature)
        XCTAssertTrue(error.requestMayHaveBeenProcessed)
    }

    func testVerifiedButUndecodableBodyIsADecodingError() async throws {
        let (error, transport) = try await expectError(inquiry) { [alipay, path] _, _ in
            alipay.response(path: path, json: #"{"result":"SUCCESS"}"#)
        }
        XCTAssertEqual(error.code, .decoding)
        XCTAssertEqual(error.bodyExcerpt, #"{"result":"SUCCESS"}"#)
        XCTAssertEqual(transport.requests.count, 1)
    }

    func testResponseForAnotherPathDoesNotVerify() async throws {
        let (error, _) = try await expectError(inquiry) { [alipay] _, _ in
            alipay.response(path: PayRequest.path, code: "SUCCESS", status: "S")
        }
        XCTAssertEqual(error.code, .signature)
    }
}
