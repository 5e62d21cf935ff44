/// Describes one report kind: its layout and how its rows become typed values.
///
/// The library ships ``TransactionDetailFormat``, ``TransactionSummaryFormat``, ``FeeFormat`` and
/// ``SettlementFormat``; read them with ``ReportReader``.
public protocol ReportFormat {
    /// A typed summary-section row.
    associatedtype SummaryRow: Sendable
    /// A typed detail-section row.
    associatedtype Line: Sendable
    /// Running totals of detail lines, checked against the summary rows at the end.
    associatedtype Totals: ReportTotals where Totals.Line == Line, Totals.SummaryRow == SummaryRow

    /// The report kind.
    static var kind: ReportKind { get }
    /// How rows split into sections.
    static var layout: ReportLayout { get }
    /// Decodes a summary row.
    ///
    /// - Throws: ``ReportError`` (with the file, line and column) when a required cell is missing or malformed.
    static func summaryRow(from row: ReportRow) throws -> SummaryRow
    /// Decodes a detail row.
    ///
    /// - Throws: ``ReportError`` (with the file, line and column) when a required cell is missing or malformed.
    static func line(from row: ReportRow) throws -> Line
}

/// Totals accumulated while streaming detail lines, then compared with the summary section.
public protocol ReportTotals: Sendable {
    /// The detail line type.
    associatedtype Line
    /// The summary row type.
    associatedtype SummaryRow

    /// Empty totals.
    init()
    /// Adds one detail line.
    ///
    /// - Throws: ``ReportError/Code/amountOverflow`` when a sum leaves `Int64`.
    mutating func add(_ line: Line, at row: ReportRow) throws
    /// Compares the totals with the summary rows; disagreements come back as findings.
    func findings(against summaryRows: [SummaryRow]) -> [ReconciliationFinding]
}

/// Overflow-checked addition for totals.
func checkedAdd(_ a: Int64, _ b: Int64, at row: ReportRow, column: String) throws -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow {
        throw ReportError(.amountOverflow, file: row.file, line: row.line, column: column,
                          detail: "the running total no longer fits in a 64-bit integer", hint: "check the amounts in this column for corrupt values")
    }
    return sum
}
