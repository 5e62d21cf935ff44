import AlipayPlus
import AlipayPlusModels
import AlipayPlusReconciliation
import AlipayPlusTesting
import Foundation
import XCTest

/// A real run (coordinator against the simulator) → the simulator's reports → reconciliation.
final class SimulatorReconciliationTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Binds a user and makes: two successes, a failure, an unknown closed by cancellation, a refund.
    private func run() async throws -> (simulator: AlipayPlusSimulator, store: LocalAutoDebitStore, day: ClearingDate) {
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
        func charge(_ id: String, _ minor: Int64) async throws -> ChargeOutcome {
            try await coordinator.charge(ChargeRequest(merchantUserId: "user-1", amount: Amount(currency: "HKD", minorUnits: minor),
                                                       referenceOrderId: "ORDER-\(id)", orderDescription: "Plan", paymentRequestId: id))
        }
        _ = try await charge("PAY-1", 599)
        _ = try await charge("PAY-2", 1_250)
        await simulator.scriptNextPay(.fail(.userBalanceNotEnough))
        _ = try await charge("PAY-3", 700)
        await simulator.scriptNextPay(.neverResolves)
        _ = try await charge("PAY-4", 800)
        _ = try await coordinator.refund(paymentRequestId: "PAY-1", amount: Amount(currency: "HKD", minorUnits: 200),
                                         refundRequestId: "REF-1")
        _ = await simulator.deliverNotifications(to: { await coordinator.handleInbound($0) })
        return (simulator, store, ClearingDate(containing: clock.now))
    }

    func testASimulatorRunReconcilesCleanly() async throws {
        let (simulator, store, day) = try await run()
        let files = try await simulator.writeClearingReports(for: day, settlementCurrency: "HKD", into: folder)
        let report = try Reconciler.reconcile(detail: ReportBatch(files: [files.detail]), summary: ReportBatch(files: [files.summary]),
                                              ledger: await MerchantLedger(store: store), clearingDate: day)
        XCTAssertTrue(report.isClean, "\(report.discrepancies) \(report.totalsFindings)")
        XCTAssertEqual(report.matchedCount, 3, "two payments and one refund")
    }

    func testATamperedAmountAndADroppedLineAreEachReportedExactly() async throws {
        let (simulator, store, day) = try await run()
        var lines = await simulator.ledger.clearingLines(for: day, settlementCurrency: "HKD")
        let tampered = try XCTUnwrap(lines.firstIndex { $0.transactionRequestId == "PAY-2" })
        lines[tampered].transactionAmountValue = 1_249
        lines[tampered].settlementAmountValue = 1_249
        lines.removeAll { $0.transactionRequestId == "REF-1" }
        let files = try ReportWriter().clearingReports(lines: lines, participantId: "SIMULATOR", settlementCurrency: "HKD",
                                                       batchId: "B1", agreementId: "AGREEMENT", into: folder)
        let report = try Reconciler.reconcile(detail: ReportBatch(files: [files.detail]), summary: nil,
                                              ledger: await MerchantLedger(store: store), clearingDate: day)
        XCTAssertEqual(report.discrepancies(.amountMismatch).map(\.transactionRequestId), ["PAY-2"])
        XCTAssertEqual(report.discrepancies(.missingInFile).map(\.transactionRequestId), ["REF-1"])
        XCTAssertEqual(report.discrepancies.count, 2, "\(report.discrepancies)")
    }
}
