import AlipayPlus
import AlipayPlusModels
import AlipayPlusReconciliation
import Foundation
import XCTest

final class ReconcilerTests: XCTestCase {
    typealias F = LedgerFixtures

    func testClearingLinesTakeSucceededRecordsOfTheUTC8DayOnly() {
        let lines = F.lines
        XCTAssertEqual(lines.map { $0.transactionRequestId }, ["pay-2", "pay-1", "pay-3", "ref-1"])
        XCTAssertEqual(lines.map(\.transactionId), ["AP-pay-2", "AP-pay-1", "AP-pay-3", "AR-ref-1"])
        XCTAssertEqual(lines[3].transactionType, .refund)
        XCTAssertEqual(lines[3].originalTransactionRequestId, "pay-1")
        XCTAssertEqual(lines[3].originalTransactionId, "AP-pay-1")
        XCTAssertEqual(lines.map(\.settlementAmountValue), [2550, 1000, 990, 300])
    }

    func testEndToEndFromDurableStoreAllMatched() async throws {
        let (store, storeDirectory) = try await F.makeStore()
        defer { try? FileManager.default.removeItem(at: storeDirectory) }
        let stored = await store.snapshot()
        let payments = stored.payments
        let refunds = stored.refunds
        let reports = try F.temporaryDirectory("e2e")
        defer { try? FileManager.default.removeItem(at: reports) }
        let files = try ReportWriter().clearingReports(for: payments, refunds: refunds, clearingDate: F.day, participantId: F.participantId,
                                                       settlementCurrency: "USD", batchId: F.batchId, agreementId: F.agreementId, into: reports)
        XCTAssertEqual(files.detail.lastPathComponent, "transactionItems_\(F.participantId)_USD_\(F.batchId)_AGR1_000.csv")
        XCTAssertEqual(files.summary.lastPathComponent, "summary_\(F.participantId)_USD_\(F.batchId)_AGR1_000.csv")

        let ledger = await MerchantLedger(store: store)
        XCTAssertEqual(ledger.count, 8)
        var reconciler = Reconciler(ledger: ledger)   // clearing date taken from the lines
        try reconciler.read(detail: ReportBatch(files: [files.detail]), summary: ReportBatch(files: [files.summary]))
        let report = reconciler.report()
        XCTAssertTrue(report.isClean, "\(report.discrepancies) \(report.totalsFindings)")
        XCTAssertEqual(report.clearingDate, F.day)
        XCTAssertEqual(report.lineCount, 4)
        XCTAssertEqual(report.matchedCount, 4)
        XCTAssertEqual(report.files, [files.detail.lastPathComponent])
        XCTAssertEqual(report.notes, [])
        await store.close()
    }

    func testTamperedAmountIsReportedExactlyAndNothingElse() throws {
        var lines = F.lines
        lines[1].transactionAmountValue = 1001
        lines[1].settlementAmountValue = 1001
        let written = try F.writeReports(lines)
        let report = try F.reconcile(written.directory)
        let line = try F.lineNumber(of: "AP-pay-1", in: written.detail)
        XCTAssertEqual(report.discrepancies, [
            Discrepancy(kind: .amountMismatch, transactionType: .payment, transactionId: "AP-pay-1", transactionRequestId: "pay-1",
                        location: ReportLocation(file: written.detail.lastPathComponent, line: line), expected: "1000 USD", found: "1001 USD"),
        ])
        XCTAssertEqual(report.totalsFindings, [])
        XCTAssertEqual(report.matchedCount, 3)
    }

    func testDroppedLineIsReportedExactlyAndNothingElse() throws {
        let written = try F.writeReports(F.lines.filter { $0.transactionRequestId != "ref-1" })
        let report = try F.reconcile(written.directory)
        XCTAssertEqual(report.discrepancies, [
            Discrepancy(kind: .missingInFile, transactionType: .refund, transactionId: "AR-ref-1", transactionRequestId: "ref-1",
                        location: nil, expected: "300 USD", found: nil),
        ])
        XCTAssertEqual(report.totalsFindings, [])
        XCTAssertEqual(report.matchedCount, 3)
    }

    func testDuplicateLineIsReportedWithBothLocations() throws {
        let lines = F.lines
        let written = try F.writeReports(lines + [lines[2]])
        let report = try F.reconcile(written.directory)
        let name = written.detail.lastPathComponent
        let first = try F.lineNumber(of: "AP-pay-3", in: written.detail)
        XCTAssertEqual(report.discrepancies, [
            Discrepancy(kind: .duplicateInFile, transactionType: .payment, transactionId: "AP-pay-3", transactionRequestId: "pay-3",
                        location: ReportLocation(file: name, line: first + 2), firstLocation: ReportLocation(file: name, line: first),
                        expected: "reported once", found: "reported again"),
        ])
        XCTAssertEqual(report.matchedCount, 4)
    }

