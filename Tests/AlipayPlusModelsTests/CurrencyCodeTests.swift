import AlipayPlusModels
import Foundation
import XCTest

/// Outbound amounts use ISO 4217 currency codes only; answers in a code the library does not know
/// still decode (tolerant reading, strict writing).
final class CurrencyCodeTests: XCTestCase {
    func testAnAmountInACurrencyOutsideISO4217IsRefusedNamingTheCodeAndTheFix() {
        XCTAssertThrowsError(try Amount(currency: "XYZ", decimal: 1)) { error in
            XCTAssertEqual((error as? AmountError)?.code, .unknownCurrency)
            let text = "\(error)"
            XCTAssertTrue(text.contains("\"XYZ\""), text)
            XCTAssertTrue(text.contains("ISO 4217"), text)
            XCTAssertTrue(text.contains("HKD"), text)   // the fix: an example of a valid code
        }
        let problems = Amount(currency: "XYZ", value: "100").validate()
        XCTAssertEqual(problems.map(\.path), ["currency"], "\(problems)")
        XCTAssertTrue(problems.first?.description.contains("XYZ") == true, "\(problems)")
        XCTAssertFalse(SettlementStrategy(settlementCurrency: "XYZ").validate().isEmpty)
    }

    func testEveryActiveISO4217CodeIsAcceptedWithItsExponent() throws {
        let table: [(code: String, exponent: Int)] = [
            ("HKD", 2), ("USD", 2), ("EUR", 2), ("CNY", 2), ("PHP", 2), ("IDR", 2), ("MYR", 2), ("THB", 2),
            ("JPY", 0), ("KRW", 0), ("VND", 0), ("KWD", 3), ("BHD", 3), ("CLF", 4), ("SLE", 2), ("ZWG", 2),
        ]
        for row in table {
            XCTAssertTrue(Currency.isISO4217(row.code), row.code)
            XCTAssertEqual(Currency.exponent(of: row.code), row.exponent, row.code)
            XCTAssertEqual(Amount(currency: row.code, minorUnits: 1).validate(), [], row.code)
            XCTAssertNoThrow(try Amount(currency: row.code, decimal: 1), row.code)
        }
        for code in ["XYZ", "ABC", "HRK", "XXX", "XTS", "hkd", "HK"] {
            XCTAssertFalse(Currency.isISO4217(code), code)
        }
    }

    func testAnAnswerInAnUnknownCurrencyStillDecodes() throws {
        let body = Data(#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"paymentId":"P1","paymentAmount":{"currency":"XYZ","value":"100"}}"#.utf8)
        let response = try AlipayPlusJSON.decode(PayResponse.self, from: body)
        XCTAssertEqual(response.paymentAmount?.currency, "XYZ")
        XCTAssertEqual(response.paymentAmount?.displayString, "1.00 XYZ")
    }
}
