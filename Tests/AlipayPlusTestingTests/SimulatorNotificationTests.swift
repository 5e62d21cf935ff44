import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

final class SimulatorNotificationTests: XCTestCase {
    func testRetriedUntilAcknowledgedAndSignedWithTheAlipayPlusKey() async throws {
        let harness = try Harness(configure: { $0.sendsTokenCreatedNotification = false })
        let tokens = try await harness.bind()
        _ = try await harness.client.send(Harness.payRequest("PAY-1", token: XCTUnwrap(tokens.accessToken)))
        let merchant = FakeMerchant(clock: harness.clock, failuresBeforeAck: 2)
        let deliveries = await harness.simulator.deliverNotifications(to: { await merchant.handle($0) })
        XCTAssertEqual(deliveries.map(\.name), ["authNotify", "notifyPayment"])
        XCTAssertEqual(deliveries.map(\.attempts), [3, 1])
        XCTAssertTrue(deliveries.allSatisfy(\.acknowledged))
        XCTAssertEqual(deliveries[1].path, "/alipayplus/notifyPayment")

        let received = await merchant.received
        XCTAssertEqual(received.count, 4)
        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(TestKeys.alipayPlusPublicKey))
        for request in received {
            let verdict = verifier.verify(path: request.path, clientId: request.headers["Client-Id"] ?? "",
                                          time: request.headers["Request-Time"] ?? "", body: request.body,
                                          signatureHeader: request.headers["Signature"])
            XCTAssertTrue(verdict.isValid)
        }
        let notify = try AlipayPlusJSON.decode(NotifyPaymentRequest.self, from: XCTUnwrap(received.last).body)
        XCTAssertEqual(notify.paymentRequestId, "PAY-1")
        XCTAssertEqual(notify.paymentResult.resultStatus, .success)
    }

    func testGivesUpAfterMaxAttempts() async throws {
        let harness = try Harness(configure: { $0.maxNotificationAttempts = 3 })
        _ = try await harness.client.send(Harness.prepareRequest())
        let prepared = try await harness.client.send(Harness.prepareRequest())
        _ = try await harness.simulator.approve(walletPageURL: XCTUnwrap(prepared.redirectURL(for: .web)))
        let merchant = FakeMerchant(clock: harness.clock, failuresBeforeAck: 100)
        let deliveries = await harness.simulator.deliverNotifications(to: { await merchant.handle($0) })
        XCTAssertEqual(deliveries.count, 1)
        XCTAssertEqual(deliveries[0].attempts, 3)
        XCTAssertFalse(deliveries[0].acknowledged)
        XCTAssertEqual(deliveries[0].failures.count, 3)
    }

    func testUnsignedAcknowledgementDoesNotCount() async throws {
        let harness = try Harness(configure: { $0.maxNotificationAttempts = 2 })
        let prepared = try await harness.client.send(Harness.prepareRequest())
        _ = try await harness.simulator.approve(walletPageURL: XCTUnwrap(prepared.redirectURL(for: .web)))
        let body = try AlipayPlusJSON.encode(NotificationAcknowledgement.success)
        let deliveries = await harness.simulator.deliverNotifications(to: { _ in
            InboundResponse(status: 200, headers: [:], body: body)
        })
        XCTAssertFalse(deliveries[0].acknowledged)
        XCTAssertTrue(deliveries[0].failures[0].contains("signature"), deliveries[0].failures[0])
    }

    func testDuplicateAndShuffle() async throws {
        let harness = try Harness(configure: { $0.sendsTokenCreatedNotification = false })
        let tokens = try await harness.bind()
        let token = try XCTUnwrap(tokens.accessToken)
        for index in 1...4 { _ = try await harness.client.send(Harness.payRequest("PAY-\(index)", token: token)) }
        await harness.simulator.duplicateNextNotification()
        await harness.simulator.shuffleNotifications(seed: 42)
        let merchant = FakeMerchant(clock: harness.clock)
        let deliveries = await harness.simulator.deliverNotifications(to: { await merchant.handle($0) })
        XCTAssertEqual(deliveries.count, 6)
        XCTAssertEqual(deliveries[0].body, deliveries[1].body)
        let ids = try deliveries.filter { $0.name == "notifyPayment" }.map {
            try AlipayPlusJSON.decode(NotifyPaymentRequest.self, from: $0.body).paymentRequestId
        }
        XCTAssertEqual(Set(ids), ["PAY-1", "PAY-2", "PAY-3", "PAY-4"])
        let orderWithoutDuplicate = ids.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        XCTAssertNotEqual(orderWithoutDuplicate.filter { $0.hasPrefix("PAY") }, ["PAY-1", "PAY-2", "PAY-3", "PAY-4"],
                          "seed 42 reorders the queue")
    }

    func testWalletUnbindingConsultsFirst() async throws {
        let harness = try Harness(configure: { $0.sendsTokenCreatedNotification = false })
        let tokens = try await harness.bind()
        let token = try XCTUnwrap(tokens.accessToken)
        let merchant = FakeMerchant(clock: harness.clock)
        await harness.simulator.deliverNotifications(to: { await merchant.handle($0) })
        await merchant.setAllowUnbinding(false)
        let refused = try await harness.simulator.walletUnbinds(accessToken: token.revealed, merchant: { await merchant.handle($0) })
        XCTAssertEqual(refused, .refused)
        await merchant.setAllowUnbinding(true)
        let unbound = try await harness.simulator.walletUnbinds(accessToken: token.revealed, merchant: { await merchant.handle($0) })
        XCTAssertEqual(unbound, .unbound)
        let deliveries = await harness.simulator.deliverNotifications(to: { await merchant.handle($0) })
        let notify = try AlipayPlusJSON.decode(AuthNotifyRequest.self, from: XCTUnwrap(deliveries.first).body)
        XCTAssertEqual(notify.authorizationNotifyType, .tokenCanceled)
        let paths = await merchant.paths
        XCTAssertEqual(paths, ["/alipayplus/authNotify", "/alipayplus/consultUnbinding", "/alipayplus/consultUnbinding",
                               "/alipayplus/authNotify"])
        let pay = try await harness.client.send(Harness.payRequest("PAY-1", token: token))
        XCTAssertEqual(pay.result.resultCode, .invalidToken)
    }
}

extension FakeMerchant {
    func setAllowUnbinding(_ value: Bool) { allowUnbinding = value }
}
