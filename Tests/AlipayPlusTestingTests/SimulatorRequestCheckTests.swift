import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

final class SimulatorRequestCheckTests: XCTestCase {
    private let inquiryBody = Data(#"{"paymentRequestId":"PAY-1"}"#.utf8)

    func testWellSignedRequestReachesTheAPI() async throws {
        let harness = try Harness()
        let result = try await harness.rawResult(path: InquiryPaymentRequest.path, body: inquiryBody)
        XCTAssertEqual(result.resultCode, .orderNotExist)
    }

    func testMissingSignatureIsInvalidSignature() async throws {
        let harness = try Harness()
        let result = try await harness.rawResult(path: InquiryPaymentRequest.path, body: inquiryBody, signature: .some(nil))
        XCTAssertEqual(result.resultCode, .invalidSignature)
        XCTAssertEqual(result.resultStatus, .failure)
    }

    func testUnparseableSignatureIsInvalidSignature() async throws {
        let harness = try Harness()
        let result = try await harness.rawResult(path: InquiryPaymentRequest.path, body: inquiryBody,
                                                 signature: "no equals sign here")
        XCTAssertEqual(result.resultCode, .invalidSignature)
    }

    func testUnknownClientIdIsInvalidClient() async throws {
        let harness = try Harness()
        let result = try await harness.rawResult(path: InquiryPaymentRequest.path, body: inquiryBody, clientId: "SOMEONE_ELSE")
        XCTAssertEqual(result.resultCode, .invalidClient)
    }

    func testUnknownKeyVersionIsKeyNotFound() async throws {
        let harness = try Harness()
        let result = try await harness.rawResult(path: InquiryPaymentRequest.path, body: inquiryBody, keyVersion: "7")
        XCTAssertEqual(result.resultCode, .keyNotFound)
    }

    func testWrongKeyIsInvalidSignature() async throws {
        let harness = try Harness()
        let result = try await harness.rawResult(path: InquiryPaymentRequest.path, body: inquiryBody,
                                                 key: TestKeys.alipayPlusPrivateKey)
        XCTAssertEqual(result.resultCode, .invalidSignature)
    }

    func testNumberLeafIsParamIllegal() async throws {
        let harness = try Harness()
        let body = Data(#"{"paymentRequestId":"PAY-1","refundRequestId":"R","refundAmount":{"currency":"HKD","value":100}}"#.utf8)
        let result = try await harness.rawResult(path: RefundRequest.path, body: body)
        XCTAssertEqual(result.resultCode, .paramIllegal)
        XCTAssertTrue(result.resultMessage?.contains("refundAmount.value") == true, result.resultMessage ?? "")
    }

    func testEmptyStringIsParamIllegal() async throws {
        let harness = try Harness()
        let body = Data(#"{"paymentRequestId":"PAY-1","paymentId":""}"#.utf8)
        let result = try await harness.rawResult(path: InquiryPaymentRequest.path, body: body)
        XCTAssertEqual(result.resultCode, .paramIllegal)
    }

    func testModelValidationFailureIsParamIllegal() async throws {
        let harness = try Harness()
        let result = try await harness.rawResult(path: InquiryPaymentRequest.path, body: Data("{}".utf8))
        XCTAssertEqual(result.resultCode, .paramIllegal)
    }

    func testUnknownPathIsInvalidAPI() async throws {
        let harness = try Harness()
        let result = try await harness.rawResult(path: "/aps/api/v2/payments/pay", body: inquiryBody)
        XCTAssertEqual(result.resultCode, .invalidAPI)
    }

    func testResponsesAreSignedWithTheSimulatorKey() async throws {
        let harness = try Harness()
        let response = try await harness.client.send(InquiryPaymentRequest(paymentRequestId: "nope"))
        XCTAssertEqual(response.result.resultCode, .orderNotExist)
        XCTAssertEqual(response.result.resultStatus, .failure)
    }
}
