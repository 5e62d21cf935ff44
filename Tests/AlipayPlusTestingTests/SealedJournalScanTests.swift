import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

/// The journal folder of a whole run holds none of the run's tokens or auth codes, in any encoding.
final class SealedJournalScanTests: XCTestCase {
    func testNoTokenOrAuthCodeOfABindChargeRefreshRefundRunIsInTheJournalFolder() async throws {
        let harness = try Harness(configure: { $0.accessTokenLifetime = .seconds(100); $0.refreshTokenLifetime = .seconds(10_000) })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealed-scan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LocalAutoDebitStore(directory: folder, keyRing: TestKeys.tokenKeyRing)
        let coordinator = try AutoDebitCoordinator(client: harness.client, store: store, configuration: AutoDebitCoordinator.Configuration(
            authClientId: Harness.authClientId, authClientName: "Demo Ltd", authRedirectURL: URL(string: Harness.redirect)!,
            merchant: Harness.merchant, settlementCurrency: "HKD"))

        let start = try await coordinator.beginBinding(for: "user-1")
        let redirect = try await harness.simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK)
        let authCode = try XCTUnwrap(URLComponents(url: redirect, resolvingAgainstBaseURL: false)?
            .queryItems?.first { $0.name == "authCode" }?.value)
        let bound = try await coordinator.completeBinding(redirectURL: redirect)
        _ = try await coordinator.charge(ChargeRequest(
            merchantUserId: "user-1", amount: Amount(currency: "HKD", minorUnits: 599),
            referenceOrderId: "ORDER-1", orderDescription: "Monthly plan", paymentRequestId: "PAY-1"))
        harness.clock.advance(by: .seconds(150))
        _ = try await coordinator.charge(ChargeRequest(
            merchantUserId: "user-1", amount: Amount(currency: "HKD", minorUnits: 100),
            referenceOrderId: "ORDER-2", orderDescription: "Extra", paymentRequestId: "PAY-2"))
        let reread = try await store.binding(id: bound.bindingId)
        let refreshed = try XCTUnwrap(reread)
        XCTAssertNotEqual(refreshed.accessToken, bound.accessToken, "the second charge refreshes the token")
        _ = try await coordinator.refund(paymentRequestId: "PAY-1", amount: Amount(currency: "HKD", minorUnits: 100))
        await store.close()

        let secrets = [authCode, bound.accessToken.revealed, refreshed.accessToken.revealed]
            + [bound.refreshToken, refreshed.refreshToken].compactMap { $0?.revealed }
        var bytes = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            bytes += try Data(contentsOf: folder.appendingPathComponent(name))
        }
        XCTAssertGreaterThan(bytes.count, 0)
        for secret in secrets {
            let base64 = Data(secret.utf8).base64EncodedString()
            let base64URL = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            let unpadded = base64.replacingOccurrences(of: "=", with: "")
            for form in [secret, base64, unpadded, base64URL] {
                XCTAssertNil(bytes.range(of: Data(form.utf8)), "a secret of the run (\(secret.count) characters) is in the journal folder")
            }
        }
    }
}
