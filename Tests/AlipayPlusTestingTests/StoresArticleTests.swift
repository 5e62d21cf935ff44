import AlipayPlus
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation
import XCTest

// docs: StoresAndSeveralInstances
/// The code of the "Stores and running several instances" DocC article (checked by .ci/docs.sh).
final class StoresArticleTests: XCTestCase {
    func testAJournaledStoreKeepsEveryAcknowledgedChangeAcrossAReopen() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("article-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["ALIPAYPLUS_TOKEN_KEYS": "k1:" + Data(repeating: 9, count: 32).base64EncodedString()]

        let keyRing = try TokenKeyRing(environmentVariable: "ALIPAYPLUS_TOKEN_KEYS", in: environment)
        let store = try LocalAutoDebitStore(directory: folder, keyRing: keyRing)   // one process per folder
        let shop = try await ArticleShop.withBoundUser(store: store)
        _ = try await shop.coordinator.charge(ArticleShop.chargeRequest(order: "order-3", paymentRequestId: "PAY-order-3"))
        await store.close()

        let reopened = try LocalAutoDebitStore(directory: folder, keyRing: keyRing)
        let payment = try await reopened.payment(requestId: "PAY-order-3")
        XCTAssertEqual(payment?.state, .succeeded)
        await reopened.close()
    }

    func testYourOwnStorePassesTheConformanceSuite() async throws {
        // In your store's tests: makeStore returns an empty store (pass reopen: for the durability checks).
        for failure in await AutoDebitStoreConformance(makeStore: { LocalAutoDebitStore() }).runAll() {
            XCTFail("\(failure)")
        }
    }
}
