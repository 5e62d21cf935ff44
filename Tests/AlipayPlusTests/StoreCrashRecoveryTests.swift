import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// A process dies between "intent persisted" and "response stored"; the next process recovers.
final class StoreCrashRecoveryTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flows-crash-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs a charge whose process "crashes" when Alipay+ receives the pay: the store is closed, so
    /// nothing after the intent is stored, and the pay's answer is lost.
    private func crashDuringPay(clock: VirtualClock) async throws {
        let store = try LocalAutoDebitStore(directory: directory)
        let f = await FlowFixture.make(store: store, clock: clock)
        try await f.bound()
        await f.mock.whenReceiving("pay") { _ in await store.close() }
        await f.mock.enqueue("pay", .timedOutAfterSending)
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-CRASH"))
            XCTFail("the crashed process cannot store the outcome")
        } catch {}
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 1)
    }

    func testRecoveryFindsThePaymentPaidByInquiry() async throws {
        let clock = VirtualClock()
        try await crashDuringPay(clock: clock)
        let reopened = try LocalAutoDebitStore(directory: directory)
        let before = try await reopened.payment(requestId: "PAY-CRASH")
        XCTAssertEqual(before?.state, .created, "the intent survived the crash")
        let f = await FlowFixture.make(store: reopened, clock: clock)
        await f.mock.enqueue("inquiryPayment",
                             .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentId: "AP-C")))
        let report = try await f.coordinator.recover()
        XCTAssertEqual(report.resolvedPayments["PAY-CRASH"], .succeeded)
        XCTAssertEqual(report.unresolved, [])
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 0, "recovery never sends a second pay")
        await reopened.close()
        let again = try LocalAutoDebitStore(directory: directory)
        let after = try await again.payment(requestId: "PAY-CRASH")
        XCTAssertEqual(after?.state, .succeeded)
        XCTAssertEqual(after?.paymentId, "AP-C")
        await again.close()
    }

    func testRecoveryCancelsAPaymentAlipayPlusNeverSaw() async throws {
        let clock = VirtualClock()
        try await crashDuringPay(clock: clock)
        let reopened = try LocalAutoDebitStore(directory: directory)
        let f = await FlowFixture.make(store: reopened, clock: clock)
        // Default script: inquiry answers ORDER_NOT_EXIST, cancelPayment succeeds.
        let report = try await f.coordinator.recover()
        XCTAssertEqual(report.resolvedPayments["PAY-CRASH"], .canceled)
        let counts = await (f.mock.count("pay"), f.mock.count("cancelPayment"))
        XCTAssertEqual(counts.0, 0)
        XCTAssertEqual(counts.1, 1)
        let stored = try await reopened.payment(requestId: "PAY-CRASH")
        XCTAssertEqual(stored?.state, .canceled)
        await reopened.close()
    }

    func testJournalTruncatedMidRecordOpensWithEarlierState() async throws {
        let clock = VirtualClock()
        let store = try LocalAutoDebitStore(directory: directory)
        let f = await FlowFixture.make(store: store, clock: clock)
        try await f.bound()
        _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-LAST"))
        await store.close()
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.fileSizeKey])
        let log = try XCTUnwrap(files.max { (try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0)! < (try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0)! })
        let handle = try FileHandle(forWritingTo: log)
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size - 7)
        try handle.close()
        let reopened = try LocalAutoDebitStore(directory: directory)
        XCTAssertNotNil(reopened.openReport?.tornTail)
        let binding = try await reopened.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .active, "earlier records survive")
        let payment = try await reopened.payment(requestId: "PAY-LAST")
        XCTAssertNotEqual(payment?.state, .succeeded, "the torn last record (the success) is dropped")
        await reopened.close()
    }
}
