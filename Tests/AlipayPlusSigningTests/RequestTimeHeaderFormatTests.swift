import AlipayPlusSigning
import Foundation
import XCTest

final class RequestTimeHeaderFormatTests: XCTestCase {
    func testFormatsWithOffset() {
        let date = Date(timeIntervalSince1970: 1_795_928_709)  // 2026-11-29T05:05:09Z
        XCTAssertEqual(AlipayPlusTimestamp.string(from: date, precision: .seconds), "2026-11-29T05:05:09+00:00")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: date, utcOffsetSeconds: 8 * 3600, precision: .seconds), "2026-11-29T13:05:09+08:00")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: date, utcOffsetSeconds: -(5 * 3600 + 30 * 60), precision: .seconds), "2026-11-28T23:35:09-05:30")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: Date(timeIntervalSince1970: 1_795_928_709.999), precision: .seconds), "2026-11-29T05:05:09+00:00")
    }

    func testFormatsCalendarEdges() {
        XCTAssertEqual(AlipayPlusTimestamp.string(from: Date(timeIntervalSince1970: 0), precision: .seconds), "1970-01-01T00:00:00+00:00")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: Date(timeIntervalSince1970: -1), precision: .seconds), "1969-12-31T23:59:59+00:00")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: Date(timeIntervalSince1970: 951_782_400), precision: .seconds), "2000-02-29T00:00:00+00:00")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: Date(timeIntervalSince1970: 4_107_542_399), precision: .seconds), "2100-02-28T23:59:59+00:00")
        XCTAssertEqual(AlipayPlusTimestamp.string(from: Date(timeIntervalSince1970: 4_107_542_400), precision: .seconds), "2100-03-01T00:00:00+00:00")
    }

    func testAgreesWithISO8601DateFormatterOverManyInstants() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var seconds: Int64 = -2_208_988_800  // 1900
        while seconds < 7_258_118_400 {       // 2200
            let date = Date(timeIntervalSince1970: Double(seconds))
            for offset in [0, 19_800, -36_000, 50_400] {
                let text = AlipayPlusTimestamp.string(from: date, utcOffsetSeconds: offset, precision: .seconds)
                formatter.timeZone = TimeZone(secondsFromGMT: offset)
                let expected = formatter.string(from: date).replacingOccurrences(of: "Z", with: "+00:00")
                XCTAssertEqual(text, expected)
                XCTAssertEqual(AlipayPlusTimestamp.date(from: text), date)
            }
            seconds += 9_876_543
        }
    }

    func testParsesZoneForms() throws {
        let reference = Date(timeIntervalSince1970: 1_559_016_732)  // 2019-05-28T04:12:12Z
        XCTAssertEqual(AlipayPlusTimestamp.date(from: "2019-05-28T12:12:12+08:00"), reference)
        XCTAssertEqual(AlipayPlusTimestamp.date(from: "2019-05-28T12:12:12+0800"), reference)
        XCTAssertEqual(AlipayPlusTimestamp.date(from: "2019-05-28T12:12:12+08"), reference)
        XCTAssertEqual(AlipayPlusTimestamp.date(from: "2019-05-28T04:12:12Z"), reference)
        XCTAssertEqual(AlipayPlusTimestamp.date(from: "2019-05-28t04:12:12z"), reference)
        XCTAssertEqual(AlipayPlusTimestamp.date(from: "2019-05-27T23:12:12-05:00"), reference)
        let fractional = try XCTUnwrap(AlipayPlusTimestamp.date(from: "2025-02-20T08:51:49.09Z"))
        XCTAssertEqual(fractional.timeIntervalSince1970, 1_740_041_509.09, accuracy: 0.0001)
        let micro = try XCTUnwrap(AlipayPlusTimestamp.date(from: "2025-02-20T16:51:49.123456+08:00"))
        XCTAssertEqual(micro.timeIntervalSince1970, 1_740_041_509.123456, accuracy: 0.000001)
    }

    func testRejectsMalformedTimes() {
        for text in ["", "2019-05-28", "2019-05-28T12:12:12", "2019-05-28T12:12+08:00", "2019-13-28T12:12:12Z",
                     "2019-02-29T12:12:12Z", "2019-05-28T24:00:00Z", "2019-05-28T12:12:12.Z", "2019-05-28T12:12:12+08:00 ",
                     "19-05-28T12:12:12Z", "2019-05-28T12:12:12+25:00", "Tue, 28 May 2019 12:12:12 GMT"] {
            XCTAssertNil(AlipayPlusTimestamp.date(from: text), text)
        }
        XCTAssertNotNil(AlipayPlusTimestamp.date(from: "2020-02-29T12:12:12Z"))
    }
}
