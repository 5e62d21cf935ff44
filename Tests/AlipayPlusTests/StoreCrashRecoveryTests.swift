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

    // MARK: One journal record per atomic operation

    /// Cuts the last 7 bytes off the largest file in the journal folder (the log): a crash mid-write.
    private func tearLastRecord() throws {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.fileSizeKey])
        let sizes = try files.map { ($0, try $0.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) }
        let log = try XCTUnwrap(sizes.max { $0.1 < $1.1 }?.0)
        let handle = try FileHandle(forWritingTo: log)
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size - 7)
        try handle.close()
    }

    private func succeededPayment(in store: LocalAutoDebitStore, at now: Date) async throws -> PaymentRecord {
        var payment = try await store.insert(PaymentRecord(
            paymentRequestId: "PAY-T", merchantUserId: "user", bindingId: "BND-1",
            amount: Amount(currency: "HKD", minorUnits: 1_000), referenceOrderId: "ORDER-T", createdAt: now))
        payment.state = .succeeded
        return try await store.replace(payment, under: nil, deliveryKey: nil)
    }

    func testARefundTornByACrashLeavesNeitherTheRefundNorItsPaymentsTally() async throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let store = try LocalAutoDebitStore(directory: directory)
        let payment = try await succeededPayment(in: store, at: now)
        try await store.insert(RefundRecord(refundRequestId: "REF-T", paymentRequestId: "PAY-T",
                                            amount: Amount(currency: "HKD", minorUnits: 400), reason: nil, createdAt: now))
        await store.close()
        try tearLastRecord()
        let reopened = try LocalAutoDebitStore(directory: directory)
        XCTAssertNotNil(reopened.openReport?.tornTail)
        let refund = try await reopened.refund(requestId: "REF-T")
        XCTAssertNil(refund)
        let stored = try await reopened.payment(requestId: "PAY-T")
        XCTAssertEqual(stored, payment, "the tally and version are as before the torn refund")
        await reopened.close()
    }

    func testANotificationsChangeTornByACrashLeavesNeitherTheChangeNorItsDeliveryKey() async throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let store = try LocalAutoDebitStore(directory: directory)
        var payment = try await succeededPayment(in: store, at: now)
        payment.paymentId = "AP-T"
        try await store.replace(payment, under: nil, deliveryKey: "notifyPayment:T")
        await store.close()
        try tearLastRecord()
        let reopened = try LocalAutoDebitStore(directory: directory)
        let stored = try await reopened.payment(requestId: "PAY-T")
        XCTAssertNil(stored?.paymentId, "the torn change is dropped")
        let firstDelivery = try await reopened.recordFirstDelivery(key: "notifyPayment:T")
        XCTAssertTrue(firstDelivery, "its delivery key was dropped with it, so the redelivery is applied")
        await reopened.close()
    }

    func testAChangeAndItsDeliveryKeyAreOneJournalRecord() async throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let store = try LocalAutoDebitStore(directory: directory)
        var payment = try await store.insert(PaymentRecord(
            paymentRequestId: "PAY-T", merchantUserId: "user", bindingId: "BND-1",
            amount: Amount(currency: "HKD", minorUnits: 1_000), referenceOrderId: "ORDER-T", createdAt: now))
        payment.state = .succeeded
        try await store.replace(payment, under: nil, deliveryKey: "notifyPayment:T")
        await store.close()
        let reopened = try LocalAutoDebitStore(directory: directory)
        XCTAssertEqual(reopened.openReport?.logRecordCount, 2, "one record (one fsync) per atomic write")
        await reopened.close()
    }

    func testALeaseIssuedBeforeTheStoreReopenedIsLost() async throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let store = try LocalAutoDebitStore(directory: directory)
        let payment = try await succeededPayment(in: store, at: now)
        let acquired = try await store.acquireLease("payment:PAY-T", owner: "A", ttl: .seconds(30), now: now)
        let lease = try XCTUnwrap(acquired)
        await store.close()
        let reopened = try LocalAutoDebitStore(directory: directory)
        do {
            try await reopened.replace(payment, under: lease, deliveryKey: nil)
            XCTFail("a write under a lease from before the restart was accepted")
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .leaseLost)
        }
        let renewed = try await reopened.renewLease(lease, ttl: .seconds(30), now: now)
        XCTAssertNil(renewed)
        let fresh = try await reopened.acquireLease("payment:PAY-T", owner: "B", ttl: .seconds(30), now: now)
        XCTAssertGreaterThan(fresh?.fencingToken ?? 0, lease.fencingToken, "the holder before the restart is gone")
        await reopened.close()
    }

    func testRecordsJournaledBeforeVersionsExistedReadAsVersionOne() throws {
        let decoder = JSONDecoder()
        let payment = try decoder.decode(PaymentRecord.self, from: Data("""
            {"paymentRequestId":"P","merchantUserId":"U","bindingId":"B","amount":{"currency":"HKD","value":"100"},
             "referenceOrderId":"O","state":"created","createdAt":0,"updatedAt":0}
            """.utf8))
        XCTAssertEqual(payment.version, 1)
        let refund = try decoder.decode(RefundRecord.self, from: Data("""
            {"refundRequestId":"R","paymentRequestId":"P","amount":{"currency":"HKD","value":"100"},"state":"pending",
             "createdAt":0,"updatedAt":0}
            """.utf8))
        XCTAssertEqual(refund.version, 1)
        let binding = try decoder.decode(BindingRecord.self, from: Data("""
            {"bindingId":"B","merchantUserId":"U","accessToken":"AT","status":"active","createdAt":0,"updatedAt":0}
            """.utf8))
        XCTAssertEqual(binding.version, 1)
        let authorization = try decoder.decode(PendingAuthorization.self, from: Data("""
            {"authState":"S","merchantUserId":"U","referenceAgreementId":"A","createdAt":0}
            """.utf8))
        XCTAssertEqual(authorization.version, 1)
        var stored = payment
        stored.version = 7
        let again = try decoder.decode(PaymentRecord.self, from: JSONEncoder().encode(stored))
        XCTAssertEqual(again.version, 7, "the version is encoded with the record")
    }
}
