/// A date in the proleptic Gregorian calendar, with no time and no zone.
///
/// The conversions to and from a day count are Howard Hinnant's `days_from_civil` /
/// `civil_from_days` algorithms: exact for every year, negative years included, with no table.
/// This is the one copy of the calendar arithmetic in the package; the modules that read or write
/// dates delegate to it.
package struct CivilDate: Hashable, Sendable, Comparable {
    /// The year (astronomical numbering: year 0 is 1 BC).
    package let year: Int
    /// The month, 1...12.
    package let month: Int
    /// The day of the month, 1...``daysInMonth(year:month:)``.
    package let day: Int

    /// The date, or nil when it does not exist (month outside 1...12, day outside the month).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `daysSince1970` days after 1970-01-01 (negative: before).
    package init(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days from 1970-01-01 to this date.
    package var daysSince1970: Int {
        Self.daysSince1970(year: year, month: month, day: day)
    }

    /// `yyyy-MM-dd`; a year outside 0...9999 is written with as many digits as it needs (and a `-`).
    package var iso8601String: String {
        var out = ""
        out.reserveCapacity(10)
        if year < 0 { out.append("-") }
        ASCIIDigits.append(abs(year), width: 4, to: &out)
        out.append("-")
        ASCIIDigits.append(month, width: 2, to: &out)
        out.append("-")
        ASCIIDigits.append(day, width: 2, to: &out)
        return out
    }

    /// Earlier dates first.
    package static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` has a 29 February.
    package static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1...12) of `year`; 0 for a month outside 1...12.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        case 1, 3, 5, 7, 8, 10, 12: 31
        default: 0
        }
    }

    /// Days from 1970-01-01 to `year-month-day`, without checking that the date exists
    /// (callers that validated already skip building a ``CivilDate``). `month` must be 1...12.
    package static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Writes non-negative decimal numbers as ASCII digits, zero-padded, without intermediate strings.
enum ASCIIDigits {
    /// Appends `value` (>= 0) zero-padded to at least `width` digits.
    static func append(_ value: Int, width: Int, to out: inout String) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for Int.max (19 digits)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var end = raw.count
            var rest = value
            repeat {
                end -= 1
                raw[end] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                rest /= 10
            } while rest > 0
            while raw.count - end < width, end > 0 {
                end -= 1
                raw[end] = 0x30
            }
            out.append(String(decoding: UnsafeRawBufferPointer(rebasing: raw[end...]), as: UTF8.self))
        }
    }

    /// Writes `value` (0...10^width - 1) as exactly `width` digits into `buffer` at `index`; advances `index`.
    @inline(__always)
    static func write(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
        var rest = value
        var position = index + width
        while position > index {
            position -= 1
            buffer[position] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
            rest /= 10
        }
        index += width
    }
}
