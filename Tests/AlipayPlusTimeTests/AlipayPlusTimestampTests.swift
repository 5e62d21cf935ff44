import AlipayPlusTime
import Foundation
import XCTest

final class AlipayPlusTimestampTests: XCTestCase {
    private typealias T = AlipayPlusTimestamp

    // MARK: Formatting

    func testFormatsTable() {
        let cases: [(seconds: Double, offset: Int, fraction: T.Precision, text: String)] = [
            (1_795_928_709, 0, .seconds, "2026-11-29T05:05:09+00:00"),
            (1_795_928_709, 8 * 3600, .seconds, "2026-11-29T13:05:09+08:00"),
            (1_795_928_709, -(5 * 3600 + 1800), .seconds, "2026-11-28T23:35:09-05:30"),
            (1_795_928_709.999, 0, .seconds, "2026-11-29T05:05:09+00:00"),
            (1_795_928_709.25, 0, .millisecondsWhenNonZero, "2026-11-29T05:05:09.250+00:00"),
            (1_795_928_709.9996, 0, .millisecondsWhenNonZero, "2026-11-29T05:05:10+00:00"),
            (1_795_928_709, 0, .millisecondsWhenNonZero, "2026-11-29T05:05:09+00:00"),
            (0, 0, .seconds, "1970-01-01T00:00:00+00:00"),
            (-1, 0, .seconds, "1969-12-31T23:59:59+00:00"),
            (-0.5, 0, .seconds, "1969-12-31T23:59:59+00:00"),
            (-0.5, 0, .millisecondsWhenNonZero, "1969-12-31T23:59:59.500+00:00"),
            (951_782_400, 0, .seconds, "2000-02-29T00:00:00+00:00"),
            (4_107_542_399, 0, .seconds, "2100-02-28T23:59:59+00:00"),
            (4_107_542_400, 0, .seconds, "2100-03-01T00:00:00+00:00"),
            (253_402_300_799, 0, .seconds, "9999-12-31T23:59:59+00:00"),
            (-62_135_596_800, 0, .seconds, "0001-01-01T00:00:00+00:00"),
            (1_700_000_000, 14 * 3600, .seconds, "2023-11-15T12:13:20+14:00"),
            (1_700_000_000, 8 * 3600 + 59, .seconds, "2023-11-15T06:13:20+08:00"),  // seconds of the offset ignored
            (1_700_000_000, -59, .seconds, "2023-11-14T22:13:20+00:00"),
        ]
        for c in cases {
            let text = T.string(from: Date(timeIntervalSince1970: c.seconds), utcOffsetSeconds: c.offset, precision: c.fraction)
            XCTAssertEqual(text, c.text, "\(c.seconds) \(c.offset)")
        }
    }

    func testClampsAbsurdInputsInsteadOfTrapping() {
        let cases: [(Double, Int, String)] = [
            (.infinity, 0, "9999-12-31T23:59:59+00:00"),
            (.infinity, 8 * 3600, "9999-12-31T23:59:59+08:00"),
            (-.infinity, 0, "0001-01-01T00:00:00+00:00"),
            (.nan, 0, "1970-01-01T00:00:00+00:00"),
            (253_402_300_799.5, 0, "9999-12-31T23:59:59+00:00"),
            (1e300, -3600, "9999-12-31T23:59:59-01:00"),
            (0, 100 * 3600, "1970-01-01T23:59:00+23:59"),
            (0, -100 * 3600, "1969-12-31T00:01:00-23:59"),
            // Texts that parse to instants the writer cannot write in UTC (the fuzzer found the first).
            (253_402_342_199, 0, "9999-12-31T23:59:59+00:00"),    // 9999-12-31T23:59:59-11:30
            (-62_135_647_200, 0, "0001-01-01T00:00:00+00:00"),    // 0001-01-01T00:00:00+14:00
        ]
        for (seconds, offset, text) in cases {
            for fraction in [T.Precision.seconds, .millisecondsWhenNonZero] {
                XCTAssertEqual(T.string(from: Date(timeIntervalSince1970: seconds), utcOffsetSeconds: offset, precision: fraction), text)
            }
        }
    }

