import AlipayPlus
import AlipayPlusModels
import AlipayPlusReconciliation
import AlipayPlusTesting
import Foundation
import XCTest

/// A merchant's records for clearing day 2026-11-29 (UTC+8), and helpers to write and read reports.
enum LedgerFixtures {
    static let day = ClearingDate("2026-11-29")!
    static let participantId = "1022188000000000001"
    static let batchId = "2026112900001"
    static let agreementId = "AGR1"

    static func time(_ text: String) -> Date { ReportTime.date(from: text)! }

    static func payment(_ requestId: String, _ minor: Int64, _ currency: String = "USD", state: PaymentRecord.State = .succeeded,
                        at time: String = "2026-11-29T10:00:00+08:00") -> PaymentRecord {
        var record = PaymentRecord(paymentRequestId: requestId, merchantUserId: "user-1", bindingId: "binding-1",
                                   amount: Amount(currency: currency, minorUnits: minor), referenceOrderId: "order-\(requestId)",
                                   state: state, createdAt: self.time(time).addingTimeInterval(-5))
        if state == .succeeded { record.paymentId = "AP-" + requestId; record.paymentTime = self.time(time) }
        record.updatedAt = self.time(time)
        return record
    }

    static func refund(_ requestId: String, of paymentRequestId: String, _ minor: Int64, state: RefundRecord.State = .succeeded,
                       at time: String = "2026-11-29T15:00:00+08:00") -> RefundRecord {
        var record = RefundRecord(refundRequestId: requestId, paymentRequestId: paymentRequestId,
                                  amount: Amount(currency: "USD", minorUnits: minor), reason: nil, createdAt: self.time(time))
        record.state = state
        if state == .succeeded { record.refundId = "AR-" + requestId }
        return record
    }

    /// Three payments and one refund cleared on the day, plus records that must not appear:
    /// a failed payment, a pending refund, and payments just outside the UTC+8 day.
    static let payments: [PaymentRecord] = [
        payment("pay-1", 1000),
        payment("pay-2", 2550, at: "2026-11-29T00:00:00+08:00"),
        payment("pay-3", 990, at: "2026-11-29T15:59:59Z"),            // 23:59:59 UTC+8: still the 29th
        payment("pay-failed", 700, state: .failed),
        payment("pay-next-day", 400, at: "2026-11-29T16:00:00Z"),     // 00:00:00 UTC+8 on the 30th
        payment("pay-day-before", 400, at: "2026-11-28T23:59:59+08:00"),
    ]
    static let refunds: [RefundRecord] = [
        refund("ref-1", of: "pay-1", 300),
        refund("ref-pending", of: "pay-2", 100, state: .pending),
    ]

    /// A durable store in a new temporary folder holding ``payments`` and ``refunds``.
    static func makeStore() async throws -> (LocalAutoDebitStore, URL) {
        let directory = try temporaryDirectory("store")
        let store = try LocalAutoDebitStore(directory: directory, keyRing: TestKeys.tokenKeyRing)
        for payment in payments { try await store.insert(payment) }
        for refund in refunds { try await store.insert(refund) }
        return (store, directory)
    }

    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("recon-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The day's detail lines as Alipay+ would report them.
    static var lines: [TransactionDetailLine] {
        ReportWriter.clearingLines(for: payments, refunds: refunds, clearingDate: day, settlementCurrency: "USD")
    }

    /// Writes detail + summary reports for `lines` into a new folder.
    static func writeReports(_ lines: [TransactionDetailLine]) throws -> (directory: URL, detail: URL, summary: URL) {
        let directory = try temporaryDirectory("reports")
        let files = try ReportWriter().clearingReports(lines: lines, participantId: participantId, settlementCurrency: "USD",
                                                       batchId: batchId, agreementId: agreementId, into: directory)
        return (directory, files.detail, files.summary)
    }

    /// Reconciles the report folder against the fixtures' records.
    static func reconcile(_ directory: URL, clearingDate: ClearingDate? = day) throws -> ReconciliationReport {
        let batches = try ReportBatch.batches(in: directory)
        let detail = try XCTUnwrap(batches.first { $0.name.kind == .transactionDetail })
        let summary = batches.first { $0.name.kind == .transactionSummary }
        return try Reconciler.reconcile(detail: detail, summary: summary,
                                        ledger: MerchantLedger(payments: payments, refunds: refunds), clearingDate: clearingDate)
    }

    /// The 1-based line of the first line in `file` containing `text`.
    static func lineNumber(of text: String, in file: URL) throws -> Int {
        let content = try String(contentsOf: file, encoding: .utf8)
        let lines = content.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return try XCTUnwrap(lines.firstIndex { $0.contains(text) }) + 1
    }
}
