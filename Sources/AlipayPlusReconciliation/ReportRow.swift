import Foundation

/// One data row of a section, with its header, file name and line, and typed accessors.
///
/// Every accessor takes a list of aliases (first present column wins) and reads case-insensitively.
/// Values are trimmed of surrounding spaces; an empty value counts as absent.
public struct ReportRow: Sendable {
    /// The section's header.
    public let header: ReportHeader
    /// The fields, one per header column.
    public let fields: [String]
    /// The file the row came from.
    public let file: String
    /// The 1-based line the row starts on.
    public let line: Int

    /// Creates a row.
    public init(header: ReportHeader, fields: [String], file: String, line: Int) {
        self.header = header
        self.fields = fields
        self.file = file
        self.line = line
    }

    /// The trimmed value of the first present alias, or nil when absent or empty.
    public func string(_ aliases: String...) -> String? { string(aliases) }

    func string(_ aliases: [String]) -> String? {
        guard let (_, index) = header.firstPresent(aliases), index < fields.count else { return nil }
        let value = fields[index].trimmingASCIISpaces()
        return value.isEmpty ? nil : value
    }

    func requiredString(_ aliases: [String]) throws -> String {
        guard let value = string(aliases) else {
            throw ReportError(.missingValue, file: file, line: line, column: header.firstPresent(aliases)?.name ?? aliases[0],
                              detail: "the required value is empty", hint: "every data row needs a value in this column")
        }
        return value
    }

    func amount(_ aliases: [String]) throws -> Int64? {
        guard let text = string(aliases) else { return nil }
        guard let value = MinorUnits.parse(text) else {
            throw ReportError(.invalidAmount, file: file, line: line, column: header.firstPresent(aliases)?.name,
                              detail: "'\(text)' is not an integer amount in minor units",
                              hint: "report amounts are integers in the currency's smallest unit with no decimal point (1234 for 12.34 USD)")
        }
        return value
    }

    func requiredAmount(_ aliases: [String]) throws -> Int64 {
        _ = try requiredString(aliases)
        return try amount(aliases)!
    }

    func count(_ aliases: [String]) throws -> Int? {
        guard let text = string(aliases) else { return nil }
        guard let value = MinorUnits.parse(text), value >= 0, let count = Int(exactly: value) else {
            throw ReportError(.invalidCount, file: file, line: line, column: header.firstPresent(aliases)?.name,
                              detail: "'\(text)' is not a non-negative integer count", hint: "counts are whole numbers such as 0 or 42")
        }
        return count
    }

    func requiredCount(_ aliases: [String]) throws -> Int {
        _ = try requiredString(aliases)
        return try count(aliases)!
    }

    func time(_ aliases: [String]) throws -> Date? {
        guard let text = string(aliases) else { return nil }
        guard let date = ReportTime.date(from: text) else {
            throw ReportError(.invalidTime, file: file, line: line, column: header.firstPresent(aliases)?.name,
                              detail: "'\(text)' is not an ISO 8601 time",
                              hint: "expected e.g. 2026-11-29T13:05:09+08:00 (a time without offset is read as UTC+8)")
        }
        return date
    }

    func requiredTime(_ aliases: [String]) throws -> Date {
        _ = try requiredString(aliases)
        return try time(aliases)!
    }

    /// The columns whose names (case-insensitive) are not in `known`, with their raw values.
    func extras(excluding known: Set<String>) -> [String: String] {
        var result: [String: String] = [:]
        for (index, name) in header.lowercasedNames.enumerated() where index < fields.count && !known.contains(name) {
            result[header.names[index]] = fields[index]
        }
        return result
    }
}
