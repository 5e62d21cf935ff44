/// How the rows of one report kind are split into a summary section and a detail section.
///
/// The accepted layout (tolerant, because the exact Alipay+ layout is unconfirmed): each section is a
/// header row followed by data rows. A row is a header row when one of its cells is a *marker* column
/// name (case-insensitive); it opens the detail section when it holds a detail marker, otherwise the
/// summary section. Blank lines anywhere are ignored. Sections may come in any order.
public struct ReportLayout: Sendable {
    /// Which section a header row opens.
    public enum Section: Sendable, Hashable {
        /// The totals section (`totalCount`, summed amounts).
        case summary
        /// The per-transaction section.
        case detail
    }

    /// Column names that make a row a summary header.
    public let summaryMarkers: [String]
    /// Column names that make a row a detail header (checked first).
    public let detailMarkers: [String]
    /// Columns the summary header must have; each entry lists accepted aliases.
    public let summaryRequired: [[String]]
    /// Columns the detail header must have; each entry lists accepted aliases.
    public let detailRequired: [[String]]
    /// False for the Transaction Summary Report, which has a detail section only.
    public let hasSummarySection: Bool

    private let summarySet: Set<String>
    private let detailSet: Set<String>
    private let markerLengths: Set<Int>

    /// Creates a layout.
    public init(summaryMarkers: [String], detailMarkers: [String], summaryRequired: [[String]],
                detailRequired: [[String]], hasSummarySection: Bool = true) {
        self.summaryMarkers = summaryMarkers
        self.detailMarkers = detailMarkers
        self.summaryRequired = summaryRequired
        self.detailRequired = detailRequired
        self.hasSummarySection = hasSummarySection
        summarySet = Set(summaryMarkers.map { $0.lowercased() })
        detailSet = Set(detailMarkers.map { $0.lowercased() })
        markerLengths = Set((summaryMarkers + detailMarkers).map { $0.utf8.count })
    }

    /// The section a row opens if it is a header row, or nil for a data row.
    public func section(ofHeaderCandidate fields: [String]) -> Section? {
        var summary = false
        for field in fields {
            // Cheap rejection first: data rows are checked on every line.
            let length = field.utf8.count
            guard length > 0, markerLengths.contains(length) || field.utf8.first! <= 0x20 || field.utf8.last! <= 0x20 else { continue }
            let name = field.trimmingASCIISpaces().lowercased()
            if detailSet.contains(name) { return .detail }
            if summarySet.contains(name) { summary = true }
        }
        return summary && hasSummarySection ? .summary : nil
    }

    func checkRequired(_ header: ReportHeader, section: Section, file: String) throws {
        let groups = section == .summary ? summaryRequired : detailRequired
        for aliases in groups where header.firstPresent(aliases) == nil {
            throw ReportError(.missingRequiredColumn, file: file, line: header.line, column: aliases[0],
                              detail: "the \(section) header row has no '\(aliases.joined(separator: "' or '"))' column (found: \(header.names.joined(separator: ", ")))",
                              hint: "add the column to the header row; names are matched case-insensitively")
        }
    }
}
