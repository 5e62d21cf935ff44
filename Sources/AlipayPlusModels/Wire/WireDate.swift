public import Foundation

/// ISO 8601 date-times as Alipay+ writes them: `2019-11-27T12:01:01+08:00`.
///
/// Formatting and parsing are done by hand (no `DateFormatter` per call). Parsing accepts an offset
/// (`+08:00`, `+0800`), `Z`, and fractional seconds of any length.
public enum WireDate {
    /// Formats `date` as `yyyy-MM-ddTHH:mm:ss±hh:mm` in the given UTC offset; milliseconds are added only
    /// when the date has a fractional second.
    ///
    /// - Parameters:
    ///   - date: the instant to format.
    ///   - utcOffsetSeconds: offset of the local time written; 0 writes `+00:00`.
    public static func string(from date: Date, utcOffsetSeconds: Int = 0) -> String {
        let interval = date.timeIntervalSince1970
        var whole = Int64(interval.rounded(.down))
        var millis = Int64(((interval - Double(whole)) * 1000).rounded())
        if millis >= 1000 { whole += 1; millis -= 1000 }
        let local = whole + Int64(utcOffsetSeconds)
        var days = local / 86_400
        var secondsOfDay = local % 86_400
        if secondsOfDay < 0 { secondsOfDay += 86_400; days -= 1 }
        let (year, month, day) = civil(fromDays: days)
        var out = ""
        out.reserveCapacity(29)
        append(&out, Int(year), width: 4)
        out.append("-"); append(&out, month, width: 2)
        out.append("-"); append(&out, day, width: 2)
        out.append("T"); append(&out, Int(secondsOfDay / 3600), width: 2)
        out.append(":"); append(&out, Int(secondsOfDay / 60 % 60), width: 2)
        out.append(":"); append(&out, Int(secondsOfDay % 60), width: 2)
        if millis > 0 { out.append("."); append(&out, Int(millis), width: 3) }
        let offset = abs(utcOffsetSeconds)
        out.append(utcOffsetSeconds < 0 ? "-" : "+")
        append(&out, offset / 3600, width: 2)
        out.append(":"); append(&out, offset / 60 % 60, width: 2)
        return out
    }

    /// Parses an ISO 8601 date-time with an offset or `Z`; returns nil when the text is not one.
    public static func date(from string: String) -> Date? {
        var utf8 = Array(string.utf8)
        return utf8.withUnsafeMutableBufferPointer { parse($0) }
    }

    private static func parse(_ b: UnsafeMutableBufferPointer<UInt8>) -> Date? {
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var value = 0
            for _ in 0..<width {
                let d = Int(b[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                value = value * 10 + d
                i += 1
            }
            return value
        }
        func literal(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), literal(0x2D), let month = number(2), literal(0x2D), let day = number(2),
              i < b.count, b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else { return nil }
        i += 1
        guard let hour = number(2), literal(0x3A), let minute = number(2), literal(0x3A), let second = number(2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60 else { return nil }
        var fraction = 0.0
        if literal(0x2E) {
            var scale = 0.1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(Int(b[i]) - 48) * scale
                scale /= 10
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            let sign = b[i] == 0x2D ? -1 : 1
            i += 1
            guard let oh = number(2) else { return nil }
            _ = literal(0x3A)
            guard let om = number(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(year: Int64(year), month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func append(_ out: inout String, _ value: Int, width: Int) {
        var digits = String(value)
        while digits.count < width { digits = "0" + digits }
        out.append(digits)
    }

    // Howard Hinnant's days-from-civil algorithms.
    private static func daysFromCivil(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays z0: Int64) -> (Int64, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
