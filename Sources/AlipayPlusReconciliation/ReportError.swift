/// A problem that stops a report file from being read.
///
/// Every error names where it happened (file, 1-based line, column) and carries a hint that says how to
/// fix the input. Compare ``code`` in tests: `XCTAssertEqual(error.code, .unterminatedQuote)`.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; compare with the static members (`.wrongColumnCount`, ...).
    public struct Code: Sendable, Hashable, NamedCode, CustomStringConvertible {
        enum Value: String, Sendable, Hashable {
            case unterminatedQuote, quoteInUnquotedField, characterAfterClosingQuote, wrongColumnCount
            case missingHeader, missingRequiredColumn, missingValue, invalidUTF8, emptyFile
            case invalidAmount, invalidCount, invalidTime, amountOverflow, contentAfterEndMarker
            case badFileName, sequenceGap, mixedBatch, unreadableFile
        }
        let value: Value
        init(_ value: Value) { self.value = value }
        static var codeKindName: String { "report error code" }

        /// A quoted field is still open at the end of the file.
        public static let unterminatedQuote = Code(.unterminatedQuote)
        /// A `"` appears inside a field that did not start with a quote.
        public static let quoteInUnquotedField = Code(.quoteInUnquotedField)
        /// Something other than a comma or line end follows the closing quote of a quoted field.
        public static let characterAfterClosingQuote = Code(.characterAfterClosingQuote)
        /// A data row has a different number of fields than its section's header row.
        public static let wrongColumnCount = Code(.wrongColumnCount)
        /// Data appears before any header row.
        public static let missingHeader = Code(.missingHeader)
        /// A header row lacks a column that its section requires.
        public static let missingRequiredColumn = Code(.missingRequiredColumn)
        /// A required column is present but empty in a data row.
        public static let missingValue = Code(.missingValue)
        /// The file contains bytes that are not valid UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// The file has no content (or only blank lines, a BOM or the `<END>` marker).
        public static let emptyFile = Code(.emptyFile)
        /// An amount is not an integer in minor units (a decimal point, letters, empty).
        public static let invalidAmount = Code(.invalidAmount)
        /// A count is not a non-negative integer.
        public static let invalidCount = Code(.invalidCount)
        /// A time is not ISO 8601 (`2026-11-29T13:05:09+08:00`).
        public static let invalidTime = Code(.invalidTime)
        /// Adding up amounts went past the range of `Int64`.
        public static let amountOverflow = Code(.amountOverflow)
        /// Non-blank content follows the `<END>` marker line.
        public static let contentAfterEndMarker = Code(.contentAfterEndMarker)
        /// A file name does not follow `<kind>_<participantId>_<currency>_<batchId>_<agreementId>_<seq>.csv`.
        public static let badFileName = Code(.badFileName)
        /// The files of one batch skip a sequence number (e.g. 000 and 002 without 001).
        public static let sequenceGap = Code(.sequenceGap)
        /// Files given as one batch belong to different reports or batches.
        public static let mixedBatch = Code(.mixedBatch)
        /// A file could not be opened or read.
        public static let unreadableFile = Code(.unreadableFile)

        /// The code's name, e.g. `wrongColumnCount`.
        public var description: String { name }
    }

    /// What kind of problem this is.
    public let code: Code
    /// The file name (or the name given to in-memory data), if known.
    public let file: String?
    /// The 1-based line where the problem was found, if it belongs to a line.
    public let line: Int?
    /// The column (header name) involved, if any.
    public let column: String?
    /// What was found.
    public let detail: String
    /// How to fix it.
    public let hint: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of problem.
    ///   - file: File name, if known.
    ///   - line: 1-based line number, if any.
    ///   - column: Column name, if any.
    ///   - detail: What was found.
    ///   - hint: How to fix it.
    public init(_ code: Code, file: String? = nil, line: Int? = nil, column: String? = nil, detail: String, hint: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.detail = detail
        self.hint = hint
    }

    /// `file:line: column 'x': detail (code). Hint: ...`
    public var description: String {
        var place = file ?? "report"
        if let line { place += ":\(line)" }
        var text = "\(place): "
        if let column { text += "column '\(column)': " }
        return text + "\(detail) (\(code)). Hint: \(hint)"
    }
}
