public import Foundation
import AlipayPlusTime

/// ISO 8601 date-times as Alipay+ writes them: `2019-11-27T12:01:01+08:00`.
///
/// Formatting and parsing are done by hand (no `DateFormatter` per call). Parsing accepts an offset
/// (`+08:00`, `+0800`, `+08`), `Z`, and fractional seconds of any length after `.` or `,`; it checks
/// that the date exists (no 31 February) and that the time is in range.
public enum WireDate {
    /// Formats `date` as `yyyy-MM-ddTHH:mm:ss±hh:mm` in the given UTC offset; milliseconds are added only
    /// when the date has a fractional second.
    ///
    /// - Parameters:
    ///   - date: the instant to format.
    ///   - utcOffsetSeconds: offset of the local time written; 0 writes `+00:00`. Seconds beyond whole
    ///     minutes are ignored.
    public static func string(from date: Date, utcOffsetSeconds: Int = 0) -> String {
        ISO8601Timestamp.string(from: date, utcOffsetSeconds: utcOffsetSeconds, fractionalSeconds: .millisecondsWhenNonZero)
    }

    /// Parses an ISO 8601 date-time with an offset or `Z`; returns nil when the text is not one.
    public static func date(from string: String) -> Date? {
        ISO8601Timestamp.date(from: string)
    }
}
