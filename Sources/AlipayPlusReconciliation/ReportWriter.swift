import AlipayPlusModels
public import Foundation

/// Writes Transaction Detail and Transaction Summary reports in the layout ``ReportReader`` accepts.
///
/// Output is UTF-8, comma-separated, RFC 4180 quoted where needed, with the summary section, a blank
/// line, the detail section and (optionally) a trailing `<END>` line. Times are written with an
/// explicit offset (UTC+8 by default). A simulator can use it to publish reports for its ledger.
public struct ReportWriter: Sendable {
    /// The line ending; `"\r\n"` by default (RFC 4180).
    public var lineEnding: String
    /// Whether to end each file with an `<END>` line.
    public var writesEndMarker: Bool
    /// The UTC offset used for times.
    public var utcOffsetSeconds: Int

    /// Creates a writer.
    public init(lineEnding: String = "\r\n", writesEndMarker: Bool = true, utcOffsetSeconds: Int = ReportTime.defaultUTCOffsetSeconds) {
        self.lineEnding = lineEnding
        self.writesEndMarker = writesEndMarker
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The summary rows for `lines`: one per type, transaction currency and settlement currency
    /// (one row with `totalCount` 0 when there are no lines).
    public static func summaryRows(for lines: [TransactionDetailLine]) -> [TransactionDetailSummaryRow] {
        struct Key: Hashable { var type: String; var currency: String; var settlement: String? }
        var order: [Key] = []
        var rows: [Key: TransactionDetailSummaryRow] = [:]
        for line in lines {
            let key = Key(type: line.transactionType.rawValue, currency: line.transactionCurrency, settlement: line.settlementCurrency)
            var row = rows[key] ?? {
                order.append(key)
                return TransactionDetailSummaryRow(totalCount: 0, transactionType: line.transactionType, transactionCurrency: line.transactionCurrency,
                                                   totalTransactionAmountValue: 0, settlementCurrency: line.settlementCurrency,
                                                   totalSettlementAmountValue: line.settlementCurrency == nil ? nil : 0)
            }()
            row.totalCount += 1
            row.totalTransactionAmountValue = (row.totalTransactionAmountValue ?? 0) &+ line.transactionAmountValue.magnitudeClamped
            if let value = line.settlementAmountValue {
                row.totalSettlementAmountValue = (row.totalSettlementAmountValue ?? 0) &+ value.magnitudeClamped
            }
            rows[key] = row
        }
        if order.isEmpty { return [TransactionDetailSummaryRow(totalCount: 0)] }
        return order.map { rows[$0]! }
    }

    /// A Transaction Detail Report for `lines` (summary section computed from them).
    public func transactionDetailReport(_ lines: [TransactionDetailLine]) -> Data {
        var output = Data()
        writeTransactionDetail(lines, summaryRows: Self.summaryRows(for: lines)) { output.append($0) }
        return output
    }

    /// Writes a Transaction Detail Report to a file, in 64 KiB pieces.
    ///
    /// - Parameters:
    ///   - lines: The detail lines.
    ///   - summaryRows: The summary section; computed from `lines` when nil.
    ///   - url: The destination (created or replaced).
    /// - Throws: ``ReportError/Code/unreadableFile`` when the file cannot be written.
    public func writeTransactionDetailReport(_ lines: [TransactionDetailLine], summaryRows: [TransactionDetailSummaryRow]? = nil, to url: URL) throws {
        try writeFile(url) { sink in writeTransactionDetail(lines, summaryRows: summaryRows ?? Self.summaryRows(for: lines), to: sink) }
    }

    /// Writes the detail report through `sink` (each call gets a piece of the UTF-8 output).
    public func writeTransactionDetail(_ lines: [TransactionDetailLine], summaryRows: [TransactionDetailSummaryRow], to sink: (Data) -> Void) {
        withoutActuallyEscaping(sink) { sink in
            var buffer = Buffer(sink: sink, lineEnding: lineEnding)
            let summaryExtras = Array(Set(summaryRows.flatMap { $0.extra.keys })).sorted()
            buffer.row(TransactionDetailSummaryRow.columns + summaryExtras)
            for row in summaryRows {
                var fields: [String] = [String(row.totalCount), row.transactionType?.rawValue ?? "", row.transactionCurrency ?? ""]
                fields.append(Self.text(row.totalTransactionAmountValue))
                fields.append(row.settlementCurrency ?? "")
                fields.append(Self.text(row.totalSettlementAmountValue))
                for name in summaryExtras { fields.append(row.extra[name] ?? "") }
                buffer.row(fields)
            }
            buffer.blankLine()
            let extras = Array(Set(lines.flatMap { $0.extra.keys })).sorted()
            buffer.row(TransactionDetailLine.columns + extras)
            var fields: [String] = []
            fields.reserveCapacity(TransactionDetailLine.columns.count + extras.count)
            for line in lines {
                fields.removeAll(keepingCapacity: true)
                fields.append(line.transactionId)
                fields.append(line.transactionRequestId ?? "")
                fields.append(line.originalTransactionId ?? "")
                fields.append(line.originalTransactionRequestId ?? "")
                fields.append(line.transactionType.rawValue)
                fields.append(String(line.transactionAmountValue))
                fields.append(line.transactionCurrency)
                fields.append(ReportTime.string(from: line.transactionTime, utcOffsetSeconds: utcOffsetSeconds))
                fields.append(Self.text(line.settlementAmountValue))
                fields.append(line.settlementCurrency ?? "")
                fields.append(Self.text(line.interchangeFeeAmountValue))
                fields.append(line.interchangeFeeCurrency ?? "")
                fields.append(Self.text(line.serviceFeeAmountValue))
                fields.append(line.serviceFeeCurrency ?? "")
                for name in extras { fields.append(line.extra[name] ?? "") }
                buffer.row(fields)
            }
            if writesEndMarker { buffer.row(["<END>"]) }
            buffer.flush()
        }
    }

    private static func text(_ value: Int64?) -> String { value.map { String($0) } ?? "" }

    /// A Transaction Summary Report for the detail `lines` of one clearing batch: one line per settlement
    /// currency with the count, the net settlement amount (payments minus refunds, as a magnitude) and
    /// direction `C` when the net is positive, `D` otherwise (the documented default for an empty day).
    public func transactionSummaryReport(clearingBatchId: String, settlementCurrency: String, lines: [TransactionDetailLine]) -> Data {
        var byCurrency: [String: (count: Int, net: Int64)] = [:]
        for line in lines {
            let currency = line.settlementCurrency ?? settlementCurrency
            var entry = byCurrency[currency] ?? (0, 0)
            entry.count += 1
            entry.net = entry.net &+ line.transactionType.netSign &* (line.settlementAmountValue ?? 0).magnitudeClamped
            byCurrency[currency] = entry
        }
        if byCurrency.isEmpty { byCurrency[settlementCurrency] = (0, 0) }
        var output = Data()
        var buffer = Buffer(sink: { output.append($0) }, lineEnding: lineEnding)
        buffer.row(TransactionSummaryLine.columns)
        for (currency, entry) in byCurrency.sorted(by: { $0.key < $1.key }) {
            buffer.row([clearingBatchId, currency, String(entry.count), String(entry.net.magnitudeClamped), entry.net > 0 ? "C" : "D"])
        }
        if writesEndMarker { buffer.row(["<END>"]) }
        buffer.flush()
        return output
    }

    private func writeFile(_ url: URL, _ body: ((Data) -> Void) -> Void) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw ReportError(.unreadableFile, file: url.lastPathComponent, detail: "cannot create \(url.path)", hint: "check the directory and permissions")
        }
        defer { try? handle.close() }
        var failure: (any Error)?
        body { data in
            guard failure == nil else { return }
            do { try handle.write(contentsOf: data) } catch { failure = error }
        }
        if let failure {
            throw ReportError(.unreadableFile, file: url.lastPathComponent, detail: "write failed: \(failure.localizedDescription)", hint: "check free disk space")
        }
    }

    /// Collects output and hands it to the sink in 64 KiB pieces.
    private struct Buffer {
        let sink: (Data) -> Void
        let lineEnding: [UInt8]
        var bytes: [UInt8] = []

        init(sink: @escaping (Data) -> Void, lineEnding: String) {
            self.sink = sink
            self.lineEnding = Array(lineEnding.utf8)
            bytes.reserveCapacity(70_000)
        }

        mutating func row(_ fields: [String]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(0x2C) }
                append(field)
            }
            bytes.append(contentsOf: lineEnding)
            if bytes.count >= 65_536 { flush() }
        }

        mutating func blankLine() { bytes.append(contentsOf: lineEnding) }

        mutating func append(_ field: String) {
            let utf8 = field.utf8
            let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                || utf8.first == 0x20 || utf8.last == 0x20
            guard needsQuotes else { bytes.append(contentsOf: utf8); return }
            bytes.append(0x22)
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }

        mutating func flush() {
            guard !bytes.isEmpty else { return }
            sink(Data(bytes))
            bytes.removeAll(keepingCapacity: true)
        }
    }
}
