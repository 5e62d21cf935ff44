import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

// docs: ReceivingNotifications
/// What a web framework hands the endpoint, and what it sends back.
private struct FrameworkRequest: Sendable { var method: String; var path: String; var headers: [(String, String)]; var body: Data }
private struct FrameworkResponse: Sendable { var status: Int; var headers: [(String, String)]; var body: Data }

/// An endpoint as written for a web framework: everything passes through untouched.
private func alipayPlusEndpoint(_ request: FrameworkRequest, coordinator: AutoDebitCoordinator) async -> FrameworkResponse {
    let answer = await coordinator.handleInbound(InboundRequest(
        method: request.method, path: request.path,
        headers: HTTPHeaders(request.headers.map { (name: $0.0, value: $0.1) }),
        body: request.body))                           // the raw bytes: never re-encoded JSON
    return FrameworkResponse(status: answer.status,
                             headers: answer.headers.map { ($0.name, $0.value) },
                             body: answer.body)        // a signed acknowledgement
}

/// The code of the "Receiving notifications" DocC article (checked by .ci/docs.sh).
final class ReceivingNotificationsArticleTests: XCTestCase {
    func testAVerifiedNotificationIsAppliedOnceAndAForgedOneIsRefused() async throws {
        let shop = try await ArticleShop.withBoundUser()
        let coordinator = shop.coordinator
        _ = try await coordinator.charge(ArticleShop.chargeRequest(order: "order-9", paymentRequestId: "PAY-order-9"))
        await shop.simulator.duplicateNextNotification()
        let deliveries = await shop.simulator.deliverNotifications(to: { request in
            let answer = await alipayPlusEndpoint(FrameworkRequest(
                method: request.method, path: request.path, headers: request.headers.map { ($0.name, $0.value) },
                body: request.body), coordinator: coordinator)
            return InboundResponse(status: answer.status, headers: HTTPHeaders(answer.headers.map { (name: $0.0, value: $0.1) }),
                                   body: answer.body)
        })
        XCTAssertTrue(deliveries.allSatisfy(\.acknowledged), "\(deliveries)")
        let notifyPayment = try XCTUnwrap(deliveries.first { $0.path.hasSuffix("notifyPayment") })

        // The same body with its signature taken away: refused with 401, nothing changes.
        let forged = await alipayPlusEndpoint(FrameworkRequest(
            method: "POST", path: notifyPayment.path,
            headers: [("Content-Type", "application/json"), ("Client-Id", TestKeys.merchantClientId)],
            body: notifyPayment.body), coordinator: coordinator)
        XCTAssertEqual(forged.status, 401)
        let payment = try await coordinator.store.payment(requestId: "PAY-order-9")
        XCTAssertEqual(payment?.state, .succeeded)
    }
}
