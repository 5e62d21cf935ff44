public import Foundation

/// Reads and writes the times in report files without a `DateFormatter` per call.
///
/// Accepted: `yyyy-MM-ddTHH:mm:ss` (a space instead of `T` is fine), optional fractional seconds,
/// then `Z`, `±HH:MM`, `±HHMM` or `±HH`. **A time without an offset is read as UTC+8**, the
/// time zone of the Alipay+ clearing cycle.
public enum ReportTime {
    /// The offset assumed for a time written without one: UTC+8, in seconds.
    public static let defaultUTCOffsetSeconds = 8 * 3600

    /// Parses a report time, or returns nil.
    public static func date(from string: String) -> Date? {
        var text = string
        return text.withUTF8 { parse($0) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2) else { return nil }
        guard index < bytes.count, bytes[index] == 0x54 || bytes[index] == 0x20 || bytes[index] == 0x74 else { return nil }
        index += 1
        guard let hour = number(2), expect(0x3A), let minute = number(2), expect(0x3A), let second = number(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
              hour < 24, minute < 60, second < 60 else { return nil }
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x2C {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = defaultUTCOffsetSeconds
        if index < bytes.count {
            switch bytes[index] {
            case 0x5A, 0x7A:
                index += 1
                offset = 0
            case 0x2B, 0x2D:
                let sign = bytes[index] == 0x2D ? -1 : 1
                index += 1
                guard let hours = number(2), hours <= 18 else { return nil }
                var minutes = 0
                if index < bytes.count {
                    _ = expect(0x3A)
                    guard let value = number(2), value < 60 else { return nil }
                    minutes = value
                }
                offset = sign * (hours * 3600 + minutes * 60)
            default:
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Formats a time as `yyyy-MM-ddTHH:mm:ss±HH:MM` (milliseconds added when not whole seconds).
    ///
    /// - Parameters:
    ///   - date: The time.
    ///   - utcOffsetSeconds: The offset to write; UTC+8 by default.
    public static func string(from date: Date, utcOffsetSeconds: Int = defaultUTCOffsetSeconds) -> String {
        // Clamp to years 0001...9999 so absurd dates cannot overflow the integer arithmetic below.
        let interval = min(max(date.timeIntervalSince1970.isNaN ? 0 : date.timeIntervalSince1970, -62_135_596_800), 253_402_300_799)
        let millisTotal = Int((interval * 1000).rounded()) + utcOffsetSeconds * 1000
        let millis = ((millisTotal % 1000) + 1000) % 1000
        let local = (millisTotal - millis) / 1000
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondOfDay = local - days * 86_400
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if millis != 0 { text += ".\(pad(millis, 3))" }
        let absOffset = abs(utcOffsetSeconds)
        text += "\(utcOffsetSeconds < 0 ? "-" : "+")\(pad(absOffset / 3600, 2)):\(pad(absOffset / 60 % 60, 2))"
        return text
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
