import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

/// Two coordinator instances (different `instanceId`s) over one journal store opened once in one
/// process: the single-flight rules hold across them through the store's leases, not process memory.
/// Every wait is a latch the test opens; nothing depends on timing.
final class TwoCoordinatorTests: XCTestCase {
    private var directory: URL!
    private var journal: LocalAutoDebitStore!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("two-coordinators-\(UUID().uuidString)")
        journal = try LocalAutoDebitStore(directory: directory, keyRing: TestKeys.tokenKeyRing)
    }

    override func tearDown() async throws {
        await journal.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Two fixtures on one clock, one scripted Alipay+ (which counts every request) and one store.
    private func instances(store: any AutoDebitStore) async -> (FlowFixture, FlowFixture) {
        let clock = VirtualClock()
        let mock = FlowMockAlipayPlus(alipayKey: FlowKeys.alipay, clock: clock)
        let first = await FlowFixture.make(store: store, clock: clock, mock: mock) { $0.coordination.instanceId = "instance-1" }
        let second = await FlowFixture.make(store: store, clock: clock, mock: mock) { $0.coordination.instanceId = "instance-2" }
        return (first, second)
    }

    private static func charge(order: String) -> ChargeRequest {
        ChargeRequest(merchantUserId: FlowFixture.user, amount: FlowFixture.hkd(599), referenceOrderId: order,
                      orderDescription: "Monthly plan")
    }

    func testATokenIsRefreshedOnceWhenTwoInstancesChargeWithItAtOnce() async throws {
        let refused = FlowLatch()
        let letRefusedPoll = FlowLatch()
        let gate = FlowObservingStore(base: journal, gatedLeasePrefix: "refresh:") {
            await refused.open()
            await letRefusedPoll.wait()
        }
        let (one, two) = await instances(store: gate)
        try await one.bound(accessExpiry: 60) // inside the refresh margin: both charges must refresh first
        let refreshReceived = FlowLatch()
        let releaseRefresh = FlowLatch()
        await one.mock.handle("applyToken") { request in
            await refreshReceived.open()
            await releaseRefresh.wait()
            return .response(ApplyTokenResponse(
                result: .success, accessToken: Secret("AT-refreshed"), accessTokenExpiryTime: Date(timeIntervalSince1970: 1_900_000_000),
                refreshToken: Secret("RT-refreshed"), refreshTokenExpiryTime: Date(timeIntervalSince1970: 1_950_000_000)
            ))
        }
        async let first = one.coordinator.charge(Self.charge(order: "ORDER-A"))
        await refreshReceived.wait()
        async let second = two.coordinator.charge(Self.charge(order: "ORDER-B"))
        await refused.wait() // instance 2 found the refresh lease held by instance 1
        await releaseRefresh.open()
        let firstOutcome = try await first
        await letRefusedPoll.open()
        let secondOutcome = try await second

        guard case .succeeded = firstOutcome, case .succeeded = secondOutcome else {
            return XCTFail("both charges succeed: \(firstOutcome), \(secondOutcome)")
        }
        let refreshes = await one.mock.count("applyToken")
        XCTAssertEqual(refreshes, 1, "one refresh reaches Alipay+ for both instances")
        let tokens = await one.mock.requests("pay").map { $0.json("paymentMethod.paymentMethodId") }
        XCTAssertEqual(tokens, ["AT-refreshed", "AT-refreshed"], "both pay with the one refreshed token")
        let binding = try await journal.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .active)
        XCTAssertEqual(binding?.accessToken, Secret("AT-refreshed"))
    }

    func testTwoInstancesRecoveringTheSamePaymentRunOneInquiryLoop() async throws {
        let (one, two) = await instances(store: journal)
        try await one.bound()
        let now = one.clock.now
        try await journal.insert(PaymentRecord(
            paymentRequestId: "PAY-R", merchantUserId: FlowFixture.user, bindingId: "BND-1", amount: FlowFixture.hkd(599),
            referenceOrderId: "ORDER-R", state: .pending, createdAt: now
        ))
        let inquiryReceived = FlowLatch()
        let releaseInquiry = FlowLatch()
        await one.mock.handle("inquiryPayment") { _ in
            await inquiryReceived.open()
            await releaseInquiry.wait()
            return .response(InquiryPaymentResponse(result: .success, paymentResult: .success, paymentId: "AP-R"))
        }
        async let firstReport = one.coordinator.recover()
        await inquiryReceived.wait()
        let secondReport = try await two.coordinator.recover()
        await releaseInquiry.open()
        let first = try await firstReport

        XCTAssertEqual(first.resolvedPayments, ["PAY-R": .succeeded])
        XCTAssertTrue(secondReport.resolvedPayments.isEmpty && secondReport.unresolved.isEmpty,
                      "the payment is claimed by instance 1: instance 2 leaves it (\(secondReport))")
        let inquiries = await one.mock.count("inquiryPayment")
        let cancels = await one.mock.count("cancelPayment")
        XCTAssertEqual(inquiries, 1, "one inquiry loop")
        XCTAssertEqual(cancels, 0)
    }

    func testAChargeInFlightIsNeverInquiredOrCancelledByAnotherInstancesRecovery() async throws {
        let (one, two) = await instances(store: journal)
        try await one.bound()
        let payReceived = FlowLatch()
        let releasePay = FlowLatch()
        await one.mock.handle("pay") { request in
            await payReceived.open()
            await releasePay.wait()
            return .response(PayResponse(result: .success, paymentId: "AP-\(request.field("paymentRequestId") ?? "")"))
        }
        async let charged = one.coordinator.charge(FlowFixture.charge(599, id: "PAY-F"))
        await payReceived.wait()
        let report = try await two.coordinator.recover()
        let touched = await (one.mock.count("inquiryPayment"), one.mock.count("cancelPayment"))
        await releasePay.open()
        let outcome = try await charged

        XCTAssertTrue(report.resolvedPayments.isEmpty && report.unresolved.isEmpty,
                      "the pay on its way holds its payment's lease (\(report))")
        XCTAssertEqual(touched.0 + touched.1, 0, "no inquiry and no cancel while the charge holds the lease")
        guard case .succeeded = outcome else { return XCTFail("\(outcome)") }
    }
}
