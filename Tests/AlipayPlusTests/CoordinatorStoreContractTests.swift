import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

/// How the coordinator uses the store contract v2 (issue 14): one write per notification, leases
/// released when their work ends, and the binding rules of `BindingTransition` on the wire.
final class CoordinatorStoreContractTests: XCTestCase {
    func testANotificationThatSettlesAPaymentRecordsItsDeliveryKeyInTheSameWrite() async throws {
        let store = FlowObservingStore(base: LocalAutoDebitStore())
        let f = await FlowFixture.make(store: store)
        try await f.bound()
        await f.mock.enqueue("pay", .result(.unknown, .paymentInProcess))
        _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-N"), waitForFinalOutcome: false)
        let before = (store.writes.count("replaceWithDeliveryKey"), store.writes.count("recordFirstDelivery"))
        let notification = try FlowInbound.notifyPayment("PAY-N", amount: FlowFixture.hkd(599), at: f.clock.now)
        let answer = await f.coordinator.handleInbound(notification)
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(store.writes.count("replaceWithDeliveryKey") - before.0, 1, "the change carries the key")
        XCTAssertEqual(store.writes.count("recordFirstDelivery") - before.1, 0, "no second write for the key")

        let again = await f.coordinator.handleInbound(notification)
        XCTAssertEqual(again.status, 200)
        XCTAssertEqual(store.writes.count("replaceWithDeliveryKey") - before.0, 1, "a repeat changes nothing")
        let repeated = f.events.events(.notificationApplied).filter { $0.message?.contains("repeated") ?? false }
        XCTAssertEqual(repeated.count, 1, "the repeat is recognised by its key")
    }

    func testEveryLeaseIsReleasedWhenItsWorkEnds() async throws {
        let f = await FlowFixture.make()
        try await f.bound(accessExpiry: 60)
        _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-L"))
        _ = try await f.coordinator.refund(paymentRequestId: "PAY-L", amount: FlowFixture.hkd(100), refundRequestId: "REF-L")
        for name in [Lease.payment("PAY-L"), Lease.refresh("BND-1"), Lease.refund("REF-L")] {
            let taken = try await f.store.acquireLease(name, owner: "another-instance", ttl: .seconds(30), now: f.clock.now)
            XCTAssertNotNil(taken, "\(name) is free once its work ended")
        }
    }

    func testATokenRefreshRefusedForTheRequestItselfLeavesTheBindingChargeable() async throws {
        let f = await FlowFixture.make()
        try await f.bound(accessExpiry: 60)
        await f.mock.enqueue("applyToken", .result(.failure, .invalidSignature))
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge(599, id: "PAY-S"))
            XCTFail("expected tokenRefreshFailed")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .tokenRefreshFailed)
        }
        let binding = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .active, "INVALID_SIGNATURE says nothing about the user's refresh token")
    }

    func testACoordinatorWhoseLeaseIsShorterThanTheClientTimeoutIsRefused() async throws {
        XCTAssertThrowsError(try AutoDebitCoordinator(
            client: AlipayPlusClient(
                configuration: AlipayPlusClient.Configuration(
                    clientId: FlowKeys.clientId, privateKey: FlowKeys.merchant,
                    alipayPlusPublicKeys: AlipayPlusPublicKeys(FlowKeys.alipay.publicKey),
                    environment: .custom(URL(string: "https://gateway.test")!), timeouts: .init(overall: .seconds(30))
                ),
                transport: FlowMockAlipayPlus(alipayKey: FlowKeys.alipay, clock: VirtualClock())
            ),
            store: LocalAutoDebitStore(),
            configuration: AutoDebitCoordinator.Configuration(
                authClientId: "AUTH_CLIENT", authClientName: "Demo Ltd", authRedirectURL: URL(string: "https://merchant.test/r")!,
                merchant: Merchant(referenceMerchantId: "M0001"), settlementCurrency: "HKD",
                coordination: .init(leaseTTL: .seconds(5))
            )
        )) {
            XCTAssertEqual(($0 as? AutoDebitError)?.code, .invalidConfiguration)
            XCTAssertTrue("\($0)".contains("leaseTTL"), "\($0)")
        }
    }
}
