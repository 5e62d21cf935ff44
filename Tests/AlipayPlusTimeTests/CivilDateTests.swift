import AlipayPlusTime
import XCTest

final class CivilDateTests: XCTestCase {
    /// (year, month, day, days since 1970-01-01), checked against `date -u -d ... +%s` / 86400.
    private let knownDays: [(Int, Int, Int, Int)] = [
        (1970, 1, 1, 0),
        (1969, 12, 31, -1),
        (1970, 3, 1, 59),
        (2000, 2, 29, 11_016),
        (2000, 3, 1, 11_017),
        (2024, 2, 29, 19_782),
        (2026, 11, 29, 20_786),
        (2100, 2, 28, 47_540),
        (2100, 3, 1, 47_541),
        (1900, 3, 1, -25_508),
        (1, 1, 1, -719_162),
        (9999, 12, 31, 2_932_896),
        (0, 3, 1, -719_468),
    ]

    func testDaysFromCivilAndBack() throws {
        for (year, month, day, days) in knownDays {
            let date = try XCTUnwrap(CivilDate(year: year, month: month, day: day), "\(year)-\(month)-\(day)")
            XCTAssertEqual(date.daysSince1970, days, "\(year)-\(month)-\(day)")
            XCTAssertEqual(CivilDate(daysSince1970: days), date, "\(days)")
        }
    }

    func testRoundTripsEveryDayOverFiveCenturiesAndIsContiguous() {
        var previous = CivilDate(daysSince1970: -150_000)
        for days in -149_999...150_000 {
            let date = CivilDate(daysSince1970: days)
            XCTAssertEqual(date.daysSince1970, days)
            XCTAssertLessThan(previous, date)
            let next = CivilDate(year: previous.year, month: previous.month, day: previous.day + 1)
                ?? CivilDate(year: previous.year, month: previous.month + 1, day: 1)
                ?? CivilDate(year: previous.year + 1, month: 1, day: 1)
            XCTAssertEqual(next, date)
            previous = date
        }
    }

    func testDaysInMonthAndLeapYears() {
        let cases: [(year: Int, month: Int, days: Int)] = [
            (2023, 1, 31), (2023, 2, 28), (2024, 2, 29), (1900, 2, 28), (2000, 2, 29), (2100, 2, 28), (2400, 2, 29),
            (2023, 4, 30), (2023, 6, 30), (2023, 9, 30), (2023, 11, 30), (2023, 12, 31), (2023, 0, 0), (2023, 13, 0),
            (-4, 2, 29), (-100, 2, 28),
        ]
        for c in cases {
            XCTAssertEqual(CivilDate.daysInMonth(year: c.year, month: c.month), c.days, "\(c.year)-\(c.month)")
        }
        XCTAssertTrue(CivilDate.isLeapYear(2000))
        XCTAssertFalse(CivilDate.isLeapYear(2100))
    }

    func testRejectsDatesThatDoNotExist() {
        let bad: [(Int, Int, Int)] = [(2026, 2, 31), (2026, 2, 29), (2100, 2, 29), (2026, 4, 31), (2026, 0, 1),
                                      (2026, 13, 1), (2026, 1, 0), (2026, 1, 32), (2026, 12, -1)]
        for (year, month, day) in bad {
            XCTAssertNil(CivilDate(year: year, month: month, day: day), "\(year)-\(month)-\(day)")
        }
        XCTAssertNotNil(CivilDate(year: 2024, month: 2, day: 29))
    }

    func testISO8601String() {
        let cases: [(Int, String)] = [(0, "1970-01-01"), (20_786, "2026-11-29"), (-719_162, "0001-01-01"),
                                      (2_932_896, "9999-12-31"), (2_932_897, "10000-01-01"), (-719_529, "-0001-12-31")]
        for (days, text) in cases {
            XCTAssertEqual(CivilDate(daysSince1970: days).iso8601String, text)
        }
    }
}
