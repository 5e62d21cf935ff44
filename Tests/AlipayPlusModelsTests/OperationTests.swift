import AlipayPlusModels
import Foundation
import XCTest

final class OperationTests: XCTestCase {
    private func check<O: AlipayPlusOperation>(_ op: O, _ name: String, _ path: String, _ seconds: Int64, _ safety: ResendSafety,
                                               _ key: String?, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(O.name, name, file: file, line: line)
        XCTAssertEqual(O.path, path, file: file, line: line)
        XCTAssertEqual(O.recommendedTimeout, .seconds(seconds), file: file, line: line)
        XCTAssertEqual(O.resendSafety, safety, file: file, line: line)
        XCTAssertEqual(op.idempotencyKey, key, file: file, line: line)
    }

    func testOperationMetadata() {
        check(PrepareRequest(authClientId: "M1", authClientName: "n", referenceAgreementId: "A1", authRedirectUrl: "https://r"),
              "prepare", "/aps/api/v1/authorizations/prepare", 5, .idempotent, "M1/A1")
        check(ApplyTokenRequest.authorizationCode(authClientId: "M1", authCode: "c"), "applyToken", "/aps/api/v1/authorizations/applyToken", 5, .idempotent, nil)
        check(CancelTokenRequest(accessToken: "at", authClientId: "M1"), "cancelToken", "/aps/api/v1/authorizations/cancelToken", 5, .idempotent, "at")
        check(Fixtures.pay, "pay", "/aps/api/v1/payments/pay", 8, .onlyIfNotSent, "PAY_20240101_0001")
        check(InquiryPaymentRequest(paymentRequestId: "P"), "inquiryPayment", "/aps/api/v1/payments/inquiryPayment", 5, .idempotent, nil)
        check(CancelPaymentRequest(paymentRequestId: "P"), "cancelPayment", "/aps/api/v1/payments/cancelPayment", 8, .idempotent, "P")
        check(RefundRequest(paymentRequestId: "P", refundRequestId: "R", refundAmount: Amount(currency: "HKD", minorUnits: 1)),
              "refund", "/aps/api/v1/payments/refund", 8, .idempotent, "R")
        check(ConsultPaymentRequest(paymentAmount: Amount(currency: "HKD", minorUnits: 0), settlementStrategy: .init(settlementCurrency: "HKD")),
              "consultPayment", "/aps/api/v1/payments/consultPayment", 5, .idempotent, nil)
        check(RegistrationRequest(registrationRequestId: "REG1"), "registration", "/aps/api/v1/merchants/registration", 5, .idempotent, "REG1")
        check(InquiryRegistrationStatusRequest(registrationRequestId: "REG1"), "inquiryRegistrationStatus",
              "/aps/api/v1/merchants/inquiryRegistrationStatus", 5, .idempotent, nil)
    }

    func testInboundMetadata() {
        XCTAssertEqual(NotifyPaymentRequest.path, "/aps/api/v1/payments/notifyPayment")
        XCTAssertEqual(AuthNotifyRequest.path, "/aps/api/v1/authorizations/authNotify")
        XCTAssertEqual(ConsultUnbindingRequest.path, "/aps/api/v1/authorizations/consultUnbinding")
        XCTAssertEqual(NotifyRegistrationStatusRequest.path, "/aps/api/v1/merchants/notifyRegistrationStatus")
        XCTAssertEqual(NotifyPaymentRequest.name, "notifyPayment")
        XCTAssertEqual(ConsultUnbindingRequest.name, "consultUnbinding")
    }

    func testAutoDebitPayShape() throws {
        let object = try Fixtures.object(try AlipayPlusJSON.encode(Fixtures.pay))
        let method = object["paymentMethod"] as? [String: Any]
        XCTAssertEqual(method?["paymentMethodType"] as? String, "CONNECT_WALLET")
        XCTAssertEqual(method?["paymentMethodId"] as? String, Fixtures.accessToken.revealed)
        XCTAssertEqual((object["paymentFactor"] as? [String: Any])?["isAgreementPayment"] as? String, "true")
        XCTAssertEqual(object["paymentExpiryTime"] as? String, "2023-11-14T22:13:20+00:00")
    }

    func testApplyTokenConstructors() {
        let code = ApplyTokenRequest.authorizationCode(authClientId: "M1", authCode: "c")
        XCTAssertEqual(code.grantType, .authorizationCode)
        XCTAssertEqual(code.authCode, "c")
        XCTAssertNil(code.refreshToken)
        let refresh = ApplyTokenRequest.refreshToken(authClientId: "M1", refreshToken: "r")
        XCTAssertEqual(refresh.grantType, .refreshToken)
        XCTAssertEqual(refresh.refreshToken, "r")
        XCTAssertNil(refresh.authCode)
    }

    func testPrepareRedirectURLChoice() {
        let all = PrepareResponse(result: .success, authUrl: "https://a.example", normalUrl: "https://n.example",
                                  applinkUrl: "https://l.example", schemeUrl: "wallet://s")
        XCTAssertEqual(all.redirectURL(for: .app)?.absoluteString, "https://l.example")
        XCTAssertEqual(all.redirectURL(for: .web)?.absoluteString, "https://n.example")
        XCTAssertEqual(all.redirectURL(for: .wap)?.absoluteString, "https://n.example")
        let scheme = PrepareResponse(result: .success, authUrl: "https://a.example", schemeUrl: "wallet://s")
        XCTAssertEqual(scheme.redirectURL(for: .app)?.absoluteString, "wallet://s")
        XCTAssertEqual(scheme.redirectURL(for: .web)?.absoluteString, "https://a.example")
        XCTAssertNil(PrepareResponse(result: .success, schemeUrl: "wallet://s").redirectURL(for: .web))
        XCTAssertNil(PrepareResponse(result: .success).redirectURL(for: .app))
        let odd = try? AlipayPlusJSON.decode(PrepareResponse.self, from: Data(#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"authCodeForm":{"codes":[]},"authUrl":"https://a"}"#.utf8))
        XCTAssertEqual(odd?.authUrl, "https://a")
        XCTAssertNil(odd?.authCodeForm)
    }
}
