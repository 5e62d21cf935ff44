import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

final class FlowTokenTests: XCTestCase {
    func testOneRefreshServesOneHundredConcurrentCharges() async throws {
        let f = await FlowFixture.make()
        try await f.bound(accessExpiry: 60) // inside the 300 s refresh margin
        let coordinator = f.coordinator
        let outcomes = try await withThrowingTaskGroup(of: ChargeOutcome.self) { group in
            for index in 0..<100 {
                // One order each: an order has at most one unfinished payment.
                var charge = FlowFixture.charge(100, id: "PAY-\(index)")
                charge.referenceOrderId = "ORDER-\(index)"
                group.addTask { [charge] in try await coordinator.charge(charge) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(outcomes.count, 100)
        let applies = await f.mock.requests("applyToken")
        XCTAssertEqual(applies.count, 1)
        XCTAssertEqual(applies.first?.field("grantType"), "REFRESH_TOKEN")
        XCTAssertEqual(applies.first?.field("refreshToken"), "RT-AT-1")
        let tokens = await Set(f.mock.requests("pay").map { $0.json("paymentMethod.paymentMethodId") })
        XCTAssertEqual(tokens, ["AT-refreshed-RT-AT-1"])
        let binding = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(binding?.accessToken.revealed, "AT-refreshed-RT-AT-1")
        XCTAssertEqual(f.events.events(.tokenRefreshed).count, 1)
    }

    func testExpiredRefreshTokenNeedsReauthorizationWithoutACall() async throws {
        let f = await FlowFixture.make()
        try await f.bound(accessExpiry: 10, refreshExpiry: -1)
        let outcome = try await f.coordinator.charge(FlowFixture.charge())
        guard case .needsReauthorization(_, .expiredRefreshToken) = outcome else { return XCTFail("\(outcome)") }
        let calls = await f.mock.requests.count
        XCTAssertEqual(calls, 0)
        XCTAssertEqual(f.events.events(.bindingNeedsReauthorization).count, 1)
    }

    func testRefreshDeclinedNeedsReauthorization() async throws {
        let f = await FlowFixture.make()
        try await f.bound(accessExpiry: 10)
        await f.mock.enqueue("applyToken", .result(.failure, .expiredRefreshToken))
        let outcome = try await f.coordinator.charge(FlowFixture.charge())
        guard case .needsReauthorization(_, .expiredRefreshToken) = outcome else { return XCTFail("\(outcome)") }
        let binding = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .needsReauthorization)
        let pays = await f.mock.count("pay")
        XCTAssertEqual(pays, 0)
        XCTAssertEqual(f.events.events(.bindingNeedsReauthorization).count, 1)
    }

    func testTokenCanceledNotificationMarksTheBinding() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        let notice = try FlowInbound.authNotify(.tokenCanceled, accessToken: "AT-1", at: f.clock.now)
        let answer = await f.coordinator.handleInbound(notice)
        XCTAssertEqual(answer.status, 200)
        _ = await f.coordinator.handleInbound(notice)
        let binding = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .needsReauthorization)
        XCTAssertEqual(f.events.events(.bindingNeedsReauthorization).count, 1, "a duplicate changes nothing")
    }

    func testUnbindSendsCancelTokenOnceAndRemovesTheBinding() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        try await f.coordinator.unbind(bindingId: "BND-1")
        try await f.coordinator.unbind(bindingId: "BND-1")
        let cancels = await f.mock.requests("cancelToken")
        XCTAssertEqual(cancels.count, 1)
        XCTAssertEqual(cancels.first?.field("accessToken"), "AT-1")
        XCTAssertEqual(cancels.first?.field("authClientId"), "AUTH_CLIENT")
        let binding = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .removed)
        do {
            _ = try await f.coordinator.charge(FlowFixture.charge())
            XCTFail("expected noActiveBinding")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .noActiveBinding)
        }
    }

    func testConsultUnbindingIsAnsweredByThePolicy() async throws {
        let asked = FlowBox<String?>(nil)
        let f = await FlowFixture.make { configuration in
            configuration.inbound.unbindingPolicy = { consultation in
                asked.value = consultation.binding?.bindingId
                return false
            }
        }
        try await f.bound()
        let answer = try await f.whileRunning {
            await f.coordinator.handleInbound(try FlowInbound.consultUnbinding(accessToken: "AT-1", at: f.clock.now))
        }
        XCTAssertEqual(answer.status, 200)
        XCTAssertTrue(FlowInbound.answerVerifies(answer, path: FlowInbound.consultUnbindingPath))
        let body = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        XCTAssertEqual(body?["allowUnbinding"] as? String, "false")
        XCTAssertEqual(asked.value, "BND-1")
    }
}