    func testUnknownLineIsMissingOnOurSideAndItsRepeatADuplicate() throws {
        let stranger = TransactionDetailLine(transactionId: "AP-unknown", transactionRequestId: "pay-unknown", transactionType: .payment,
                                             transactionAmountValue: 500, transactionCurrency: "USD",
                                             transactionTime: F.time("2026-11-29T12:00:00+08:00"), settlementAmountValue: 500, settlementCurrency: "USD")
        let written = try F.writeReports(F.lines + [stranger, stranger])
        let report = try F.reconcile(written.directory)
        XCTAssertEqual(report.discrepancies.map(\.kind), [.missingOnOurSide, .duplicateInFile])
        XCTAssertEqual(report.discrepancies[0].transactionRequestId, "pay-unknown")
        XCTAssertEqual(report.discrepancies[0].found, "PAYMENT 500 USD")
        XCTAssertNil(report.discrepancies[0].expected)
        XCTAssertEqual(report.discrepancies[1].firstLocation, report.discrepancies[0].location)
        XCTAssertEqual(report.totalsFindings, [])
    }

    func testClearedButFailedOrPendingIsAStatusMismatch() throws {
        var failed = F.lines[0]
        failed.transactionId = "AP-pay-failed"
        failed.transactionRequestId = "pay-failed"
        failed.transactionAmountValue = 700
        failed.settlementAmountValue = 700
        var pending = F.lines[3]
        pending.transactionId = "AR-ref-pending"
        pending.transactionRequestId = "ref-pending"
        pending.transactionAmountValue = 100
        pending.settlementAmountValue = 100
        let written = try F.writeReports(F.lines + [failed, pending])
        let report = try F.reconcile(written.directory)
        XCTAssertEqual(report.discrepancies.map(\.kind), [.statusMismatch, .statusMismatch])
        XCTAssertEqual(report.discrepancies.map(\.displayId), ["pay-failed", "ref-pending"])
        XCTAssertEqual(report.discrepancies.map(\.expected), ["failed", "pending"])
        XCTAssertEqual(report.matchedCount, 4)
    }

    func testTotalsDisagreeingWithSummarySectionAndSummaryReport() throws {
        let lines = F.lines
        let directory = try F.temporaryDirectory("totals")
        let files = try ReportWriter().clearingReports(lines: Array(lines.dropLast()), participantId: F.participantId, settlementCurrency: "USD",
                                                       batchId: F.batchId, agreementId: F.agreementId, into: directory)
        // Rewrite the detail file with every line but a summary section claiming 5 payments.
        try ReportWriter().writeTransactionDetailReport(lines, summaryRows: [
            TransactionDetailSummaryRow(totalCount: 5, transactionType: .payment, transactionCurrency: "USD", totalTransactionAmountValue: 4540),
            TransactionDetailSummaryRow(totalCount: 1, transactionType: .refund, transactionCurrency: "USD", totalTransactionAmountValue: 300),
        ], to: files.detail)
        let report = try F.reconcile(directory)
        XCTAssertEqual(report.discrepancies, [])
        XCTAssertEqual(report.matchedCount, 4)
        XCTAssertEqual(report.totalsFindings.map(\.code), [.countMismatch, .countMismatch, .amountMismatch])
        XCTAssertEqual(report.totalsFindings[0].file, files.detail.lastPathComponent)
        XCTAssertEqual(report.totalsFindings[0].expected, 5)
        XCTAssertEqual(report.totalsFindings[0].actual, 3)
        // The summary report (written without the refund) says 3 lines, net 4540; the details give 4 lines, net 4240.
        XCTAssertEqual(report.totalsFindings[1].file, files.summary.lastPathComponent)
        XCTAssertEqual(report.totalsFindings[1].expected, 3)
        XCTAssertEqual(report.totalsFindings[1].actual, 4)
        XCTAssertEqual(report.totalsFindings[2].expected, 4540)
        XCTAssertEqual(report.totalsFindings[2].actual, 4240)
        XCTAssertFalse(report.isClean)
    }

