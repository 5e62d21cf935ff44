import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

final class FlowBindingTests: XCTestCase {
    private func redirect(code: String?, state: String) -> URL {
        var components = URLComponents(string: "https://merchant.test/alipayplus/return")!
        components.queryItems = [code.map { URLQueryItem(name: "authCode", value: $0) },
                                 URLQueryItem(name: "authState", value: state)].compactMap { $0 }
        return components.url!
    }

    func testBeginStoresAnUnguessableStateAndReturnsTheWalletPage() async throws {
        let f = await FlowFixture.make()
        let first = try await f.coordinator.beginBinding(for: FlowFixture.user)
        let second = try await f.coordinator.beginBinding(for: FlowFixture.user)
        XCTAssertEqual(first.walletPageURL.absoluteString, "https://wallet.test/page?session=1")
        XCTAssertGreaterThanOrEqual(first.authState.count, 32)
        XCTAssertNotEqual(first.authState, second.authState)
        let pending = try await f.store.authorization(authState: first.authState)
        XCTAssertEqual(pending?.merchantUserId, FlowFixture.user)
        let prepares = await f.mock.requests("prepare")
        XCTAssertEqual(prepares.first?.field("authState"), first.authState)
        XCTAssertEqual(prepares.first?.field("referenceAgreementId"), pending?.referenceAgreementId)
    }

    func testRedirectCompletesTheBinding() async throws {
        let f = await FlowFixture.make()
        let start = try await f.coordinator.beginBinding(for: FlowFixture.user)
        let binding = try await f.coordinator.completeBinding(redirectURL: redirect(code: "CODE1", state: start.authState))
        XCTAssertEqual(binding.accessToken.revealed, "AT-CODE1")
        XCTAssertEqual(binding.wallet?.walletName, "GCash")
        let stored = try await f.store.binding(id: binding.bindingId)
        XCTAssertEqual(stored?.status, .active)
        let apply = await f.mock.requests("applyToken")
        XCTAssertEqual(apply.map { $0.field("grantType") }, ["AUTHORIZATION_CODE"])
        XCTAssertEqual(apply.first?.field("authCode"), "CODE1")
    }

    func testRedirectAndNotificationAtOnceMakeOneApplyToken() async throws {
        let f = await FlowFixture.make()
        let start = try await f.coordinator.beginBinding(for: FlowFixture.user)
        let notice = try FlowInbound.authNotify(.authCodeCreated, authCode: "CODE2", authState: start.authState,
                                                at: f.clock.now)
        let coordinator = f.coordinator
        let url = redirect(code: "CODE2", state: start.authState)
        let (binding, answer) = try await f.whileRunning {
            async let viaRedirect = coordinator.completeBinding(redirectURL: url)
            async let viaNotice = coordinator.handleInbound(notice)
            let both = try await (viaRedirect, viaNotice)
            await coordinator.untilBackgroundWorkIsDone()  // the notice's completion has ended too
            return both
        }
        XCTAssertEqual(answer.status, 200)
        let applies = await f.mock.count("applyToken")
        XCTAssertEqual(applies, 1)
        let bindings = try await f.store.bindings(merchantUserId: FlowFixture.user)
        XCTAssertEqual(bindings.map(\.bindingId), [binding.bindingId])
        let again = try await f.coordinator.completeBinding(redirectURL: url)
        XCTAssertEqual(again.bindingId, binding.bindingId)
    }

    func testReplayedStateWithAnotherCodeIsRefused() async throws {
        let f = await FlowFixture.make()
        let start = try await f.coordinator.beginBinding(for: FlowFixture.user)
        _ = try await f.coordinator.completeBinding(redirectURL: redirect(code: "CODE3", state: start.authState))
        do {
            _ = try await f.coordinator.completeBinding(redirectURL: redirect(code: "FORGED", state: start.authState))
            XCTFail("expected authStateReused")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .authStateReused)
        }
        let applies = await f.mock.count("applyToken")
        XCTAssertEqual(applies, 1)
    }

    func testUnknownStateAndMissingCodeAreRefusedWithoutACall() async throws {
        let f = await FlowFixture.make()
        do {
            _ = try await f.coordinator.completeBinding(redirectURL: redirect(code: "C", state: "never-issued"))
            XCTFail("expected unknownAuthState")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .unknownAuthState)
        }
        let start = try await f.coordinator.beginBinding(for: FlowFixture.user)
        do {
            _ = try await f.coordinator.completeBinding(redirectURL: redirect(code: nil, state: start.authState))
            XCTFail("expected authorizationNotGranted")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .authorizationNotGranted)
        }
        let applies = await f.mock.count("applyToken")
        XCTAssertEqual(applies, 0)
    }

    func testAUserCanBindSeveralWallets() async throws {
        let f = await FlowFixture.make()
        let a = try await f.coordinator.beginBinding(for: FlowFixture.user)
        let b = try await f.coordinator.beginBinding(for: FlowFixture.user)
        let first = try await f.coordinator.completeBinding(redirectURL: redirect(code: "WA", state: a.authState))
        f.clock.advance(by: .seconds(1))
        let second = try await f.coordinator.completeBinding(redirectURL: redirect(code: "WB", state: b.authState))
        let all = try await f.coordinator.bindings(for: FlowFixture.user)
        XCTAssertEqual(all.map(\.bindingId), [first.bindingId, second.bindingId])
        let charged = try await f.coordinator.charge(ChargeRequest(
            merchantUserId: FlowFixture.user, amount: FlowFixture.hkd(100), referenceOrderId: "O",
            orderDescription: "d", bindingId: first.bindingId
        ))
        XCTAssertEqual(charged.payment?.bindingId, first.bindingId)
        let pay = await f.mock.requests("pay")[0]
        XCTAssertEqual(pay.json("paymentMethod.paymentMethodId"), "AT-WA")
    }
}
