import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

/// Wire details of binding and paying as Alipay+ documents them: the wallet's `customerId` is kept
/// on the binding, and `INVALID_TOKEN` on pay asks the user to bind again.
final class BindingWireDetailTests: XCTestCase {
    func testABindingKeepsTheWalletCustomerIdThatApplyTokenReturns() async throws {
        let f = await FlowFixture.make()
        await f.mock.enqueue("applyToken", .response(ApplyTokenResponse(
            result: .success, accessToken: Secret("AT-C"), refreshToken: Secret("RT-C"),
            walletForAccountBinding: Wallet(walletName: "GCash"), customerId: "2088000000000001")))
        let start = try await f.coordinator.beginBinding(for: FlowFixture.user)
        let binding = try await f.coordinator.completeBinding(authCode: "CODE-C", authState: start.authState)
        XCTAssertEqual(binding.customerId, "2088000000000001")
        let stored = try await f.store.binding(id: binding.bindingId)
        XCTAssertEqual(stored?.customerId, "2088000000000001")
    }

    func testATokenCreatedNotificationRecordsTheCustomerIdOnItsBinding() async throws {
        let f = await FlowFixture.make()
        try await f.bound(token: "AT-1")
        let notification = AuthNotifyRequest(
            authorizationNotifyType: .tokenCreated, authClientId: "AUTH_CLIENT", accessToken: "AT-1",
            walletForAccountBinding: Wallet(walletName: "GCash", walletBrandName: "GCash"), customerId: "2088000000000002")
        let answer = await f.coordinator.handleInbound(
            try FlowInbound.request(path: FlowInbound.authNotifyPath, body: notification, at: f.clock.now))
        XCTAssertEqual(answer.status, 200)
        let stored = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(stored?.customerId, "2088000000000002")
    }

    func testABindingStoredBeforeCustomerIdExistedStillDecodes() throws {
        let old = Data(#"{"bindingId":"B","merchantUserId":"U","accessToken":"AT","status":"active","createdAt":0,"updatedAt":0}"#.utf8)
        let binding = try JSONDecoder().decode(BindingRecord.self, from: old)
        XCTAssertNil(binding.customerId)
    }

    func testAPayAnsweredInvalidTokenAsksTheUserToBindAgain() async throws {
        let f = await FlowFixture.make()
        try await f.bound()
        await f.mock.enqueue("pay", .result(.failure, .invalidToken))
        let outcome = try await f.coordinator.charge(FlowFixture.charge(id: "PAY-IT"))
        guard case .failed(.invalidToken, _) = outcome else { return XCTFail("\(outcome)") }
        let binding = try await f.store.binding(id: "BND-1")
        XCTAssertEqual(binding?.status, .needsReauthorization)
        XCTAssertEqual(ResultCode.invalidToken.documentedAction, .reauthorize)
        XCTAssertEqual(ResultCode.invalidAccessToken.documentedAction, .reauthorize)
    }
}
