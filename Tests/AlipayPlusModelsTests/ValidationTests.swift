import AlipayPlusModels
import Foundation
import XCTest

final class ValidationTests: XCTestCase {
    func testValidPayHasNoProblems() {
        XCTAssertEqual(Fixtures.pay.validate(), [])
    }

    func testEveryProblemIsReportedWithItsPath() {
        var pay = Fixtures.pay
        pay.paymentRequestId = String(repeating: "p", count: 65)
        pay.order.merchant.referenceMerchantId = String(repeating: "m", count: 33)
        pay.order.merchant.merchantMCC = "12345"
        pay.order.orderDescription = ""
        pay.order.goods = [Goods(referenceGoodsId: "G1", goodsName: "ok"), Goods(referenceGoodsId: "", goodsName: "x", goodsQuantity: 0)]
        pay.order.env = Env(terminalType: .unknown("KIOSK"))
        pay.paymentAmount = Amount(currency: "HKD", value: "5.99")
        pay.paymentFactor = PaymentFactor()
        pay.settlementStrategy = SettlementStrategy()
        pay.paymentMethod.paymentMethodId = nil
        let problems = pay.validate().map(\.description)
        let expected = [
            "order.orderDescription: missing",
            "order.merchant.referenceMerchantId: longer than 32 characters",
            "order.merchant.merchantMCC: longer than 4 characters",
            "order.goods[1].referenceGoodsId: missing",
            "order.goods[1].goodsQuantity: must be greater than zero",
            #"order.env.terminalType: "KIOSK" is not one of WEB, WAP, APP, MINI_APP"#,
            "paymentRequestId: longer than 64 characters",
            #"paymentAmount.value: "5.99" is not an integer in minor units"#,
            "paymentMethod.paymentMethodId: missing",
            #"paymentFactor.isAgreementPayment: must be "true" for Auto Debit (CONNECT_WALLET)"#,
            "settlementStrategy.settlementCurrency: missing",
        ]
        XCTAssertEqual(problems, expected)
        XCTAssertEqual(pay.validate().first?.path, "order.orderDescription")
    }

    func testZeroPayAmountIsRejectedButZeroConsultAmountIsAllowed() {
        var pay = Fixtures.pay
        pay.paymentAmount = Amount(currency: "HKD", minorUnits: 0)
        XCTAssertEqual(pay.validate().map(\.description), ["paymentAmount.value: must be greater than zero"])
        let consult = ConsultPaymentRequest(paymentAmount: Amount(currency: "HKD", minorUnits: 0), settlementStrategy: .init(settlementCurrency: "HKD"))
        XCTAssertEqual(consult.validate(), [])
    }

    func testConditionalIds() {
        XCTAssertEqual(InquiryPaymentRequest().validate().map(\.description), ["paymentRequestId: missing: one of paymentRequestId or paymentId is required"])
        XCTAssertEqual(InquiryPaymentRequest(paymentId: "I").validate(), [])
        XCTAssertEqual(CancelPaymentRequest(paymentRequestId: "").validate().count, 1)
        let refund = RefundRequest(refundRequestId: "", refundAmount: Amount(currency: "HKD", minorUnits: 0))
        XCTAssertEqual(refund.validate().map(\.path), ["paymentRequestId", "refundRequestId", "refundAmount.value"])
        XCTAssertEqual(InquiryRegistrationStatusRequest().validate().map(\.path), ["registrationRequestId"])
    }

    func testApplyTokenGrantRules() {
        XCTAssertEqual(ApplyTokenRequest(authClientId: "M1", grantType: .authorizationCode).validate().map(\.description), ["authCode: missing"])
        XCTAssertEqual(ApplyTokenRequest(authClientId: "M1", grantType: .refreshToken, authCode: "c").validate().map(\.description), ["refreshToken: missing"])
        XCTAssertEqual(ApplyTokenRequest(authClientId: "", grantType: .unknown("X")).validate().map(\.path), ["authClientId", "grantType"])
        let long = Secret(String(repeating: "t", count: 129))
        XCTAssertEqual(ApplyTokenRequest.refreshToken(authClientId: "M1", refreshToken: long).validate().map(\.description),
                       ["refreshToken: longer than 128 characters"])
    }

    func testPrepareRules() {
        let ok = PrepareRequest(authClientId: "M1", authClientName: "Demo Ltd", authRedirectUrl: "https://m.example/r", terminalType: .app, osType: .iOS)
        XCTAssertEqual(ok.validate(), [])
        var bad = ok
        bad.authClientName = ""
        bad.authRedirectUrl = ""
        bad.terminalType = .miniApp
        bad.osType = .unknown("OTHER")
        bad.scopes = ["A", "B", "C", "D", "E"]
        bad.authClientDisplayName = String(repeating: "d", count: 65)
        XCTAssertEqual(bad.validate().map(\.path), ["authClientName", "authClientDisplayName", "authRedirectUrl", "scopes", "terminalType", "osType"])
    }

    func testOtherOperations() {
        XCTAssertEqual(CancelTokenRequest(accessToken: "", authClientId: "").validate().map(\.path), ["accessToken", "authClientId"])
        XCTAssertEqual(ConsultPaymentRequest(paymentAmount: Amount(currency: "HKD", minorUnits: 0), settlementStrategy: .init(settlementCurrency: "HK"),
                                             userRegion: "HKG").validate().map(\.path),
                       ["settlementStrategy.settlementCurrency", "userRegion"])
        XCTAssertEqual(RegistrationRequest(registrationRequestId: "", merchantInfo: Merchant(referenceMerchantId: "")).validate().map(\.path),
                       ["registrationRequestId", "merchantInfo.referenceMerchantId"])
        XCTAssertEqual(APIResult(resultCode: ResultCode(rawValue: String(repeating: "C", count: 65)), resultStatus: .success).validate().map(\.path), ["resultCode"])
    }

    func testValidationContextNesting() {
        var context = ValidationContext(prefix: "outer")
        context.report("field", "bad")
        context.merge([ValidationProblem(path: "inner", message: "x"), ValidationProblem(path: "[2].y", message: "z")], under: "list")
        XCTAssertEqual(context.problems.map(\.description), ["outer.field: bad", "outer.list.inner: x", "outer.list[2].y: z"])
    }
}
