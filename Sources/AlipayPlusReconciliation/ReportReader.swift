import Foundation

/// Reads one report (one file, or all files of a batch as one) and streams its detail lines.
///
/// Memory stays flat: files are read in chunks and each detail line is handed to your closure and then
/// dropped; only summary rows and small per-group totals are kept.
///
/// ```swift
/// let reader = TransactionDetailReader(batch: batch)
/// let result = try reader.read { line in
///     try matcher.consume(line.reconciliationRecord)
/// }
/// for finding in result.findings { print(finding) }
/// ```
public struct ReportReader<Format: ReportFormat>: Sendable {
    /// The sources, read in order as one report.
    public let sources: [ReportSource]
    /// Bytes read per chunk.
    public let chunkSize: Int

    /// Reads the given sources in order as one report.
    public init(sources: [ReportSource], chunkSize: Int = 65_536) {
        self.sources = sources
        self.chunkSize = chunkSize
    }

    /// Reads one file or one piece of data.
    public init(_ source: ReportSource, chunkSize: Int = 65_536) {
        self.init(sources: [source], chunkSize: chunkSize)
    }

    /// Reads all files of a batch, in `seq` order, as one report.
    public init(batch: ReportBatch, chunkSize: Int = 65_536) {
        self.init(sources: batch.sources, chunkSize: chunkSize)
    }

    /// Streams the detail lines to `body` and returns the summary rows, totals and findings.
    ///
    /// A later file of a batch may repeat the header rows or continue the previous section directly.
    ///
    /// - Parameter body: Called once per detail line, in file order; throwing stops reading.
    /// - Throws: ``ReportError`` (with file, line and column) for unreadable input, or what `body` throws.
    @discardableResult
    public func read(_ body: (Format.Line) throws -> Void) throws -> ReportResult<Format> {
        let layout = Format.layout
        var summaryRows: [Format.SummaryRow] = []
        var totals = Format.Totals()
        var lineCount = 0
        var sawSummary = false
        var sawContent = false
        var sawEndMarker = false
        var header: ReportHeader?
        var section = ReportLayout.Section.detail
        for source in sources {
            let reader = try source.makeReader(chunkSize: chunkSize)
            sawEndMarker = false
            while let row = try reader.next() {
                if row.isBlank { continue }
                sawContent = true
                if let opened = layout.section(ofHeaderCandidate: row.fields) {
                    let newHeader = ReportHeader(names: row.fields, line: row.line)
                    try layout.checkRequired(newHeader, section: opened, file: reader.name)
                    header = newHeader
                    section = opened
                    if opened == .summary { sawSummary = true }
                    continue
                }
                guard let header else {
                    let names = (layout.summaryMarkers + layout.detailMarkers).joined(separator: ", ")
                    throw ReportError(.missingHeader, file: reader.name, line: row.line,
                                      detail: "a data row comes before any header row",
                                      hint: "the first non-blank line must be a header row containing one of: \(names)")
                }
                guard row.fields.count == header.names.count else {
                    throw ReportError(.wrongColumnCount, file: reader.name, line: row.line,
                                      detail: "the row has \(row.fields.count) fields but the \(section) header on line \(header.line) has \(header.names.count)",
                                      hint: "quote fields that contain commas (\"a,b\") and check for missing or extra separators")
                }
                let reportRow = ReportRow(header: header, fields: row.fields, file: reader.name, line: row.line)
                switch section {
                case .summary:
                    summaryRows.append(try Format.summaryRow(from: reportRow))
                case .detail:
                    let line = try Format.line(from: reportRow)
                    try totals.add(line, at: reportRow)
                    lineCount += 1
                    try body(line)
                }
            }
            sawEndMarker = reader.sawEndMarker
        }
        guard sawContent else {
            throw ReportError(.emptyFile, file: sources.first?.name, line: 1, detail: "the report has no header and no data",
                              hint: "even a day without transactions has a header row and a summary row; download the file again")
        }
        var findings: [ReconciliationFinding] = []
        if layout.hasSummarySection && !sawSummary {
            findings.append(ReconciliationFinding(.summarySectionMissing, file: sources.first?.name, scope: "whole report"))
        } else {
            findings = totals.findings(against: summaryRows)
        }
        return ReportResult(summaryRows: summaryRows, lineCount: lineCount, totals: totals, findings: findings, sawEndMarker: sawEndMarker)
    }

    /// Reads everything into memory (convenient for small files and tests).
    ///
    /// - Throws: ``ReportError``.
    public func readAll() throws -> (lines: [Format.Line], result: ReportResult<Format>) {
        var lines: [Format.Line] = []
        let result = try read { lines.append($0) }
        return (lines, result)
    }
}

/// Reads Transaction Detail Reports (`transactionItems_...csv`).
public typealias TransactionDetailReader = ReportReader<TransactionDetailFormat>
/// Reads Transaction Summary Reports (`summary_...csv`).
public typealias TransactionSummaryReader = ReportReader<TransactionSummaryFormat>
/// Reads Fee Reports (`feeItems_...csv`).
public typealias FeeReportReader = ReportReader<FeeFormat>
/// Reads Settlement Reports (`settlement_...csv`).
public typealias SettlementReportReader = ReportReader<SettlementFormat>
