/// The outcome of reconciling a clearing day's Transaction Detail Reports against the merchant's records.
///
/// ``isClean`` is true when every line matched a successful record with the same type, amount and
/// currency, every successful record of the day was reported exactly once, and the totals agree with
/// the summary section and the Transaction Summary Report.
public struct ReconciliationReport: Sendable, Hashable, Codable {
    /// The clearing day checked for ``Discrepancy/Kind/missingInFile``; nil when it could not be known
    /// (no lines and no date given), in which case that check was skipped.
    public var clearingDate: ClearingDate?
    /// The detail files read, in order.
    public var files: [String]
    /// Number of detail lines read.
    public var lineCount: Int
    /// Number of lines that matched a record exactly.
    public var matchedCount: Int
    /// Every line-level disagreement: in file order, then the records missing in the file.
    public var discrepancies: [Discrepancy]
    /// Totals that disagree: detail lines against the detail report's summary section and against the
    /// Transaction Summary Report.
    public var totalsFindings: [ReconciliationFinding]
    /// Things that were not checked, and why (not discrepancies), e.g. a batch without a summary report.
    public var notes: [String]

    /// Creates a report.
    public init(clearingDate: ClearingDate?, files: [String], lineCount: Int, matchedCount: Int,
                discrepancies: [Discrepancy], totalsFindings: [ReconciliationFinding], notes: [String]) {
        self.clearingDate = clearingDate
        self.files = files
        self.lineCount = lineCount
        self.matchedCount = matchedCount
        self.discrepancies = discrepancies
        self.totalsFindings = totalsFindings
        self.notes = notes
    }

    /// True when there are no discrepancies and no totals findings.
    public var isClean: Bool { discrepancies.isEmpty && totalsFindings.isEmpty }

    /// The discrepancies of one kind, in report order.
    public func discrepancies(_ kind: Discrepancy.Kind) -> [Discrepancy] {
        discrepancies.filter { $0.kind == kind }
    }
}
