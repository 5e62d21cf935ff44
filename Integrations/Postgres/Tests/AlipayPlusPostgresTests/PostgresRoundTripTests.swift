import AlipayPlus
import AlipayPlusPostgres
import AlipayPlusTesting
import Foundation
import XCTest

/// Every contract operation is one statement, and a successful charge makes few of them.
final class PostgresRoundTripTests: XCTestCase {
    func testASuccessfulChargeCostsThreeDatabaseRoundTrips() async throws {
        try await PostgresTestDatabase.withClient { client in
            let roundTrips = PostgresRoundTripCounter()
            let postgres = try await PostgresTestDatabase.freshStore(client, roundTrips: roundTrips)
            let calls = CallLog()
            let store = ObservedAutoDebitStore(base: postgres) { call in
                if call.phase == .before { calls.append(call.name) }
            }
            let merchant = try SimulatedMerchant()
            let coordinator = try merchant.coordinator(store: store, instanceId: "instance-1")
            _ = try await merchant.bind(with: coordinator)
            _ = try await coordinator.charge(SimulatedMerchant.charge(order: "ORDER-WARM"))
            roundTrips.reset()
            calls.removeAll()
            let outcome = try await coordinator.charge(SimulatedMerchant.charge(order: "ORDER-1"))
            guard case .succeeded = outcome else { return XCTFail("the charge succeeds: \(outcome)") }
            XCTAssertEqual(roundTrips.value, calls.names.count, "each store call is one round trip: \(calls.names)")
            // The binding read, the payment's lease with its intent (one statement), the final answer
            // written from the inserted record (no read) freeing the lease in the same statement.
            XCTAssertEqual(calls.names, ["bindings", "insertLeased(payment)", "replaceReleasing(payment)"])
            XCTAssertEqual(roundTrips.value, 3)
        }
    }
}

final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var names: [String] { lock.withLock { stored } }
    func append(_ name: String) { lock.withLock { stored.append(name) } }
    func removeAll() { lock.withLock { stored.removeAll() } }
}
