/// A disagreement found while checking a report against itself (detail lines against the summary).
///
/// Findings are data, not errors: the file was readable, but its numbers do not add up.
public struct ReconciliationFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of disagreement this is.
    public struct Code: Sendable, Hashable, NamedCode, Codable, CustomStringConvertible {
        enum Value: String, Sendable, Hashable {
            case countMismatch, amountMismatch, summarySectionMissing, detailNotCoveredBySummary
        }
        let value: Value
        init(_ value: Value) { self.value = value }
        static var codeKindName: String { "finding code" }

        /// The number of detail lines differs from the summary's count.
        public static let countMismatch = Code(.countMismatch)
        /// The sum of detail amounts differs from the summary's total.
        public static let amountMismatch = Code(.amountMismatch)
        /// The report should have a summary section but none was found, so nothing was checked.
        public static let summarySectionMissing = Code(.summarySectionMissing)
        /// Detail lines of some type/currency are not covered by any summary row.
        public static let detailNotCoveredBySummary = Code(.detailNotCoveredBySummary)

        /// The code's name.
        public var description: String { name }

        /// Encodes the name.
        ///
        /// - Throws: `EncodingError` from the encoder.
        public func encode(to encoder: any Encoder) throws {
            try encodeName(to: encoder)
        }

        /// Decodes a name.
        ///
        /// - Throws: `DecodingError.dataCorrupted` for an unknown name.
        public init(from decoder: any Decoder) throws {
            try self.init(decodingNameFrom: decoder)
        }
    }

    /// What kind of disagreement.
    public let code: Code
    /// The file of the summary row involved, if any.
    public let file: String?
    /// The line of the summary row involved, if any.
    public let line: Int?
    /// The summary column compared (e.g. `totalCount`), if any.
    public let column: String?
    /// The group compared, e.g. `PAYMENT USD` or `all lines`.
    public let scope: String
    /// The summary's value.
    public let expected: Int64?
    /// The value computed from the detail lines.
    public let actual: Int64?

    /// Creates a finding.
    public init(_ code: Code, file: String? = nil, line: Int? = nil, column: String? = nil, scope: String,
                expected: Int64? = nil, actual: Int64? = nil) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.scope = scope
        self.expected = expected
        self.actual = actual
    }

    /// A sentence describing the disagreement and where it is.
    public var description: String {
        var place = file ?? "report"
        if let line { place += ":\(line)" }
        var text = "\(place): \(code) for \(scope)"
        if let column { text += " in '\(column)'" }
        if let expected, let actual { text += ": summary says \(expected), detail lines give \(actual)" }
        return text
    }
}
