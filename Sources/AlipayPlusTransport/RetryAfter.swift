package import Foundation
import AlipayPlusTime

/// Parses the `Retry-After` response header.
///
/// Both forms of RFC 9110 are accepted: delta-seconds (`"120"`) and an HTTP-date in IMF-fixdate
/// (`"Sun, 06 Nov 1994 08:49:37 GMT"`), obsolete RFC 850 (`"Sunday, 06-Nov-94 08:49:37 GMT"`) or
/// asctime (`"Sun Nov  6 08:49:37 1994"`) form.
package enum RetryAfter {
    /// The wait the server asks for, or `nil` when the value is not a valid `Retry-After`.
    ///
    /// A date in the past gives `.zero`. The weekday name is not checked against the date.
    ///
    /// - Parameters:
    ///   - headerValue: the header value, surrounding spaces allowed.
    ///   - now: the current time, to turn a date into a wait.
    package static func parse(_ headerValue: String, now: Date) -> Duration? {
        let value = headerValue.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return nil }
        if value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // Absurdly long numbers are clamped to about 68 years rather than rejected.
            return .seconds(Int64(value.count > 10 ? "2147483647" : value) ?? 0)
        }
        guard let date = parseHTTPDate(value) else { return nil }
        let seconds = date.timeIntervalSince(now)
        return seconds > 0 ? .seconds(seconds) : .zero
    }

    /// Parses an HTTP-date in any of its three forms, or returns `nil`.
    static func parseHTTPDate(_ value: String) -> Date? {
        let tokens = value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = tokens.first else { return nil }
        let day: Int, month: Int, year: Int, time: String
        if first.hasSuffix(",") {
            if tokens.count == 6 {
                // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
                guard isGMT(tokens[5]), tokens[3].count == 4, let d = Int(tokens[1]), let m = monthNumber(tokens[2]),
                      let y = Int(tokens[3]) else { return nil }
                (day, month, year, time) = (d, m, y, tokens[4])
            } else if tokens.count == 4 {
                // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
                let parts = tokens[1].split(separator: "-").map(String.init)
                guard isGMT(tokens[3]), parts.count == 3, let d = Int(parts[0]), let m = monthNumber(parts[1]),
                      parts[2].count == 2, let yy = Int(parts[2]) else { return nil }
                (day, month, year, time) = (d, m, yy < 70 ? 2000 + yy : 1900 + yy, tokens[2])
            } else {
                return nil
            }
        } else {
            // asctime: Sun Nov  6 08:49:37 1994
            guard tokens.count == 5, let m = monthNumber(tokens[1]), let d = Int(tokens[2]),
                  tokens[4].count == 4, let y = Int(tokens[4]) else { return nil }
            (day, month, year, time) = (d, m, y, tokens[3])
        }
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2]),
              let date = CivilDate(year: year, month: month, day: day) else { return nil }
        let days = date.daysSince1970
        let seconds = days * 86_400 + clock[0] * 3_600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func isGMT(_ zone: String) -> Bool {
        zone == "GMT" || zone == "UTC"
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ name: String) -> Int? {
        guard name.count == 3, let index = months.firstIndex(of: name.lowercased()) else { return nil }
        return index + 1
    }
}
