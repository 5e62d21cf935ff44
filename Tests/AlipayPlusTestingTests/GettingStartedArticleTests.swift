import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation
import XCTest

// docs: GettingStarted
/// The code of the "Getting started" DocC article, compiled and run against the simulator: the
/// article's ```swift blocks are checked by .ci/docs.sh to appear here line for line.
final class GettingStartedArticleTests: XCTestCase {
    func testAMerchantBindsChargesRefundsAndServesTheInboundEndpoint() async throws {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))

        // The client: your key, Alipay+'s public key, the environment and a transport.
        let client = AlipayPlusClient(configuration: try AlipayPlusClient.Configuration(
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(simulator.alipayPlusPublicKey),
            environment: .custom(AlipayPlusSimulator.baseURL), clock: clock), transport: simulator)

        // The coordinator: the client, a store and your merchant details.
        let coordinator = try AutoDebitCoordinator(client: client, store: LocalAutoDebitStore(),
            configuration: AutoDebitCoordinator.Configuration(
                authClientId: "M0001", authClientName: "Demo Ltd",
                authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
                merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd",
                                   merchantAddress: Address(region: "HK")),
                settlementCurrency: "HKD"))

        // Bind: send the user to the wallet page, then finish with the URL the wallet redirected to.
        let start = try await coordinator.beginBinding(for: "user-42")
        let returnURL = try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK)
        let binding = try await coordinator.completeBinding(redirectURL: returnURL)

        // Charge: store your paymentRequestId with the order first; charging again with it resumes.
        let outcome = try await coordinator.charge(ChargeRequest(
            merchantUserId: "user-42", amount: Amount(currency: "HKD", minorUnits: 599),
            referenceOrderId: "order-1", orderDescription: "Plan", paymentRequestId: "PAY-order-1"))
        guard case .succeeded(let payment) = outcome else { return XCTFail("\(outcome)") }

        // Refund: idempotent by refundRequestId, refused before any call above what is left.
        let refund = try await coordinator.refund(paymentRequestId: "PAY-order-1",
                                                  amount: Amount(currency: "HKD", minorUnits: 100),
                                                  refundRequestId: "REF-order-1-1")
        guard case .succeeded = refund else { return XCTFail("\(refund)") }

        // The inbound endpoint: hand over method, path, headers and the raw body, untouched.
        let deliveries = await simulator.deliverNotifications(to: { request in
            let answer = await coordinator.handleInbound(InboundRequest(
                method: request.method, path: request.path, headers: request.headers, body: request.body))
            return InboundResponse(status: answer.status, headers: answer.headers, body: answer.body)
        })
        XCTAssertTrue(deliveries.allSatisfy(\.acknowledged))

        XCTAssertEqual(binding.merchantUserId, "user-42")
        XCTAssertEqual(payment.paymentRequestId, "PAY-order-1")
        let violations = await simulator.assertInvariants()
        XCTAssertEqual(violations, [])
    }
}
