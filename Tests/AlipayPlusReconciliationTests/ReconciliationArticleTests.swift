import AlipayPlus
import AlipayPlusModels
import AlipayPlusReconciliation
import AlipayPlusTesting
import Foundation
import XCTest

// docs: Reconciliation
/// The code of the "Reconciliation" DocC article (checked by .ci/docs.sh): a day's charges through the
/// coordinator and the simulator, the simulator's clearing files, then the merchant's matching.
final class ReconciliationArticleTests: XCTestCase {
    func testADaysReportFilesMatchTheStoresPaymentsAndRefunds() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("article-recon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
        let client = try simulator.merchantClient()
        let store = LocalAutoDebitStore()
        let coordinator = try AutoDebitCoordinator(client: client, store: store, configuration: AutoDebitCoordinator.Configuration(
            authClientId: "M0001", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
            merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd", merchantAddress: Address(region: "HK")),
            settlementCurrency: "HKD"))
        let start = try await coordinator.beginBinding(for: "user-1")
        _ = try await coordinator.completeBinding(redirectURL: try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK))
        _ = try await coordinator.charge(ChargeRequest(merchantUserId: "user-1", amount: Amount(currency: "HKD", minorUnits: 599),
                                                       referenceOrderId: "ORDER-1", orderDescription: "Plan", paymentRequestId: "PAY-1"))
        _ = try await coordinator.refund(paymentRequestId: "PAY-1", amount: Amount(currency: "HKD", minorUnits: 200),
                                         refundRequestId: "REF-1")
        let clearingDay = ClearingDate(containing: clock.now)
        _ = try await simulator.writeClearingReports(for: clearingDay, settlementCurrency: "HKD", into: folder)
        var found: [String] = []

        let ledger = await MerchantLedger(store: store)              // your payments and refunds
        var reconciler = Reconciler(ledger: ledger, clearingDate: clearingDay)
        let batches = try ReportBatch.batches(in: folder)            // the day's folder from SFTP
        for detail in batches where detail.name.kind == .transactionDetail {
            let summary = batches.first { $0.name.kind == .transactionSummary && $0.name.batchId == detail.name.batchId }
            try reconciler.read(detail: detail, summary: summary)    // streams every seq file of the batch
        }
        let report = reconciler.report()                             // ReconciliationReport (Codable)
        if !report.isClean { found = report.discrepancies.map { "\($0)" } + report.totalsFindings.map { "\($0)" } }

        XCTAssertEqual(found, [])
        XCTAssertEqual(report.matchedCount, 2, "one payment and one refund")
    }
}
