import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTestSupport
@testable import AlipayPlusTransport
import Foundation
import XCTest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The full client → URLSessionTransport path: once through a URLProtocol stub, once over a real socket.
final class ClientURLSessionTests: XCTestCase {
    private let alipay = ClientAlipaySide()

    private func merchantVerifier() -> SignatureVerifier {
        SignatureVerifier(keys: AlipayPlusPublicKeys(ClientTestKeys.merchant.publicKey))
    }

    func testClientThroughURLSessionTransportWithStubProtocol() async throws {
        let signed = alipay.response(path: PayRequest.path, json: ClientTestSupport.successPayJSON)
        StubURLProtocol.registry.reset(.respond(
            status: 200, headers: Dictionary(signed.headers.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first }),
            body: signed.body))
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.protocolClasses = [StubURLProtocol.self]
        let transport = URLSessionTransport(configuration: .init(), sessionConfiguration: sessionConfiguration)
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(), transport: transport)
        let pay = ClientTestSupport.payRequest()

        let response = try await client.send(pay)

        XCTAssertEqual(response.result.resultStatus, .success)
        XCTAssertEqual(response.paymentId, "2026112919074101000001")
        let sent = try XCTUnwrap(StubURLProtocol.registry.requests.first)
        XCTAssertEqual(StubURLProtocol.registry.requests.count, 1)
        XCTAssertEqual(sent.request.url?.absoluteString, "https://sandbox-gateway.example/aps/api/v1/payments/pay")
        XCTAssertEqual(sent.request.httpMethod, "POST")
        XCTAssertEqual(sent.body, try AlipayPlusJSON.encode(pay))
        let verdict = merchantVerifier().verify(
            path: PayRequest.path, clientId: sent.request.value(forHTTPHeaderField: "Client-Id") ?? "",
            time: sent.request.value(forHTTPHeaderField: "Request-Time") ?? "", body: sent.body,
            signatureHeader: sent.request.value(forHTTPHeaderField: "Signature"))
        XCTAssertTrue(verdict.isValid)
    }

    func testClientAgainstRealLoopbackServer() async throws {
        let path = InquiryPaymentRequest.path
        let body = Data(#"{"paymentRequestId":"PAY-LOOP-1","paymentResult":{"resultCode":"SUCCESS","resultStatus":"S"},"result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#.utf8)
        let headers = alipay.signedHeaders(path: path, body: body).map { ($0.0, $0.1) }
        let server = try ClientLoopbackServer(status: 200, headers: headers, body: body)
        defer { server.stop() }
        let configuration = ClientTestSupport.configuration(environment: .custom(server.baseURL))
        let client = AlipayPlusClient(configuration: configuration, transport: URLSessionTransport())

        let response = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-LOOP-1"))

        XCTAssertEqual(response.result.resultStatus, .success)
        XCTAssertEqual(response.paymentResult?.resultStatus, .success)
        XCTAssertEqual(response.paymentRequestId, "PAY-LOOP-1")
        let received = try server.receivedRequests()
        XCTAssertEqual(received.count, 1)
        let request = try XCTUnwrap(received.first)
        XCTAssertEqual(request.path, path)
        func header(_ name: String) -> String? {
            request.headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
        XCTAssertEqual(header("Client-Id"), ClientTestSupport.clientId)
        XCTAssertEqual(request.body, try AlipayPlusJSON.encode(InquiryPaymentRequest(paymentRequestId: "PAY-LOOP-1")))
        let verdict = merchantVerifier().verify(path: path, clientId: header("Client-Id") ?? "",
                                                time: header("Request-Time") ?? "", body: request.body,
                                                signatureHeader: header("Signature"))
        XCTAssertTrue(verdict.isValid, "the signature that crossed the socket verifies with the merchant key")
    }

    func testRealLoopbackServerWithTamperedAnswerIsRejected() async throws {
        let path = InquiryPaymentRequest.path
        let signedBody = Data(#"{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F"}}"#.utf8)
        let headers = alipay.signedHeaders(path: path, body: signedBody).map { ($0.0, $0.1) }
        let server = try ClientLoopbackServer(
            status: 200, headers: headers, body: Data(#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#.utf8))
        defer { server.stop() }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(environment: .custom(server.baseURL)),
                                      transport: URLSessionTransport())

        do {
            _ = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-LOOP-2"))
            XCTFail("expected a signature error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .signature)
        }
    }
}
