public import Foundation
import AlipayPlusTime

/// Formats and parses the `Request-Time` / `Response-Time` header values (ISO 8601 with an offset).
///
/// Formatting is plain civil-date arithmetic (no `DateFormatter`), so it is cheap to call per request.
/// Sign the exact string you send: keep the value ``string(from:utcOffsetSeconds:)`` returned, never
/// re-format a parsed date.
public enum RequestTime {
    /// Formats `date` as `yyyy-MM-ddTHH:mm:ss±hh:mm` in the given offset, dropping fractions of a second.
    ///
    /// - Parameters:
    ///   - date: The instant.
    ///   - utcOffsetSeconds: Offset from UTC, e.g. `8 * 3600` for `+08:00`; `0` gives `+00:00`.
    ///     Seconds beyond whole minutes are ignored in the printed offset.
    public static func string(from date: Date, utcOffsetSeconds: Int = 0) -> String {
        ISO8601Timestamp.string(from: date, utcOffsetSeconds: utcOffsetSeconds, fractionalSeconds: .omitted)
    }

    /// Parses an ISO 8601 date-time with a zone: `+08:00`, `+0800`, `+08`, `Z`, optional fractional seconds.
    ///
    /// Returns `nil` for anything else, including a time without a zone.
    public static func date(from string: String) -> Date? {
        ISO8601Timestamp.date(from: string)
    }
}
