public import Foundation
import AlipayPlusTime

/// A clearing day: the cycle 00:00:00–23:59:59 UTC+8 that Alipay+ clears transactions in.
///
/// A transaction belongs to the clearing day that contains its time, read in UTC+8
/// (`2026-11-29T23:30:00+08:00` and `2026-11-29T15:30:00Z` both belong to 2026-11-29).
public struct ClearingDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (in UTC+8).
    public let dayNumber: Int

    /// The clearing day with this day number (days since 1970-01-01).
    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// The clearing day that contains `date` (its date in UTC+8).
    public init(containing date: Date) {
        let seconds = date.timeIntervalSince1970 + Double(ReportTime.defaultUTCOffsetSeconds)
        let clamped = min(max(seconds.isNaN ? 0 : seconds, -62_135_596_800), 253_402_300_799)
        self.init(dayNumber: Int((clamped / 86_400).rounded(.down)))
    }

    /// A calendar date; nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), let date = CivilDate(year: year, month: month, day: day) else { return nil }
        self.init(dayNumber: date.daysSince1970)
    }

    /// Parses `YYYY-MM-DD` (or `YYYYMMDD`, the form of the SFTP folder names); nil when malformed.
    public init?(_ text: String) {
        let digits = text.utf8.filter { $0 != 0x2D }
        let dashes = text.utf8.count - digits.count
        guard digits.count == 8, dashes == 0 || (dashes == 2 && text.utf8.count == 10 && Array(text.utf8)[4] == 0x2D && Array(text.utf8)[7] == 0x2D),
              digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        self.init(year: number(0..<4), month: number(4..<6), day: number(6..<8))
    }

    /// The first instant of the day (00:00:00 UTC+8).
    public var start: Date {
        Date(timeIntervalSince1970: Double(dayNumber * 86_400 - ReportTime.defaultUTCOffsetSeconds))
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        CivilDate(daysSince1970: dayNumber).iso8601String
    }

    /// Earlier days first.
    public static func < (lhs: ClearingDate, rhs: ClearingDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// Encodes as `"YYYY-MM-DD"`.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes `"YYYY-MM-DD"`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` for anything else.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = ClearingDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a date YYYY-MM-DD")
        }
        self = date
    }
}
