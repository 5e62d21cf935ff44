import AlipayPlusReconciliation
import Foundation
import FuzzSupport

/// Fuzzes the reconciliation report readers (CSV tokenizer, header detection, row parsing, totals).
///
/// The first byte picks the report format (bits 0-1) and a small chunk size (bits 2-7, 1...64
/// bytes); the rest is the file. Properties:
/// 1. Reading throws nothing but `ReportError`.
/// 2. The outcome does not depend on how the file is cut into chunks: reading with the small chunk
///    size and with the default 64 KiB gives the same lines, summary rows, line count, findings and
///    end marker, or the same error.
/// 3. The bare `CSVReader` throws only `ReportError`, numbers rows increasingly, and splits the
///    same rows whatever the chunk size.
@_cdecl("FuzzReportParser_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count >= 1 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let flags = bytes[0]
    let data = Data(bytes[1...])
    let chunk = Int(flags >> 2) + 1
    checkCSV(data, chunk: chunk)
    switch flags & 3 {
    case 0: checkReport(TransactionDetailFormat.self, data, chunk: chunk)
    case 1: checkReport(TransactionSummaryFormat.self, data, chunk: chunk)
    case 2: checkReport(FeeFormat.self, data, chunk: chunk)
    default: checkReport(SettlementFormat.self, data, chunk: chunk)
    }
    return 0
}

/// What one read produced, comparable across chunk sizes.
private enum Outcome<Format: ReportFormat>: Equatable where Format.Line: Equatable, Format.SummaryRow: Equatable {
    case read(lines: [Format.Line], summary: [Format.SummaryRow], lineCount: Int, findings: [ReconciliationFinding], endMarker: Bool)
    case failed(ReportError)
}

private func read<Format: ReportFormat>(_ format: Format.Type, _ data: Data, chunk: Int) -> Outcome<Format>
where Format.Line: Equatable, Format.SummaryRow: Equatable {
    do {
        let (lines, result) = try ReportReader<Format>(.data(data, name: "fuzz.csv"), chunkSize: chunk).readAll()
        return .read(lines: lines, summary: result.summaryRows, lineCount: result.lineCount,
                     findings: result.findings, endMarker: result.sawEndMarker)
    } catch let error as ReportError {
        return .failed(error)
    } catch {
        Fuzz.fail("\(Format.self) reader threw \(type(of: error)): \(error)")
    }
}

private func checkReport<Format: ReportFormat>(_ format: Format.Type, _ data: Data, chunk: Int)
where Format.Line: Equatable, Format.SummaryRow: Equatable {
    let small = read(format, data, chunk: chunk)
    let large = read(format, data, chunk: 65_536)
    Fuzz.check(small == large, "\(Format.self): chunk size \(chunk) gives \(small), 64 KiB gives \(large)")
}

private func rows(_ data: Data, chunk: Int) -> Result<[CSVRow], ReportError> {
    let reader = CSVReader(data: data, name: "fuzz.csv", chunkSize: chunk)
    var rows: [CSVRow] = []
    do {
        while let row = try reader.next() {
            if let last = rows.last {
                Fuzz.check(row.line > last.line, "CSV row numbers do not increase: \(last.line) then \(row.line)")
            }
            rows.append(row)
        }
        return .success(rows)
    } catch let error as ReportError {
        return .failure(error)
    } catch {
        Fuzz.fail("CSVReader threw \(type(of: error)): \(error)")
    }
}

private func checkCSV(_ data: Data, chunk: Int) {
    let small = rows(data, chunk: chunk)
    let large = rows(data, chunk: 65_536)
    Fuzz.check(small == large, "CSVReader: chunk size \(chunk) gives \(small), 64 KiB gives \(large)")
}
