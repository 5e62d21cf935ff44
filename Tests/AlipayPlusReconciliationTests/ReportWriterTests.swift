import AlipayPlusModels
import Foundation
import XCTest
import AlipayPlusReconciliation

final class ReportWriterTests: XCTestCase {
    static func sampleLines() -> [TransactionDetailLine] {
        let base = Date(timeIntervalSince1970: 1_795_917_600)
        return [
            TransactionDetailLine(transactionId: "T1", transactionRequestId: "pay,1", transactionType: .payment, transactionAmountValue: 1000,
                                  transactionCurrency: "USD", transactionTime: base, settlementAmountValue: 1000, settlementCurrency: "USD",
                                  interchangeFeeAmountValue: 3, interchangeFeeCurrency: "USD", extra: ["merchantName": "Caf\u{E9} \"Le\" Bon\nParis"]),
            TransactionDetailLine(transactionId: "T2", transactionRequestId: "pay-2", transactionType: .payment, transactionAmountValue: 2500,
                                  transactionCurrency: "JPY", transactionTime: base.addingTimeInterval(61.5), settlementAmountValue: 17, settlementCurrency: "USD"),
            TransactionDetailLine(transactionId: "T3", transactionRequestId: "ref-1", originalTransactionId: "T1", originalTransactionRequestId: "pay,1",
                                  transactionType: .refund, transactionAmountValue: 400, transactionCurrency: "USD",
                                  transactionTime: base.addingTimeInterval(3600), settlementAmountValue: 400, settlementCurrency: "USD",
                                  serviceFeeAmountValue: -1, serviceFeeCurrency: "USD", extra: ["merchantName": " padded "]),
        ]
    }

    func testRoundTripThroughParser() throws {
        let lines = Self.sampleLines()
        for writer in [ReportWriter(), ReportWriter(lineEnding: "\n", writesEndMarker: false, utcOffsetSeconds: -5 * 3600)] {
            let data = writer.transactionDetailReport(lines)
            let (read, result) = try TransactionDetailReader(.data(data, name: "rt.csv"), chunkSize: 5).readAll()
            XCTAssertEqual(result.findings, [])
            XCTAssertEqual(result.summaryRows.count, 3)
            XCTAssertEqual(result.sawEndMarker, writer.writesEndMarker)
            XCTAssertEqual(read.count, lines.count)
            for (original, parsed) in zip(lines, read) {
                var expected = original
                expected.file = "rt.csv"
                expected.line = parsed.line
                if expected.extra.isEmpty { expected.extra = ["merchantName": ""] }
                XCTAssertEqual(parsed, expected)
            }
        }
    }

    func testEmptyReportRoundTrips() throws {
        let data = ReportWriter().transactionDetailReport([])
        let (lines, result) = try TransactionDetailReader(.data(data)).readAll()
        XCTAssertEqual(lines, [])
        XCTAssertEqual(result.summaryRows.map(\.totalCount), [0])
        XCTAssertEqual(result.findings, [])
    }

    func testTransactionSummaryReportAgreesWithDetail() throws {
        let lines = Self.sampleLines()
        let summary = ReportWriter().transactionSummaryReport(clearingBatchId: "B1", settlementCurrency: "USD", lines: lines)
        let (summaryLines, _) = try TransactionSummaryReader(.data(summary, name: "summary_P_USD_B1_A_000.csv")).readAll()
        XCTAssertEqual(summaryLines.count, 1)
        XCTAssertEqual(summaryLines[0].totalCount, 3)
        XCTAssertEqual(summaryLines[0].amountValue, 617)
        XCTAssertEqual(summaryLines[0].direction, "C")
        let (_, detail) = try TransactionDetailReader(.data(ReportWriter().transactionDetailReport(lines))).readAll()
        XCTAssertEqual(summaryLines[0].findings(against: detail.totals), [])
        var wrong = summaryLines[0]
        wrong.totalCount = 4
        XCTAssertEqual(wrong.findings(against: detail.totals).map(\.code), [.countMismatch])

        let empty = ReportWriter().transactionSummaryReport(clearingBatchId: "B2", settlementCurrency: "USD", lines: [])
        let (emptyLines, _) = try TransactionSummaryReader(.data(empty)).readAll()
        XCTAssertEqual(emptyLines.map(\.direction), ["D"])
        XCTAssertEqual(emptyLines.map(\.totalCount), [0])
    }

    func testWritesToFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(ReportFileName(kind: .transactionDetail, participantId: "P", settlementCurrency: "USD",
                                                            batchId: "B", participantAgreementId: "A").fileName)
        try ReportWriter().writeTransactionDetailReport(Self.sampleLines(), to: url)
        let (lines, result) = try TransactionDetailReader(.file(url)).readAll()
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines.first?.file, "transactionItems_P_USD_B_A_000.csv")
        XCTAssertEqual(result.findings, [])
    }

    func testReportTimeFormatting() {
        let date = Date(timeIntervalSince1970: 1_795_917_600)
        XCTAssertEqual(ReportTime.string(from: date), "2026-11-29T10:00:00+08:00")
        XCTAssertEqual(ReportTime.string(from: date, utcOffsetSeconds: 0), "2026-11-29T02:00:00+00:00")
        XCTAssertEqual(ReportTime.string(from: date.addingTimeInterval(0.5), utcOffsetSeconds: -9000), "2026-11-28T23:30:00.500-02:30")
        XCTAssertEqual(ReportTime.date(from: "2024-02-29T00:00:00Z"), Date(timeIntervalSince1970: 1_709_164_800))
        XCTAssertNil(ReportTime.date(from: "2023-02-29T00:00:00Z"))
        XCTAssertEqual(ReportTime.date(from: "2026-11-29T10:00:00"), date)
        XCTAssertEqual(ReportTime.date(from: "2026-11-29T04:00:00+02"), date)
        XCTAssertEqual(ReportTime.string(from: .distantFuture, utcOffsetSeconds: 0), "4001-01-01T00:00:00+00:00")
        XCTAssertEqual(ReportTime.string(from: Date(timeIntervalSince1970: .infinity), utcOffsetSeconds: 0), "9999-12-31T23:59:59+00:00")
    }
}
