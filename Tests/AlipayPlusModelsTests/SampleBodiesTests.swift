import AlipayPlusModels
import Foundation
import XCTest

/// Decodes the sample bodies printed in the spec digest.
final class SampleBodiesTests: XCTestCase {
    func testPayExampleFromDigest() throws {
        let body = """
        {
          "paymentRequestId": "PAY_20240101_0001",
          "paymentAmount": {"currency": "HKD", "value": "599"},
          "order": {
            "referenceOrderId": "ORDER_0001",
            "orderDescription": "Monthly plan",
            "orderAmount": {"currency": "HKD", "value": "599"},
            "merchant": {"referenceMerchantId": "M0001", "merchantName": "Demo Ltd",
                         "merchantMCC": "5732", "merchantAddress": {"region": "HK"}},
            "env": {"terminalType": "APP", "osType": "IOS"}
          },
          "paymentMethod": {"paymentMethodType": "CONNECT_WALLET", "paymentMethodId": "<accessToken>"},
          "paymentFactor": {"isAgreementPayment": "true"},
          "settlementStrategy": {"settlementCurrency": "HKD"},
          "paymentNotifyUrl": "https://acqp.example.com/alipayplus/notifyPayment"
        }
        """
        let pay = try AlipayPlusJSON.decode(PayRequest.self, from: Data(body.utf8))
        XCTAssertEqual(pay.paymentRequestId, "PAY_20240101_0001")
        XCTAssertEqual(pay.paymentAmount.displayString, "5.99 HKD")
        XCTAssertEqual(pay.order.merchant.merchantAddress?.region, "HK")
        XCTAssertEqual(pay.order.env?.terminalType, .app)
        XCTAssertEqual(pay.order.env?.osType, .iOS)
        XCTAssertEqual(pay.paymentMethod.paymentMethodType, PaymentMethod.connectWallet)
        XCTAssertEqual(pay.paymentMethod.paymentMethodId?.revealed, "<accessToken>")
        XCTAssertEqual(pay.paymentFactor.isAgreementPayment, true)
        XCTAssertEqual(pay.settlementStrategy.settlementCurrency, "HKD")
        XCTAssertEqual(pay.validate(), [])
        let rebuilt = PayRequest.autoDebit(paymentRequestId: "PAY_20240101_0001", accessToken: "<accessToken>",
                                           amount: Amount(currency: "HKD", minorUnits: 599), order: pay.order,
                                           settlementCurrency: "HKD",
                                           paymentNotifyUrl: "https://acqp.example.com/alipayplus/notifyPayment")
        XCTAssertEqual(rebuilt, pay)
    }

    func testAuthNotifySample() throws {
        let body = """
        {
          "authorizationNotifyType":"AUTHCODE_CREATED",
          "authClientId": "218823863726123456789",
          "referenceMerchantId": "218823863726123456789",
          "authCode": "281010133AB2F588D14B432312345678",
          "authState": "663A8FA9-D836-48EE-8AA1-1FF682989DC7",
          "referenceAgreementId": "aNDJWQNNabdad1234"
        }
        """
        let notify = try AlipayPlusJSON.decode(AuthNotifyRequest.self, from: Data(body.utf8))
        XCTAssertEqual(notify.authorizationNotifyType, .authCodeCreated)
        XCTAssertEqual(notify.authClientId, "218823863726123456789")
        XCTAssertEqual(notify.authCode?.revealed, "281010133AB2F588D14B432312345678")
        XCTAssertEqual(notify.authState, "663A8FA9-D836-48EE-8AA1-1FF682989DC7")
        XCTAssertEqual(notify.referenceAgreementId, "aNDJWQNNabdad1234")
        XCTAssertNil(notify.accessToken)
    }

    func testInquiryPaymentOrderNotExist() throws {
        let body = #"{"result":{"resultCode":"ORDER_NOT_EXIST","resultMessage":"Order does not exist.","resultStatus":"F"}}"#
        let response = try AlipayPlusJSON.decode(InquiryPaymentResponse.self, from: Data(body.utf8))
        XCTAssertEqual(response.result.resultCode, .orderNotExist)
        XCTAssertEqual(response.result.resultStatus, .failure)
        XCTAssertEqual(response.result.resultMessage, "Order does not exist.")
        XCTAssertNil(response.paymentResult)
        XCTAssertEqual(try Fixtures.json(response), body, "re-encoding gives the documented bytes")
    }

    func testAcknowledgementBytes() throws {
        let expected = #"{"result":{"resultCode":"SUCCESS","resultMessage":"success","resultStatus":"S"}}"#
        XCTAssertEqual(try Fixtures.json(NotificationAcknowledgement.success), expected)
        let documented = #"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#
        XCTAssertEqual(try AlipayPlusJSON.decode(NotificationAcknowledgement.self, from: Data(documented.utf8)), .success)
        let mppAnswer = #"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"acquirerId":"1021234567891230001","pspId":"1021234567891230002"}"#
        XCTAssertEqual(try AlipayPlusJSON.decode(NotificationAcknowledgement.self, from: Data(mppAnswer.utf8)), .success)
    }

    func testSigningExampleBodyParsesIntoOrderFields() throws {
        // Example B's body without its invalid trailing comma.
        let body = #"{"order":{"orderId":"OrderID_0101010101","orderDescription":"sample_order","orderAmount":{"value":"100","currency":"JPY"}},"paymentAmount":{"value":"100","currency":"JPY"},"paymentFactor":{"isInStorePayment":"true"}}"#
        struct Partial: Decodable { var paymentAmount: Amount; var paymentFactor: PaymentFactor }
        let partial = try AlipayPlusJSON.decode(Partial.self, from: Data(body.utf8))
        XCTAssertEqual(partial.paymentAmount.displayString, "100 JPY")
        XCTAssertEqual(partial.paymentFactor.isInStorePayment, true)
    }
}
