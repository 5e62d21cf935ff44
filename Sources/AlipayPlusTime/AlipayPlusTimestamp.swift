#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The date-times Alipay+ reads and writes: `2019-11-27T12:01:01+08:00`, in the signed `Request-Time` /
/// `Response-Time` headers and in JSON bodies.
///
/// Writes `yyyy-MM-ddTHH:mm:ss[.SSS]±hh:mm` (offset 0 is `+00:00`, never `Z`) by plain civil-date
/// arithmetic into one preallocated string: no `DateFormatter`, one allocation per call, cheap enough to
/// call per request. The ``Precision`` says which of the two forms is written: whole seconds for headers,
/// milliseconds (when not zero) for bodies. Sign the exact string you send: keep the value
/// ``string(from:utcOffsetSeconds:precision:)`` returned, never re-format a parsed date.
///
/// Reads `yyyy-MM-dd`, `T` (or `t` or a space), `HH:mm:ss`, optional fractional seconds after `.` or `,`
/// (any number of digits), then `Z`/`z`, `±hh:mm`, `±hhmm` or `±hh`; a string without an offset is
/// refused. Fields are checked strictly: month 1...12, day within that month (leap years included), hour
/// 0...23, minute 0...59, second 0...60 (a leap second reads as the first second of the next minute),
/// offset at most 23:59.
public enum AlipayPlusTimestamp {
    /// Which fractions of a second are written.
    public enum Precision: Sendable, Hashable {
        /// Whole seconds only, the form of the signed `Request-Time` and `Response-Time` headers; the
        /// fraction is truncated (`12:00:00.999` is written `12:00:00`).
        case seconds
        /// Milliseconds (rounded), written only when they are not zero (`12:00:00.250`), the form of
        /// date-times in JSON bodies.
        case millisecondsWhenNonZero
    }

    /// Earliest instant written: 0001-01-01T00:00:00 local time, in seconds since 1970.
    package static let earliestLocalSeconds: Int64 = -62_135_596_800
    /// Latest instant written: 9999-12-31T23:59:59 local time, in seconds since 1970.
    package static let latestLocalSeconds: Int64 = 253_402_300_799
    /// Largest offset written or read, in minutes (23:59).
    package static let maximumOffsetMinutes = 23 * 60 + 59

    /// Formats `date` as `yyyy-MM-ddTHH:mm:ss±hh:mm` in the given offset from UTC, with the fractions of a
    /// second `precision` asks for.
    ///
    /// The offset is truncated to whole minutes (toward zero) and limited to ±23:59, so the text always
    /// reads back to the same instant. NaN is written as 1970-01-01T00:00:00Z; local times before year 1
    /// or after year 9999 (infinities included) are clamped to the first or last second of that range.
    ///
    /// - Parameters:
    ///   - date: The instant.
    ///   - utcOffsetSeconds: Offset from UTC, e.g. `8 * 3600` for `+08:00`; `0` writes `+00:00`. Seconds
    ///     beyond whole minutes are ignored in the printed offset.
    ///   - precision: ``Precision/seconds`` for headers, ``Precision/millisecondsWhenNonZero`` for bodies.
    public static func string(from date: Date, utcOffsetSeconds: Int = 0, precision: Precision) -> String {
        let offsetMinutes = max(-maximumOffsetMinutes, min(maximumOffsetMinutes, utcOffsetSeconds / 60))
        let interval = date.timeIntervalSince1970
        // Bring absurd values into a range whose milliseconds fit Int64 before converting.
        let bounded = interval.isNaN ? 0 : min(max(interval, -1e14), 1e14)
        let utcMillis: Int64
        switch precision {
        case .seconds: utcMillis = Int64(bounded.rounded(.down)) * 1000
        case .millisecondsWhenNonZero: utcMillis = Int64((bounded * 1000).rounded())
        }
        let localMillis = min(max(utcMillis + Int64(offsetMinutes) * 60_000, earliestLocalSeconds * 1000), latestLocalSeconds * 1000)
        let millis = Int(localMillis - floorDivide(localMillis, 1000) * 1000)
        let local = floorDivide(localMillis, 1000)
        let days = floorDivide(local, 86_400)
        let secondOfDay = Int(local - days * 86_400)
        let date = CivilDate(daysSince1970: Int(days))
        let hasMillis = precision == .millisecondsWhenNonZero && millis != 0
        let length = hasMillis ? 29 : 25

        return String(unsafeUninitializedCapacity: length) { buffer in
            var i = 0
            ASCIIDigits.write(date.year, width: 4, into: buffer, at: &i)
            buffer[i] = 0x2D; i += 1  // -
            ASCIIDigits.write(date.month, width: 2, into: buffer, at: &i)
            buffer[i] = 0x2D; i += 1
            ASCIIDigits.write(date.day, width: 2, into: buffer, at: &i)
            buffer[i] = 0x54; i += 1  // T
            ASCIIDigits.write(secondOfDay / 3600, width: 2, into: buffer, at: &i)
            buffer[i] = 0x3A; i += 1  // :
            ASCIIDigits.write(secondOfDay / 60 % 60, width: 2, into: buffer, at: &i)
            buffer[i] = 0x3A; i += 1
            ASCIIDigits.write(secondOfDay % 60, width: 2, into: buffer, at: &i)
            if hasMillis {
                buffer[i] = 0x2E; i += 1  // .
                ASCIIDigits.write(millis, width: 3, into: buffer, at: &i)
            }
            buffer[i] = offsetMinutes < 0 ? 0x2D : 0x2B; i += 1  // - or +
            ASCIIDigits.write(abs(offsetMinutes) / 60, width: 2, into: buffer, at: &i)
            buffer[i] = 0x3A; i += 1
            ASCIIDigits.write(abs(offsetMinutes) % 60, width: 2, into: buffer, at: &i)
            return i
        }
    }

