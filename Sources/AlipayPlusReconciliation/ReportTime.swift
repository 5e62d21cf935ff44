public import Foundation
import AlipayPlusTime

/// Reads and writes the times in report files without a `DateFormatter` per call.
///
/// Accepted: `yyyy-MM-ddTHH:mm:ss` (a space instead of `T` is fine), optional fractional seconds
/// (after `.` or `,`), then `Z`, `±HH:MM`, `±HHMM` or `±HH`. **A time without an offset is read as UTC+8**,
/// the time zone of the Alipay+ clearing cycle.
public enum ReportTime {
    /// The offset assumed for a time written without one: UTC+8, in seconds.
    public static let defaultUTCOffsetSeconds = 8 * 3600

    /// Parses a report time, or returns nil.
    public static func date(from string: String) -> Date? {
        AlipayPlusTimestamp.date(from: string, defaultUTCOffsetSeconds: defaultUTCOffsetSeconds)
    }

    /// Formats a time as `yyyy-MM-ddTHH:mm:ss±HH:MM` (milliseconds added when not whole seconds).
    ///
    /// Local times outside the years 0001...9999 are clamped to that range.
    ///
    /// - Parameters:
    ///   - date: The time.
    ///   - utcOffsetSeconds: The offset to write; UTC+8 by default.
    public static func string(from date: Date, utcOffsetSeconds: Int = defaultUTCOffsetSeconds) -> String {
        AlipayPlusTimestamp.string(from: date, utcOffsetSeconds: utcOffsetSeconds, precision: .millisecondsWhenNonZero)
    }
}
