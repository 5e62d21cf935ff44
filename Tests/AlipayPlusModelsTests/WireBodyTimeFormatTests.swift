import AlipayPlusModels
import Foundation
import XCTest

final class WireBodyTimeFormatTests: XCTestCase {
    func testFormatting() {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        XCTAssertEqual(AlipayPlusTimestamp.string(from: date, precision: .millisecondsWhenNonZero), "2023-11-14T22:13:20+00:00")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: date, utcOffsetSeconds: 8 * 3600, precision: .millisecondsWhenNonZero), "2023-11-15T06:13:20+08:00")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: date, utcOffsetSeconds: -(5 * 3600 + 1800), precision: .millisecondsWhenNonZero), "2023-11-14T16:43:20-05:30")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: Date(timeIntervalSince1970: 0.25), precision: .millisecondsWhenNonZero), "1970-01-01T00:00:00.250+00:00")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: Date(timeIntervalSince1970: -1), precision: .millisecondsWhenNonZero), "1969-12-31T23:59:59+00:00")
    }

    func testParsing() {
        XCTAssertEqual(AlipayPlusTimestamp.date(from: "2019-04-04T12:08:56+05:30")?.timeIntervalSince1970, 1_554_359_936)
        XCTAssertEqual(AlipayPlusTimestamp.date(from: "2024-02-29T00:00:00Z")?.timeIntervalSince1970, 1_709_164_800)
        XCTAssertEqual(AlipayPlusTimestamp.date(from: "2025-02-21T05:43:09Z")?.timeIntervalSince1970, 1_740_116_589)
        for bad in ["", "2019-04-04", "2019-04-04T12:08:56", "2019-13-04T12:08:56Z", "2019-04-04T12:08:56+5:30", "2019-04-04T12:08:56Zjunk", "2019-04-04T12:08:56.Z"] {
            XCTAssertNil(AlipayPlusTimestamp.date(from: bad), bad)
        }
    }

    func testAgreesWithFoundationOverManyDates() {
        let formatter = ISO8601DateFormatter()
        var seconds: Int64 = -2_000_000_000
        while seconds < 5_000_000_000 {
            let date = Date(timeIntervalSince1970: Double(seconds))
            let ours = AlipayPlusTimestamp.string(from: date, precision: .millisecondsWhenNonZero)
            XCTAssertEqual(formatter.date(from: ours), date, ours)
            XCTAssertEqual(AlipayPlusTimestamp.date(from: formatter.string(from: date)), date)
            seconds += 86_399 * 37
        }
    }
}
