/// One record of a CSV file: its fields and the line it starts on.
public struct CSVRow: Sendable, Hashable {
    /// The decoded fields, quotes removed. Empty for a blank line.
    public var fields: [String]
    /// The 1-based line on which the record starts (a quoted field may span several lines).
    public var line: Int

    /// Creates a row.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }

    /// True for a blank line.
    public var isBlank: Bool { fields.isEmpty }
}