    func testCurrencyAndTypeMismatchAndLookupByAlipayId() {
        let ledger = MerchantLedger(payments: F.payments, refunds: F.refunds)
        var reconciler = Reconciler(ledger: ledger, clearingDate: F.day)
        let time = F.time("2026-11-29T10:00:00+08:00")
        func record(_ kind: TransactionType, _ id: String, _ requestId: String?, _ amount: Int64, _ currency: String, line: Int) -> ReconciliationRecord {
            ReconciliationRecord(kind: kind, transactionId: id, transactionRequestId: requestId, amountValue: amount, currency: currency,
                                 transactionTime: time, source: ReportLocation(file: "t.csv", line: line))
        }
        reconciler.match(record(.payment, "AP-pay-1", nil, 1000, "usd", line: 2))       // by Alipay+ id, currency case ignored
        reconciler.match(record(.payment, "AP-pay-2", "pay-2", 2550, "EUR", line: 3))
        reconciler.match(record(.payment, "AR-ref-1", nil, 300, "USD", line: 4))         // a refund reported as a payment
        reconciler.match(record(.refund, "AP-pay-3", "pay-3", -990, "USD", line: 5))     // negative refund amounts compare by magnitude
        let report = reconciler.report()
        XCTAssertEqual(report.matchedCount, 1)
        XCTAssertEqual(report.discrepancies.map(\.kind), [.currencyMismatch, .typeMismatch, .typeMismatch])
        XCTAssertEqual(report.discrepancies[0].expected, "2550 USD")
        XCTAssertEqual(report.discrepancies[0].found, "2550 EUR")
        XCTAssertEqual(report.discrepancies[1].expected, "REFUND")
        XCTAssertEqual(report.discrepancies[1].found, "PAYMENT")
        XCTAssertEqual(report.discrepancies[2].location, ReportLocation(file: "t.csv", line: 5))
    }

    func testMultiFileBatchIsReadAsOne() throws {
        let lines = F.lines
        let written = try F.writeReports(lines)
        // Move the last two detail rows into seq 001, which continues the detail section directly.
        let text = try String(contentsOf: written.detail, encoding: .utf8)
        var rows = text.components(separatedBy: "\r\n")
        let end = try XCTUnwrap(rows.firstIndex(of: "<END>"))
        let moved = Array(rows[(end - 2)..<end])
        rows.removeSubrange((end - 2)..<end)
        try rows.joined(separator: "\r\n").write(to: written.detail, atomically: true, encoding: .utf8)
        let second = written.directory.appendingPathComponent(written.detail.lastPathComponent.replacingOccurrences(of: "_000.csv", with: "_001.csv"))
        try (moved + ["<END>", ""]).joined(separator: "\r\n").write(to: second, atomically: true, encoding: .utf8)
        let report = try F.reconcile(written.directory)
        XCTAssertTrue(report.isClean, "\(report.discrepancies) \(report.totalsFindings)")
        XCTAssertEqual(report.files.count, 2)
        XCTAssertEqual(report.discrepancies, [])
        XCTAssertEqual(report.matchedCount, 4)
    }

    func testEmptyDayWithoutDateSkipsMissingCheckWithANote() throws {
        let written = try F.writeReports([])
        let withoutDate = try F.reconcile(written.directory, clearingDate: nil)
        XCTAssertNil(withoutDate.clearingDate)
        XCTAssertTrue(withoutDate.isClean)
        XCTAssertTrue(withoutDate.notes.contains { $0.contains("clearing date is unknown") })
        let withDate = try F.reconcile(written.directory)
        XCTAssertEqual(withDate.discrepancies(.missingInFile).map(\.displayId), ["pay-1", "pay-2", "pay-3", "ref-1"])
    }

    func testClearingDateParsingAndBoundaries() throws {
        XCTAssertEqual(ClearingDate("20261129"), F.day)
        XCTAssertEqual(F.day.description, "2026-11-29")
        XCTAssertNil(ClearingDate("2026-02-30"))
        XCTAssertNil(ClearingDate("2026-1-29"))
        XCTAssertNil(ClearingDate("yesterday"))
        XCTAssertEqual(ClearingDate(containing: F.time("2026-11-29T00:00:00+08:00")), F.day)
        XCTAssertEqual(ClearingDate(containing: F.time("2026-11-29T15:59:59Z")), F.day)
        XCTAssertEqual(ClearingDate(containing: F.time("2026-11-29T16:00:00Z")).description, "2026-11-30")
        XCTAssertEqual(F.day.start, F.time("2026-11-29T00:00:00+08:00"))
    }

    func testReportRoundTripsThroughJSON() throws {
        var lines = F.lines
        lines[0].transactionAmountValue = 1
        let written = try F.writeReports(lines)
        let report = try F.reconcile(written.directory)
        XCTAssertFalse(report.isClean)
        let data = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(ReconciliationReport.self, from: data)
        XCTAssertEqual(decoded, report)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["clearingDate"] as? String, "2026-11-29")
        let first = try XCTUnwrap((object["discrepancies"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["kind"] as? String, "amountMismatch")
        XCTAssertEqual(first["file"] as? String, written.detail.lastPathComponent)
    }

    func testAParseErrorStopsTheRunWithItsLine() throws {
        let written = try F.writeReports(F.lines)
        var text = try String(contentsOf: written.detail, encoding: .utf8)
        text = text.replacingOccurrences(of: ",990,", with: ",9.90,")
        try text.write(to: written.detail, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try F.reconcile(written.directory)) { error in
            let reportError = error as? ReportError
            XCTAssertEqual(reportError?.code, .invalidAmount)
            XCTAssertNotNil(reportError?.line)
        }
    }
}
