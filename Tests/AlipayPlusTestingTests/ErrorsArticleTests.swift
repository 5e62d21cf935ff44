import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

// docs: Errors
/// The code of the "Errors" DocC article (checked by .ci/docs.sh).
final class ErrorsArticleTests: XCTestCase {
    func testAnErrorThatMayHaveBeenProcessedIsResolvedByAskingNeverAssumedFailed() async throws {
        let shop = try await ArticleShop.withBoundUser()
        let client = shop.coordinator.client
        let bindings = try await shop.coordinator.bindings(for: "user-42")
        let token = try XCTUnwrap(bindings.first).accessToken
        let amount = Amount(currency: "HKD", minorUnits: 599)
        let pay = PayRequest.autoDebit(
            paymentRequestId: "PAY-order-5", accessToken: token, amount: amount,
            order: Order(referenceOrderId: "order-5", orderDescription: "Plan", orderAmount: amount,
                         merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd",
                                            merchantAddress: Address(region: "HK"))),
            settlementCurrency: "HKD")
        await shop.simulator.injectFault(.responseLost, path: PayRequest.path)
        var inquired: [String] = []
        var failed: [String] = []

        do {
            let response = try await client.send(pay)
            XCTFail("the answer was lost, got \(response.result)")
        } catch let error as AlipayPlusError where error.requestMayHaveBeenProcessed {
            inquired.append(pay.paymentRequestId)        // never assume it failed: inquire (the coordinator does)
        } catch let error as AlipayPlusError {
            failed.append("\(error.code): \(error.message)")  // nothing was charged
        }

        XCTAssertEqual(inquired, ["PAY-order-5"])
        XCTAssertEqual(failed, [])
        let inquiry = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-order-5"))
        XCTAssertEqual(inquiry.paymentResult?.resultStatus, .success)
    }

    func testABrokenRuleIsAValidationErrorNamingTheFieldAndNothingIsSent() async throws {
        let shop = try await ArticleShop.withBoundUser()
        do {
            _ = try await shop.coordinator.charge(ArticleShop.chargeRequest(order: "order-6", paymentRequestId: "PAY-order-6",
                                                                          minorUnits: -1))
            XCTFail("a negative amount was accepted")
        } catch let error as AlipayPlusError where error.code == .validation {
            XCTAssertFalse(error.validationProblems.isEmpty)  // each names the field and the rule
        }
        let calls = await shop.simulator.callCount(path: PayRequest.path)
        XCTAssertEqual(calls, 0)
    }
}
