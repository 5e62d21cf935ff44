import AlipayPlusModels
import Foundation
import XCTest

final class WireRulesTests: XCTestCase {
    func testNumbersAndBooleansGoOutAsStrings() throws {
        let text = try Fixtures.json(Fixtures.pay)
        XCTAssertTrue(text.contains(#""isAgreementPayment":"true""#), text)
        XCTAssertTrue(text.contains(#""goodsQuantity":"1""#), text)
        XCTAssertTrue(text.contains(#""value":"599""#), text)
        let answer = try Fixtures.json(ConsultUnbindingResponse.refuse)
        XCTAssertEqual(answer, #"{"allowUnbinding":"false","result":{"resultCode":"SUCCESS","resultMessage":"success","resultStatus":"S"}}"#)
        let quote = try Fixtures.json(Quote(quotePrice: Decimal(string: "7.8123")!))
        XCTAssertEqual(quote, #"{"quotePrice":"7.8123"}"#)
    }

    func testNoBareNumbersOrBooleansAnywhere() throws {
        func check(_ value: Any, path: String) {
            switch value {
            case let dict as [String: Any]: for (k, v) in dict { check(v, path: path + "." + k) }
            case let array as [Any]: for (i, v) in array.enumerated() { check(v, path: "\(path)[\(i)]") }
            case is String: break
            default: XCTFail("\(path) is not a string: \(value)")
            }
        }
        check(try Fixtures.object(try AlipayPlusJSON.encode(Fixtures.pay)), path: "")
        check(try Fixtures.object(try AlipayPlusJSON.encode(Fixtures.payResponse)), path: "")
    }

    func testEmptyAndNilOptionalsAreOmitted() throws {
        var order = Fixtures.order
        order.buyer = Buyer(referenceBuyerId: "", buyerName: UserName())
        order.goods = []
        order.shipping = nil
        order.env = Env()
        let text = try Fixtures.json(order)
        XCTAssertFalse(text.contains(#""""#), text)
        XCTAssertFalse(text.contains("buyer"), text)
        XCTAssertFalse(text.contains("goods"), text)
        XCTAssertFalse(text.contains("env"), text)
        XCTAssertFalse(text.contains("null"), text)
        XCTAssertEqual(try Fixtures.json(InquiryPaymentRequest(paymentRequestId: "P1", paymentId: "")), #"{"paymentRequestId":"P1"}"#)
    }

    func testEncodingIsDeterministicAndSorted() throws {
        let first = try AlipayPlusJSON.encode(Fixtures.pay)
        for _ in 0..<20 { XCTAssertEqual(try AlipayPlusJSON.encode(Fixtures.pay), first) }
        let text = String(decoding: first, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(#"{"order":{"buyer":"#), text)
        XCTAssertTrue(text.contains(#""paymentNotifyUrl":"https://acqp.example.com/alipayplus/notifyPayment""#), "slashes must not be escaped")
        let expectedTail = #""paymentRequestId":"PAY_20240101_0001","settlementStrategy":{"settlementCurrency":"HKD"}}"#
        XCTAssertTrue(text.hasSuffix(expectedTail), text)
    }

    /// An object with more keys than the small-object sort handles, written in reverse order, and a
    /// key set twice: sorted output, the last value of the repeated key.
    func testManyKeysAreSortedAndARepeatedKeyKeepsItsLastValue() throws {
        struct Wide: Encodable {
            struct Key: CodingKey {
                let stringValue: String
                var intValue: Int? { nil }
                init(_ name: String) { stringValue = name }
                init?(stringValue: String) { self.init(stringValue) }
                init?(intValue: Int) { nil }
            }
            let count: Int
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                for index in (0..<count).reversed() { try container.encode("v\(index)", forKey: Key(String(format: "k%03d", index))) }
                try container.encode("first", forKey: Key("k000"))
                try container.encode("last", forKey: Key("k000"))
            }
        }
        for count in [3, 32, 33, 100] {
            let text = String(decoding: try AlipayPlusJSON.encode(Wide(count: count)), as: UTF8.self)
            let members = (0..<count).map { index in String(format: #""k%03d":"%@""#, index, index == 0 ? "last" : "v\(index)") }
            XCTAssertEqual(text, "{" + members.joined(separator: ",") + "}", "\(count) keys")
        }
    }

    func testDatesGoOutWithOffsetAndComeBackFromManyForms() throws {
        let text = try Fixtures.json(Transaction(transactionTime: Fixtures.time))
        XCTAssertEqual(text, #"{"transactionTime":"2023-11-14T22:13:20+00:00"}"#)
        for form in ["2023-11-15T06:13:20+08:00", "2023-11-14T22:13:20Z", "2023-11-14T22:13:20.000Z", "2023-11-15T06:13:20+0800"] {
            let body = Data(#"{"transactionTime":"\#(form)"}"#.utf8)
            XCTAssertEqual(try AlipayPlusJSON.decode(Transaction.self, from: body).transactionTime, Fixtures.time, form)
        }
        let fractional = try AlipayPlusJSON.decode(Transaction.self, from: Data(#"{"transactionTime":"2025-02-20T08:51:49.09Z"}"#.utf8))
        XCTAssertEqual(fractional.transactionTime!.timeIntervalSince1970, 1_740_041_509.09, accuracy: 0.0001)
    }

    func testScalarsDecodeFromNumbersAndBooleans() throws {
        let body = Data(#"{"isAgreementPayment":true,"isInStorePayment":"false","presentmentMode":"UNIFIED"}"#.utf8)
        let factor = try AlipayPlusJSON.decode(PaymentFactor.self, from: body)
        XCTAssertEqual(factor, PaymentFactor(isAgreementPayment: true, isInStorePayment: false, presentmentMode: .unified))
        let amount = try AlipayPlusJSON.decode(Amount.self, from: Data(#"{"currency":"JPY","value":599}"#.utf8))
        XCTAssertEqual(amount, Amount(currency: "JPY", value: "599"))
        let goods = try AlipayPlusJSON.decode(Goods.self, from: Data(#"{"referenceGoodsId":"G","goodsName":"N","goodsQuantity":3}"#.utf8))
        XCTAssertEqual(goods.goodsQuantity, 3)
        let quote = try AlipayPlusJSON.decode(Quote.self, from: Data(#"{"quotePrice":7.8123}"#.utf8))
        XCTAssertEqual(quote.quotePrice, Decimal(string: "7.8123"))
        let answer = try AlipayPlusJSON.decode(ConsultUnbindingResponse.self, from: Data(#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"allowUnbinding":true}"#.utf8))
        XCTAssertTrue(answer.allowUnbinding)
    }

    func testUnknownFieldsAreIgnored() throws {
        let body = Data(#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","extra":{"a":[1,2,{"b":null}]}},"brandNew":[true,false],"paymentId":"P"}"#.utf8)
        let response = try AlipayPlusJSON.decode(PayResponse.self, from: body)
        XCTAssertEqual(response.paymentId, "P")
        XCTAssertEqual(response.result.resultCode, .success)
    }

    /// Duplicate keys are refused (hostile-input suite): "last wins" let one signed body read as U to
    /// one parser and as S to another.
    func testDuplicateKeysAreRejected() throws {
        let body = Data(#"{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultCode":"SUCCESS","resultStatus":"S"},"paymentId":"A","paymentId":"B"}"#.utf8)
        XCTAssertThrowsError(try AlipayPlusJSON.decode(PayResponse.self, from: body))
    }

    func testNullOptionalDecodesAsNil() throws {
        let body = Data(#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":null},"paymentId":null}"#.utf8)
        let response = try AlipayPlusJSON.decode(PayResponse.self, from: body)
        XCTAssertNil(response.paymentId)
        XCTAssertNil(response.result.resultMessage)
    }

    func testMissingRequiredFieldNamesThePath() throws {
        let body = Data(#"{"result":{"resultStatus":"S"}}"#.utf8)
        XCTAssertThrowsError(try AlipayPlusJSON.decode(PayResponse.self, from: body)) { error in
            guard case DecodingError.keyNotFound(let key, let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(key.stringValue, "resultCode")
            XCTAssertEqual(context.codingPath.map(\.stringValue), ["result"])
        }
    }

    func testMalformedJSONIsADecodingError() {
        for text in ["", "{", #"{"a":}"#, #"{"a":"b"} x"#, #"{"a":"\q"}"#] {
            XCTAssertThrowsError(try AlipayPlusJSON.decode(PayResponse.self, from: Data(text.utf8)), text) { error in
                guard case DecodingError.dataCorrupted = error else { return XCTFail("\(text): \(error)") }
            }
        }
    }

    func testStringEscapesRoundTrip() throws {
        let tricky = "quote\" backslash\\ newline\n tab\t bell\u{07} emoji😀 slash/ 中文"
        let logo = Logo(logoName: tricky)
        let data = try AlipayPlusJSON.encode(logo)
        XCTAssertEqual(try AlipayPlusJSON.decode(Logo.self, from: data), logo)
        XCTAssertEqual((try Fixtures.object(data))["logoName"] as? String, tricky, "must be standard JSON")
        let escaped = try AlipayPlusJSON.decode(Logo.self, from: Data(#"{"logoName":"\u00e9\ud83d\ude00\/"}"#.utf8))
        XCTAssertEqual(escaped.logoName, "é😀/")
    }

    func testEveryTruncationOfABodyFailsCleanly() throws {
        let data = try AlipayPlusJSON.encode(Fixtures.pay)
        for length in 0..<data.count {
            XCTAssertThrowsError(try AlipayPlusJSON.decode(PayRequest.self, from: data.prefix(length)), "prefix \(length)")
        }
        XCTAssertEqual(try AlipayPlusJSON.decode(PayRequest.self, from: data), Fixtures.pay)
    }
}