    func testAgreesWithISO8601DateFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var seconds: Int64 = -2_208_988_800  // 1900
        while seconds < 7_258_118_400 {       // 2200
            let date = Date(timeIntervalSince1970: Double(seconds))
            for offset in [0, 19_800, -36_000, 50_400, -43_200] {
                formatter.timeZone = TimeZone(secondsFromGMT: offset)
                let expected = formatter.string(from: date).replacingOccurrences(of: "Z", with: "+00:00")
                XCTAssertEqual(T.string(from: date, utcOffsetSeconds: offset, precision: .seconds), expected)
                XCTAssertEqual(T.date(from: expected), date)
            }
            seconds += 7_654_321
        }
    }

    // MARK: Parsing

    func testParsesTable() {
        let cases: [(text: String, seconds: Double)] = [
            ("2019-05-28T12:12:12+08:00", 1_559_016_732),
            ("2019-05-28T12:12:12+0800", 1_559_016_732),
            ("2019-05-28T12:12:12+08", 1_559_016_732),
            ("2019-05-28T04:12:12Z", 1_559_016_732),
            ("2019-05-28t04:12:12z", 1_559_016_732),
            ("2019-05-28 04:12:12Z", 1_559_016_732),
            ("2019-05-27T23:12:12-05:00", 1_559_016_732),
            ("2019-05-28T04:12:12-00:00", 1_559_016_732),
            ("2019-05-28T17:42:12+13:30", 1_559_016_732),
            ("2019-05-28T04:12:12+23:59", 1_558_930_392),
            ("1970-01-01T00:00:00Z", 0),
            ("1969-12-31T23:59:59Z", -1),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("2024-02-29T00:00:00Z", 1_709_164_800),
            ("2100-03-01T00:00:00Z", 4_107_542_400),
            ("9999-12-31T23:59:59Z", 253_402_300_799),
            ("0001-01-01T00:00:00Z", -62_135_596_800),
            ("9999-12-31T23:59:59-11:30", 253_402_342_199),  // after 9999 in UTC: read, written clamped
            ("0001-01-01T00:00:00+14:00", -62_135_647_200),  // before year 1 in UTC
            ("2016-12-31T23:59:60Z", 1_483_228_800),  // leap second: the next minute's first second
            ("2025-02-20T08:51:49.5Z", 1_740_041_509.5),
            ("2025-02-20T08:51:49,5Z", 1_740_041_509.5),
            ("2025-02-20T08:51:49.09Z", 1_740_041_509.09),
            ("2025-02-20T16:51:49.123456+08:00", 1_740_041_509.123456),
            ("2025-02-20T16:51:49,250+0800", 1_740_041_509.25),
        ]
        for c in cases {
            guard let date = T.date(from: c.text) else { XCTFail("nil for \(c.text)"); continue }
            XCTAssertEqual(date.timeIntervalSince1970, c.seconds, accuracy: 0.000001, c.text)
        }
    }

    func testDefaultOffsetAppliesOnlyWithoutAZone() {
        let cases: [(text: String, seconds: Double?)] = [
            ("2026-11-29T10:00:00", 1_795_917_600),
            ("2026-11-29 10:00:00.5", 1_795_917_600.5),
            ("2026-11-29T02:00:00Z", 1_795_917_600),
            ("2026-11-29T04:00:00+02", 1_795_917_600),
            ("2026-11-29T10:00:00 ", nil),
            ("2026-11-29T10:00:00+", nil),
        ]
        for c in cases {
            let date = T.date(from: c.text, defaultUTCOffsetSeconds: 8 * 3600)
            XCTAssertEqual(date?.timeIntervalSince1970, c.seconds, c.text)
        }
        XCTAssertNil(T.date(from: "2026-11-29T10:00:00"))
    }

    func testRejectsInvalidInput() {
        let bad = [
            "", "2019-05-28", "2019-05-28T", "2019-05-28T12:12+08:00", "2019-05-28T12:12:12.Z",
            "2019-05-28T12:12:12,Z", "2019-05-28T12:12:12+08:00 ", " 2019-05-28T12:12:12Z", "2019-05-28T12:12:12Zjunk",
            "19-05-28T12:12:12Z", "+2019-05-28T12:12:12Z", "2019-5-28T12:12:12Z", "2019-05-28X12:12:12Z",
            "2019-02-31T00:00:00Z", "2019-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2019-04-31T00:00:00Z",
            "2019-00-10T00:00:00Z", "2019-13-10T00:00:00Z", "2019-05-00T00:00:00Z", "2019-05-32T00:00:00Z",
            "2019-05-28T24:00:00Z", "2019-05-28T12:60:00Z", "2019-05-28T12:00:61Z", "2019-05-28T1a:00:00Z",
            "2019-05-28T12:12:12+24:00", "2019-05-28T12:12:12+08:60", "2019-05-28T12:12:12+8:00", "2019-05-28T12:12:12+08:0",
            "2019-05-28T12:12:12+080", "2019-05-28T12:12:12+08:00:00", "2019-05-28T12:12:12 +08:00",
            "Tue, 28 May 2019 12:12:12 GMT", "２０19-05-28T12:12:12Z",
        ]
        for text in bad {
            XCTAssertNil(T.date(from: text), text)
            XCTAssertNil(T.date(from: text, defaultUTCOffsetSeconds: 0), text)
        }
        XCTAssertNil(T.date(from: "2019-05-28T12:12:12"), "no zone and no default offset")
    }

    func testRoundTripsFormatAndParse() {
        let offsets = [0, 8 * 3600, -(9 * 3600 + 30 * 60), 14 * 3600, -12 * 3600, 345 * 60]
        let instants: [Double] = [0, -1, 951_782_400, 1_709_164_800, 4_107_542_399, 4_107_542_400, 253_402_300_799 - 15 * 3600,
                                  -62_135_596_800 + 13 * 3600, 1_795_928_709, 1_795_928_709.125, -0.75]
        for seconds in instants {
            for offset in offsets {
                let date = Date(timeIntervalSince1970: seconds)
                let withMillis = T.string(from: date, utcOffsetSeconds: offset, precision: .millisecondsWhenNonZero)
                XCTAssertEqual(T.date(from: withMillis)?.timeIntervalSince1970 ?? .nan, seconds, accuracy: 0.0005, withMillis)
                let whole = T.string(from: date, utcOffsetSeconds: offset, precision: .seconds)
                XCTAssertEqual(T.date(from: whole)?.timeIntervalSince1970, seconds.rounded(.down), whole)
                XCTAssertEqual(whole.utf8.count, 25)
            }
        }
    }
}
