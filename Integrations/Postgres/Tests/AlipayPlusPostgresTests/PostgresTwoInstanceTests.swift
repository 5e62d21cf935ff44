import AlipayPlus
import AlipayPlusModels
import AlipayPlusPostgres
import AlipayPlusTesting
import Foundation
import XCTest

/// Two merchant server instances (coordinators with different instance ids, each with its own store
/// value) on one database: the single-flight rules hold through the database's leases.
/// Every wait is a latch the test opens; nothing depends on timing.
final class PostgresTwoInstanceTests: XCTestCase {
    func testATokenIsRefreshedOnceWhenTwoInstancesOnOneDatabaseChargeWithItAtOnce() async throws {
        try await PostgresTestDatabase.withClient { client in
            let merchant = try SimulatedMerchant(accessTokenLifetime: .seconds(100))
            let schema = try await PostgresTestDatabase.freshStore(client).schema
            let storeOne = try await PostgresAutoDebitStore.open(client: client, keyRing: TestKeys.tokenKeyRing, schema: schema,
                                                                 logger: PostgresTestDatabase.logger)
            let storeTwo = try await PostgresAutoDebitStore.open(client: client, keyRing: TestKeys.tokenKeyRing, schema: schema,
                                                                 logger: PostgresTestDatabase.logger)
            let refreshReceived = TestLatch(), releaseRefresh = TestLatch()
            let refused = TestLatch(), letRefusedPoll = TestLatch()
            let one = try merchant.coordinator(
                store: storeOne, instanceId: "instance-1",
                transport: HeldRefreshTransport(simulator: merchant.simulator, refreshReceived: refreshReceived, releaseRefresh: releaseRefresh))
            let two = try merchant.coordinator(
                store: RefreshLeaseGateStore(base: storeTwo) {
                    await refused.open()
                    await letRefusedPoll.wait()
                }, instanceId: "instance-2")
            let bound = try await merchant.bind(with: one).binding
            merchant.clock.advance(by: .seconds(150)) // the access token expired: both charges must refresh first
            let applyTokensBefore = await merchant.simulator.callCount(path: ApplyTokenRequest.path)

            async let first = one.charge(SimulatedMerchant.charge(order: "ORDER-A"))
            await refreshReceived.wait() // Alipay+ issued the new pair; instance 1 has not stored it yet
            async let second = two.charge(SimulatedMerchant.charge(order: "ORDER-B"))
            await refused.wait() // instance 2 found instance 1's refresh lease in the database
            await releaseRefresh.open()
            let firstOutcome = try await first
            await letRefusedPoll.open()
            let secondOutcome = try await second

            guard case .succeeded = firstOutcome, case .succeeded = secondOutcome else {
                return XCTFail("both charges succeed: \(firstOutcome), \(secondOutcome)")
            }
            let refreshes = await merchant.simulator.callCount(path: ApplyTokenRequest.path) - applyTokensBefore
            XCTAssertEqual(refreshes, 1, "one refresh reaches Alipay+ for both instances")
            let binding = try await storeTwo.binding(id: bound.bindingId)
            XCTAssertEqual(binding?.status, .active, "the binding stays active")
            XCTAssertNotEqual(binding?.accessToken, bound.accessToken, "the binding holds the refreshed token")
        }
    }

    func testTwoInstancesRecoveringOneDatabaseClaimEachUnfinishedPaymentOnce() async throws {
        try await PostgresTestDatabase.withClient { client in
            let store = try await PostgresTestDatabase.freshStore(client)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            for n in 1...20 {
                try await store.insert(PaymentRecord(
                    paymentRequestId: "PAY-\(n)", merchantUserId: "U", bindingId: "B", amount: Amount(currency: "HKD", minorUnits: 100),
                    referenceOrderId: "ORDER-\(n)", state: .pending, createdAt: now.addingTimeInterval(Double(n))))
            }
            async let a = store.claimRecoveryWork(owner: "instance-1", ttl: .seconds(30), now: now, limit: 15)
            async let b = store.claimRecoveryWork(owner: "instance-2", ttl: .seconds(30), now: now, limit: 15)
            let (claimsA, claimsB) = try await (a, b)
            let idsA = Set(claimsA.map(\.requestId)), idsB = Set(claimsB.map(\.requestId))
            XCTAssertTrue(idsA.isDisjoint(with: idsB), "claimed by both: \(idsA.intersection(idsB))")
            XCTAssertLessThanOrEqual(claimsA.count, 15)
            XCTAssertLessThanOrEqual(claimsB.count, 15)
            let again = try await store.claimRecoveryWork(owner: "instance-3", ttl: .seconds(30), now: now, limit: 50)
            XCTAssertEqual(idsA.count + idsB.count + again.count, 20, "every unfinished payment is claimed exactly once")
        }
    }
}
