import AlipayPlusModels
import Foundation
import XCTest

final class AmountTests: XCTestCase {
    func testExponents() {
        let expected: [String: Int] = ["JPY": 0, "KRW": 0, "VND": 0, "IDR": 2, "USD": 2, "HKD": 2, "KWD": 3, "BHD": 3,
                                       "OMR": 3, "JOD": 3, "TND": 3, "LYD": 3, "IQD": 3, "CLF": 4, "XYZ": 2]
        for (code, exponent) in expected { XCTAssertEqual(Currency.exponent(of: code), exponent, code) }
    }

    func testFromDecimal() throws {
        XCTAssertEqual(try Amount(currency: "HKD", decimal: Decimal(string: "5.99")!).value, "599")
        XCTAssertEqual(try Amount(currency: "JPY", decimal: 599).value, "599")
        XCTAssertEqual(try Amount(currency: "USD", decimal: 1).value, "100")
        XCTAssertEqual(try Amount(currency: "KWD", decimal: Decimal(string: "1.234")!).value, "1234")
        XCTAssertEqual(try Amount(currency: "CLF", decimal: Decimal(string: "0.0001")!).value, "1")
        XCTAssertEqual(try Amount(currency: "USD", decimal: 0).value, "0")
    }

    func testRejectsNegativeAndTooPrecise() {
        XCTAssertThrowsError(try Amount(currency: "USD", decimal: -1)) { error in
            XCTAssertEqual((error as? AmountError)?.code, .negativeValue)
            XCTAssertTrue("\(error)".contains("negative"))
        }
        XCTAssertThrowsError(try Amount(currency: "JPY", decimal: Decimal(string: "1.5")!)) { error in
            XCTAssertEqual((error as? AmountError)?.code, .tooManyFractionDigits)
            XCTAssertTrue("\(error)".contains("0 fraction digit"), "\(error)")
        }
        XCTAssertThrowsError(try Amount(currency: "USD", decimal: Decimal(string: "1.234")!)) { error in
            XCTAssertEqual((error as? AmountError)?.code, .tooManyFractionDigits)
        }
        XCTAssertThrowsError(try Amount(currency: "usd", decimal: 1)) { error in
            XCTAssertEqual((error as? AmountError)?.code, .invalidCurrency)
        }
        XCTAssertThrowsError(try Amount(currency: "USD", decimal: Decimal(string: "1e30")!)) { error in
            XCTAssertEqual((error as? AmountError)?.code, .outOfRange)
        }
    }

    func testDisplayAndDecimal() {
        XCTAssertEqual(Amount(currency: "HKD", minorUnits: 599).displayString, "5.99 HKD")
        XCTAssertEqual(Amount(currency: "HKD", minorUnits: 5).displayString, "0.05 HKD")
        XCTAssertEqual(Amount(currency: "JPY", minorUnits: 599).description, "599 JPY")
        XCTAssertEqual(Amount(currency: "KWD", minorUnits: 1000).displayString, "1.000 KWD")
        XCTAssertEqual(Amount(currency: "HKD", value: "abc").displayString, "abc HKD")
        XCTAssertEqual(Amount(currency: "HKD", minorUnits: 599).decimalValue, Decimal(string: "5.99"))
        XCTAssertEqual(Amount(currency: "HKD", minorUnits: 599).minorUnits, 599)
    }

    func testValidationFlagsNonIntegerAndNegativeValues() {
        XCTAssertEqual(Amount(currency: "HKD", value: "5.99").validate().map(\.description), [#"value: "5.99" is not an integer in minor units"#])
        XCTAssertEqual(Amount(currency: "HKD", value: "-1").validate().map(\.description), [#"value: "-1" is negative"#])
        XCTAssertEqual(Amount(currency: "", value: "").validate().map(\.description), ["currency: missing", "value: missing"])
        XCTAssertEqual(Amount(currency: "HKDX", value: "1").validate().map(\.path), ["currency"])
        XCTAssertEqual(Amount(currency: "HKD", value: "0").validate(), [])
    }
}
