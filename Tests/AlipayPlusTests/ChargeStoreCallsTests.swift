@testable import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

/// What a charge asks of its store: a new charge takes its lease with its intent, writes its final
/// answer from the record its insert returned releasing the lease in the same call, and reads nothing
/// it already knows, so a shared database sees three statements per charge; a stale copy is refused
/// by the compare-and-set (the lease still held) and the answer re-applied to the record read.
final class ChargeStoreCallsTests: XCTestCase {
    func testANewChargeMakesThreeStoreCallsAndReadsNoPayment() async throws {
        let calls = StoreCallLog()
        let f = await FlowFixture.make(store: ObservedAutoDebitStore(base: LocalAutoDebitStore()) { calls.observe($0) })
        try await f.bound()
        calls.start()
        let outcome = try await f.coordinator.charge(FlowFixture.charge(500))
        guard case .succeeded(let payment) = outcome else { return XCTFail("the charge succeeds: \(outcome)") }
        XCTAssertEqual(calls.names, ["bindings", "insertLeased(payment)", "replaceReleasing(payment)"])
        XCTAssertEqual(payment.version, 2, "inserted, then the answer written once")
        let lease = try await f.store.acquireLease(Lease.payment(payment.paymentRequestId), owner: "another instance",
                                                   ttl: .seconds(30), now: f.clock.now)
        XCTAssertNotNil(lease, "the final write released the payment's lease")
    }

    func testALeaseTheFinalWriteCouldNotReleaseIsReportedAndTheChargeStillSucceeds() async throws {
        let store = UnreleasableLeaseStore(base: LocalAutoDebitStore())
        let f = await FlowFixture.make(store: store)
        try await f.bound()
        let outcome = try await f.coordinator.charge(FlowFixture.charge(500))
        guard case .succeeded(let payment) = outcome else { return XCTFail("the charge succeeds: \(outcome)") }
        let stored = try await f.store.payment(requestId: payment.paymentRequestId)
        XCTAssertEqual(stored?.state, .succeeded, "the final write stands")
        XCTAssertEqual(store.releaseAttempts.value, 1, "one release, with the final write; the charge's end tries no second")
        let warnings = f.events.events(.warning).filter { $0.message?.contains("was not released") == true }
        XCTAssertEqual(warnings.count, 1, "the failed release is reported once: \(f.events.events(.warning))")
    }

    func testAnAnswerWrittenFromAStaleCopyIsRefusedAndReappliedToTheRecordRead() async throws {
        let calls = StoreCallLog()
        let f = await FlowFixture.make(store: ObservedAutoDebitStore(base: LocalAutoDebitStore()) { calls.observe($0) })
        try await f.bound()
        let store = f.store
        await f.mock.handle("pay") { request in
            // A notification settles the payment while its pay is on its way.
            let id = request.field("paymentRequestId") ?? ""
            _ = try? await store.update(paymentRequestId: id) { record in
                PaymentTransition.succeeded(paymentId: "AP-NOTIFIED", paymentTime: nil).apply(to: &record, at: Date())
            }
            return .response(PayResponse(result: .success, paymentId: "AP-\(id)"))
        }
        calls.start()
        let outcome = try await f.coordinator.charge(FlowFixture.charge(500))
        guard case .succeeded(let payment) = outcome else { return XCTFail("the charge succeeds: \(outcome)") }
        XCTAssertEqual(payment.paymentId, "AP-NOTIFIED", "the stored outcome stands")
        XCTAssertEqual(payment.version, 2, "the stale write was refused: only the notification wrote")
        let names = calls.names
        let stored = try await f.store.payment(requestId: payment.paymentRequestId)
        XCTAssertEqual(stored, payment)
        XCTAssertEqual(names, [
            "bindings", "insertLeased(payment)",
            "payment", "replace(payment)",  // the notification's own read and write
            "replaceReleasing(payment)",  // the final answer from the inserted copy: refused as stale, lease kept
            "payment",  // read again; the answer changes nothing on it, so nothing is written
            "releaseLease",  // the charge's end releases the lease its refused write kept
        ])
    }

    func testAChargeWithoutAnIdResumesItsOrdersUnfinishedPaymentWhenTheUserHasNoBindingLeft() async throws {
        let f = await FlowFixture.make()
        let now = f.clock.now
        var unfinished = PaymentRecord(
            paymentRequestId: "PAY-EARLIER", merchantUserId: FlowFixture.user, bindingId: "BND-GONE",
            amount: FlowFixture.hkd(500), referenceOrderId: "ORDER-1", createdAt: now)
        unfinished.state = .pending
        try await f.store.insert(unfinished)
        await f.mock.handle("inquiryPayment") { _ in
            .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentRequestId: "PAY-EARLIER",
                                             paymentId: "AP-EARLIER", paymentAmount: FlowFixture.hkd(500)))
        }
        let outcome = try await f.coordinator.charge(FlowFixture.charge(500))
        guard case .succeeded(let payment) = outcome else { return XCTFail("the unfinished payment is resumed: \(outcome)") }
        XCTAssertEqual(payment.paymentRequestId, "PAY-EARLIER")
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 0, "nothing new is paid")
    }

    func testAKnownCopyOnWhichTheChangeChangesNothingIsNeverBelieved() async throws {
        let reads = FlowBox(0)
        let update = try await compareAndSet(
            known: 1, read: { reads.value += 1; return 2 },
            { value in
                guard value != 1 else { return false }
                value += 10
                return true
            },
            write: { $0 })
        XCTAssertEqual(reads.value, 1, "the record is read")
        XCTAssertEqual(update?.before, 2)
        XCTAssertEqual(update?.after, 12, "the change is applied to the record read")
    }

    func testAStaleKnownCopyIsRefusedAndTheChangeReappliedToTheRecordRead() async throws {
        let writes = FlowBox([Int]())
        let update = try await compareAndSet(
            known: 1, read: { 5 }, { value in value += 1; return true },
            write: { value in
                writes.value.append(value)
                guard value != 2 else { throw StoreError(code: .versionConflict, message: "stale") }
                return value
            })
        XCTAssertEqual(writes.value, [2, 6], "written from the known copy, refused, then from the record read")
        XCTAssertEqual(update?.before, 5)
        XCTAssertEqual(update?.after, 6)
    }
}

/// The names of the store calls made after ``start()``, in order.
final class StoreCallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var started = false
    private var recorded: [String] = []

    var names: [String] { lock.withLock { recorded } }

    func start() { lock.withLock { started = true } }

    func observe(_ call: ObservedAutoDebitStore.Call) {
        guard call.phase == .before else { return }
        lock.withLock { if started { recorded.append(call.name) } }
    }
}

/// A store whose lease releases fail (the lease lapses after its time to live instead).
private struct UnreleasableLeaseStore: ForwardingStore {
    let base: any AutoDebitStore
    let releaseAttempts = FlowBox(0)

    func releaseLease(_ lease: Lease) async throws {
        releaseAttempts.value += 1
        throw StoreError(code: .persistence, message: "the database went away")
    }
}
