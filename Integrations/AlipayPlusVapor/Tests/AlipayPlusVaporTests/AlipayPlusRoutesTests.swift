import AlipayPlus
import AlipayPlusTesting
import AlipayPlusVapor
import Foundation
import Vapor
import XCTest

/// The mounted inbound endpoints, reached over real HTTP on a loopback port.
final class AlipayPlusRoutesTests: XCTestCase {
    func testASignedNotificationFromTheSimulatorGetsASignedAcknowledgementThatVerifies() async throws {
        let f = try InboundTestFixture()
        try await f.bind()
        _ = try await f.coordinator.charge(InboundTestFixture.charge("PAY-1"))
        try await withLoopbackServer({ try $0.register(collection: AlipayPlusRoutes(f.coordinator)) }) { merchant in
            let deliveries = await f.simulator.deliverNotifications(to: merchant.handler)
            XCTAssertFalse(deliveries.isEmpty)
            // Acknowledged means: status 200, a Signature that verifies with the merchant's public key
            // over the exact body received, and result S.
            for delivery in deliveries {
                XCTAssertTrue(delivery.acknowledged, "\(delivery.name): \(delivery.failures)")
                XCTAssertEqual(delivery.attempts, 1)
            }
        }
    }

    func testTheRawBodyBytesAndHeadersReachTheCoordinatorUntouched() async throws {
        let f = try InboundTestFixture()
        try await f.bind()
        await f.simulator.scriptNextPay(.neverResolves)
        _ = try await f.coordinator.charge(InboundTestFixture.charge("PAY-5"), waitForFinalOutcome: false)
        try await withLoopbackServer({ try $0.register(collection: AlipayPlusRoutes(f.coordinator)) }) { merchant in
            let answer = try await merchant.post(try f.oddlyFormattedPaymentSuccess(of: "PAY-5"))
            XCTAssertEqual(answer.status, 200, String(decoding: answer.body, as: UTF8.self))
            XCTAssertNotNil(answer.headers["Signature"], "the acknowledgement is signed")
        }
        let payment = try await f.store.payment(requestId: "PAY-5")
        XCTAssertEqual(payment?.state, .succeeded)
    }

    func testAForgedNotificationIsRefusedWith401AndChangesNothing() async throws {
        let f = try InboundTestFixture()
        try await f.bind()
        await f.simulator.scriptNextPay(.neverResolves)
        _ = try await f.coordinator.charge(InboundTestFixture.charge("PAY-2"), waitForFinalOutcome: false)
        try await withLoopbackServer({ try $0.register(collection: AlipayPlusRoutes(f.coordinator)) }) { merchant in
            let answer = try await merchant.post(try f.forgedPaymentSuccess(of: "PAY-2"))
            XCTAssertEqual(answer.status, 401)
            XCTAssertNil(answer.headers["Signature"], "a refusal is not signed")
        }
        let payment = try await f.store.payment(requestId: "PAY-2")
        XCTAssertEqual(payment?.state, .pending)
    }

    func testABodyOverTheLimitIsAnswered413WithoutReachingTheCoordinator() async throws {
        let f = try InboundTestFixture()
        try await withLoopbackServer({ try $0.register(collection: AlipayPlusRoutes(f.coordinator, bodyLimit: 64)) }) { merchant in
            var forged = try f.forgedPaymentSuccess(of: "PAY-3")
            forged.body = Data(repeating: UInt8(ascii: " "), count: 4096)
            let answer = try await merchant.post(forged)
            XCTAssertEqual(answer.status, 413)
        }
    }

    func testEveryInboundCallIsMountedUnderThePathAndNothingElse() async throws {
        let f = try InboundTestFixture()
        let routes = AlipayPlusRoutes(f.coordinator, path: "hooks", "alipay")
        try await withLoopbackServer({ try $0.register(collection: routes) }) { merchant in
            for name in ["notifyPayment", "authNotify", "consultUnbinding", "notifyRegistrationStatus"] {
                var call = try f.forgedPaymentSuccess(of: "PAY-4")
                call.path = "/hooks/alipay/\(name)"
                let answer = try await merchant.post(call)
                XCTAssertEqual(answer.status, 401, "\(name) reaches the coordinator, which refuses the forgery")
            }
            var other = try f.forgedPaymentSuccess(of: "PAY-4")
            other.path = "/hooks/alipay/inquiryPayment"
            let answer = try await merchant.post(other)
            XCTAssertEqual(answer.status, 404)
        }
    }

    func testTheReturnRouteCompletesTheBindingFromTheRedirect() async throws {
        let f = try InboundTestFixture()
        let routes = AlipayPlusRoutes(f.coordinator, bindingReturn: AlipayPlusBindingReturn { result, _ in
            switch result {
            case .success(let binding): Response(status: .ok, body: .init(string: binding.merchantUserId))
            case .failure: Response(status: .badRequest)
            }
        })
        try await withLoopbackServer({ try $0.register(collection: routes) }) { merchant in
            let start = try await f.coordinator.beginBinding(for: "user-1")
            let redirect = try await f.simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK)
            let query = try XCTUnwrap(URLComponents(url: redirect, resolvingAgainstBaseURL: false)?.percentEncodedQuery)
            let answer = try await merchant.get("/alipayplus/return?\(query)")
            XCTAssertEqual(answer.status, 200)
            XCTAssertEqual(String(decoding: answer.body, as: UTF8.self), "user-1")
            // A redirect without an authCode (the user declined) is the failure the app answers.
            let declined = try await merchant.get("/alipayplus/return?authState=\(start.authState)")
            XCTAssertEqual(declined.status, 400)
        }
        let bindings = try await f.store.bindings(merchantUserId: "user-1")
        XCTAssertEqual(bindings.count, 1)
    }
}
