/// What reading a report produced, besides the detail lines handed to the caller one by one.
public struct ReportResult<Format: ReportFormat>: Sendable {
    /// The summary-section rows, in file order.
    public var summaryRows: [Format.SummaryRow]
    /// The number of detail lines read.
    public var lineCount: Int
    /// Totals of the detail lines.
    public var totals: Format.Totals
    /// Disagreements between the detail lines and the summary section (empty when consistent).
    public var findings: [ReconciliationFinding]
    /// True if an `<END>` marker closed the (last) file.
    public var sawEndMarker: Bool
}