    /// Parses an ISO 8601 date-time with an offset or `Z`, such as a `Response-Time` header or a date in a
    /// JSON body; nil when the text is not one, including a time without an offset.
    ///
    /// - Parameter string: The text, with nothing before or after the date-time.
    public static func date(from string: String) -> Date? {
        date(from: string, defaultUTCOffsetSeconds: nil)
    }

    /// Parses an ISO 8601 date-time; nil when the text is not one (see the type's discussion).
    ///
    /// - Parameters:
    ///   - string: The text, with nothing before or after the date-time.
    ///   - defaultUTCOffsetSeconds: The offset assumed when the text has none; nil refuses such text.
    package static func date(from string: String, defaultUTCOffsetSeconds: Int?) -> Date? {
        var text = string
        return text.withUTF8 { parse($0, defaultUTCOffsetSeconds: defaultUTCOffsetSeconds) }
    }

    /// Parses the UTF-8 bytes of an ISO 8601 date-time (see ``date(from:defaultUTCOffsetSeconds:)``).
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>, defaultUTCOffsetSeconds: Int? = nil) -> Date? {
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard bytes.count - index >= digits else { return nil }
            var value = 0
            for offset in 0..<digits {
                let digit = Int(bytes[index + offset]) - 0x30
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            index += digits
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2),
              skip(0x54) || skip(0x74) || skip(0x20),  // T t space
              let hour = number(2), skip(0x3A), let minute = number(2), skip(0x3A), let second = number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
              hour <= 23, minute <= 59, second <= 60 else { return nil }

        var fraction = 0.0
        if skip(0x2E) || skip(0x2C) {  // . or ,
            let start = index
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }

        let offsetSeconds: Int
        if index == bytes.count {
            guard let defaultUTCOffsetSeconds else { return nil }
            offsetSeconds = defaultUTCOffsetSeconds
        } else if skip(0x5A) || skip(0x7A) {  // Z z
            offsetSeconds = 0
        } else if bytes[index] == 0x2B || bytes[index] == 0x2D {  // + -
            let sign = bytes[index] == 0x2D ? -1 : 1
            index += 1
            guard let hours = number(2) else { return nil }
            var minutes = 0
            if skip(0x3A) {
                guard let value = number(2) else { return nil }
                minutes = value
            } else if let value = number(2) {
                minutes = value
            }
            guard hours <= 23, minutes <= 59 else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }

        let days = CivilDate.daysSince1970(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
