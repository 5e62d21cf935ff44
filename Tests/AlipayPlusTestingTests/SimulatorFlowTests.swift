import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

final class SimulatorFlowTests: XCTestCase {
    func testBindingIssuesTokensAndQueuesNotifications() async throws {
        let harness = try Harness()
        let tokens = try await harness.bind()
        XCTAssertEqual(tokens.result.resultStatus, .success)
        XCTAssertNotNil(tokens.accessToken)
        XCTAssertEqual(tokens.walletForAccountBinding?.walletBrandName, "AlipayHK")
        let pending = await harness.simulator.pendingNotificationNames
        XCTAssertEqual(pending, ["authNotify", "authNotify"])
    }

    func testPrepareIsIdempotentAndDetectsInconsistentRepeats() async throws {
        let harness = try Harness()
        let first = try await harness.client.send(Harness.prepareRequest())
        let again = try await harness.client.send(Harness.prepareRequest())
        XCTAssertEqual(first.normalUrl, again.normalUrl)
        var changed = Harness.prepareRequest()
        changed.authClientName = "Other Name"
        let inconsistent = try await harness.client.send(changed)
        XCTAssertEqual(inconsistent.result.resultCode, .repeatReqInconsistent)
    }

    func testRedirectFillsPlaceholders() async throws {
        let harness = try Harness()
        var request = Harness.prepareRequest()
        request.authRedirectUrl = "https://merchant.example/back/${authCode}?s=${authState}"
        let prepared = try await harness.client.send(request)
        let url = try await harness.simulator.approve(walletPageURL: XCTUnwrap(prepared.redirectURL(for: .web)))
        XCTAssertTrue(url.absoluteString.hasPrefix("https://merchant.example/back/SIMAC"), url.absoluteString)
        XCTAssertTrue(url.absoluteString.hasSuffix("?s=STATE-1"), url.absoluteString)
    }

    func testDenyReturnsNoAuthCode() async throws {
        let harness = try Harness()
        let prepared = try await harness.client.send(Harness.prepareRequest())
        let url = try await harness.simulator.deny(walletPageURL: XCTUnwrap(prepared.redirectURL(for: .web)))
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        XCTAssertNil(items.first { $0.name == "authCode" })
        XCTAssertEqual(items.first { $0.name == "authState" }?.value, "STATE-1")
    }

    func testAuthCodeIsSingleUseAndShortLived() async throws {
        let harness = try Harness()
        let prepared = try await harness.client.send(Harness.prepareRequest())
        let back = try await harness.simulator.approve(walletPageURL: XCTUnwrap(prepared.redirectURL(for: .web)))
        let code = try XCTUnwrap(URLComponents(url: back, resolvingAgainstBaseURL: false)?.queryItems?
            .first { $0.name == "authCode" }?.value)
        let apply = ApplyTokenRequest.authorizationCode(authClientId: Harness.authClientId, authCode: Secret(code))
        let first = try await harness.client.send(apply)
        XCTAssertEqual(first.result.resultStatus, .success)
        let second = try await harness.client.send(apply)
        XCTAssertEqual(second.result.resultCode, .usedCode)

        let other = try await harness.client.send(Harness.prepareRequest(agreement: "AGR-2", state: "S2"))
        let back2 = try await harness.simulator.approve(walletPageURL: XCTUnwrap(other.redirectURL(for: .web)))
        let code2 = try XCTUnwrap(URLComponents(url: back2, resolvingAgainstBaseURL: false)?.queryItems?
            .first { $0.name == "authCode" }?.value)
        harness.clock.advance(by: .seconds(601))
        let late = try await harness.client.send(
            ApplyTokenRequest.authorizationCode(authClientId: Harness.authClientId, authCode: Secret(code2)))
        XCTAssertEqual(late.result.resultCode, .expiredCode)
    }

    func testRefreshInvalidatesTheOldPair() async throws {
        let harness = try Harness()
        let old = try await harness.bind()
        let refreshed = try await harness.client.send(
            ApplyTokenRequest.refreshToken(authClientId: Harness.authClientId, refreshToken: XCTUnwrap(old.refreshToken)))
        XCTAssertEqual(refreshed.result.resultStatus, .success)
        XCTAssertNotEqual(refreshed.accessToken, old.accessToken)

        let reuse = try await harness.client.send(
            ApplyTokenRequest.refreshToken(authClientId: Harness.authClientId, refreshToken: XCTUnwrap(old.refreshToken)))
        XCTAssertEqual(reuse.result.resultCode, .invalidRefreshToken)
        let oldPay = try await harness.client.send(Harness.payRequest("PAY-OLD", token: XCTUnwrap(old.accessToken)))
        XCTAssertEqual(oldPay.result.resultCode, .invalidToken)
        let newPay = try await harness.client.send(Harness.payRequest("PAY-NEW", token: XCTUnwrap(refreshed.accessToken)))
        XCTAssertEqual(newPay.result.resultStatus, .success)
    }

    func testExpiredTokens() async throws {
        let harness = try Harness(configure: { $0.accessTokenLifetime = .seconds(100); $0.refreshTokenLifetime = .seconds(200) })
        let tokens = try await harness.bind()
        harness.clock.advance(by: .seconds(150))
        let pay = try await harness.client.send(Harness.payRequest("PAY-1", token: XCTUnwrap(tokens.accessToken)))
        XCTAssertEqual(pay.result.resultCode, .expiredAccessToken)
        harness.clock.advance(by: .seconds(100))
        let refresh = try await harness.client.send(
            ApplyTokenRequest.refreshToken(authClientId: Harness.authClientId, refreshToken: XCTUnwrap(tokens.refreshToken)))
        XCTAssertEqual(refresh.result.resultCode, .expiredRefreshToken)
    }

    func testCancelTokenIsIdempotentAndQueuesTokenCanceledOnce() async throws {
        let harness = try Harness(configure: { $0.sendsTokenCreatedNotification = false })
        let tokens = try await harness.bind()
        let cancel = CancelTokenRequest(accessToken: try XCTUnwrap(tokens.accessToken), authClientId: Harness.authClientId)
        let first = try await harness.client.send(cancel)
        let second = try await harness.client.send(cancel)
        XCTAssertEqual(first.result.resultStatus, .success)
        XCTAssertEqual(second.result.resultStatus, .success)
        let pending = await harness.simulator.pendingNotificationNames
        XCTAssertEqual(pending, ["authNotify", "authNotify"])  // AUTHCODE_CREATED, TOKEN_CANCELED
        let pay = try await harness.client.send(Harness.payRequest("PAY-1", token: XCTUnwrap(tokens.accessToken)))
        XCTAssertEqual(pay.result.resultCode, .invalidToken)
    }

    func testPayIdempotencyAndRepeatReqInconsistent() async throws {
        let harness = try Harness()
        let bound = try await harness.bind()
        let token = try XCTUnwrap(bound.accessToken)
        let first = try await harness.client.send(Harness.payRequest("PAY-1", token: token))
        let repeated = try await harness.client.send(Harness.payRequest("PAY-1", token: token))
        XCTAssertEqual(first, repeated)
        let inconsistent = try await harness.client.send(Harness.payRequest("PAY-1", token: token, minor: 600))
        XCTAssertEqual(inconsistent.result.resultCode, .repeatReqInconsistent)
        let ledger = await harness.simulator.ledger
        XCTAssertEqual(ledger.payment("PAY-1")?.chargeCount, 1)
        XCTAssertEqual(ledger.payment("PAY-1")?.payCalls, 2)
        let violations = await harness.simulator.assertInvariants()
        XCTAssertEqual(violations, [])
    }

    func testScriptedFailureForEachDocumentedCode() async throws {
        let harness = try Harness()
        let bound = try await harness.bind()
        let token = try XCTUnwrap(bound.accessToken)
        let codes: [ResultCode] = [.userBalanceNotEnough, .riskReject, .paymentAmountExceedLimit, .userAmountExceedLimit,
                                   .paymentCountExceedLimit, .userStatusAbnormal, .userNotExist, .invalidToken,
                                   .unavailablePaymentMethod, .orderIsClosed, .merchantNotRegistered, .currencyNotSupport]
        for (index, code) in codes.enumerated() {
            await harness.simulator.script(.fail(code), forPaymentRequestId: "PAY-F\(index)")
            let response = try await harness.client.send(Harness.payRequest("PAY-F\(index)", token: token))
            XCTAssertEqual(response.result.resultCode, code)
            XCTAssertEqual(response.result.resultStatus, .failure)
        }
        let charged = await harness.simulator.ledger.payments.map(\.chargeCount).reduce(0, +)
        XCTAssertEqual(charged, 0)
    }

    func testUnknownResolvesAfterInquiries() async throws {
        let harness = try Harness()
        let bound = try await harness.bind()
        let token = try XCTUnwrap(bound.accessToken)
        await harness.simulator.scriptNextPay(.unknown(then: .succeed, afterInquiries: 3))
        let pay = try await harness.client.send(Harness.payRequest("PAY-U", token: token))
        XCTAssertEqual(pay.result.resultCode, .paymentInProcess)
        XCTAssertEqual(pay.result.resultStatus, .unknown)
        var statuses: [ResultStatus?] = []
        for _ in 0..<3 {
            statuses.append(try await harness.client.send(InquiryPaymentRequest(paymentRequestId: "PAY-U")).paymentResult?.resultStatus)
        }
        XCTAssertEqual(statuses, [.unknown, .unknown, .success])
        let entry = await harness.simulator.ledger.payment("PAY-U")
        XCTAssertEqual(entry?.status, .succeeded)
        XCTAssertEqual(entry?.chargeCount, 1)
    }

    func testNeverResolvesUntilCancelledAndCancelReversesPaid() async throws {
        let harness = try Harness()
        let bound = try await harness.bind()
        let token = try XCTUnwrap(bound.accessToken)
        await harness.simulator.scriptNextPay(.neverResolves)
        _ = try await harness.client.send(Harness.payRequest("PAY-N", token: token))
        for _ in 0..<25 {
            let inquiry = try await harness.client.send(InquiryPaymentRequest(paymentRequestId: "PAY-N"))
            XCTAssertEqual(inquiry.paymentResult?.resultStatus, .unknown)
        }
        let cancel = try await harness.client.send(CancelPaymentRequest(paymentRequestId: "PAY-N"))
        XCTAssertEqual(cancel.result.resultStatus, .success)
        let again = try await harness.client.send(CancelPaymentRequest(paymentRequestId: "PAY-N"))
        XCTAssertEqual(again.result.resultStatus, .success)

        _ = try await harness.client.send(Harness.payRequest("PAY-S", token: token))
        _ = try await harness.client.send(CancelPaymentRequest(paymentRequestId: "PAY-S"))
        let ledger = await harness.simulator.ledger
        XCTAssertEqual(ledger.payment("PAY-N")?.status, .cancelled)
        XCTAssertEqual(ledger.payment("PAY-N")?.chargeCount, 0)
        XCTAssertEqual(ledger.payment("PAY-N")?.cancellations, 2)
        XCTAssertEqual(ledger.payment("PAY-S")?.reversed, true)
    }

    func testCancelBeforePayClosesTheId() async throws {
        let harness = try Harness()
        let bound = try await harness.bind()
        let token = try XCTUnwrap(bound.accessToken)
        let cancel = try await harness.client.send(CancelPaymentRequest(paymentRequestId: "PAY-LATE"))
        XCTAssertEqual(cancel.result.resultCode, .orderNotExist)
        let late = try await harness.client.send(Harness.payRequest("PAY-LATE", token: token))
        XCTAssertEqual(late.result.resultCode, .orderIsClosed)
    }

    func testRefundLimitsAndIdempotency() async throws {
        let harness = try Harness()
        let bound = try await harness.bind()
        let token = try XCTUnwrap(bound.accessToken)
        _ = try await harness.client.send(Harness.payRequest("PAY-R", token: token, minor: 1000))
        let hkd = { (minor: Int64) in Amount(currency: "HKD", minorUnits: minor) }
        let first = try await harness.client.send(RefundRequest(paymentRequestId: "PAY-R", refundRequestId: "R1", refundAmount: hkd(600)))
        XCTAssertEqual(first.result.resultStatus, .success)
        let repeated = try await harness.client.send(RefundRequest(paymentRequestId: "PAY-R", refundRequestId: "R1", refundAmount: hkd(600)))
        XCTAssertEqual(first, repeated)
        let inconsistent = try await harness.client.send(RefundRequest(paymentRequestId: "PAY-R", refundRequestId: "R1", refundAmount: hkd(500)))
        XCTAssertEqual(inconsistent.result.resultCode, .repeatReqInconsistent)
        let tooMuch = try await harness.client.send(RefundRequest(paymentRequestId: "PAY-R", refundRequestId: "R2", refundAmount: hkd(401)))
        XCTAssertEqual(tooMuch.result.resultCode, "REFUND_AMOUNT_EXCEED")
        let rest = try await harness.client.send(RefundRequest(paymentRequestId: "PAY-R", refundRequestId: "R3", refundAmount: hkd(400)))
        XCTAssertEqual(rest.result.resultStatus, .success)

        await harness.simulator.scriptNextPay(.fail(.userBalanceNotEnough))
        _ = try await harness.client.send(Harness.payRequest("PAY-F", token: token))
        let unpaid = try await harness.client.send(RefundRequest(paymentRequestId: "PAY-F", refundRequestId: "R4", refundAmount: hkd(1)))
        XCTAssertEqual(unpaid.result.resultCode, "ORDER_STATUS_INVALID")

        let ledger = await harness.simulator.ledger
        XCTAssertEqual(ledger.payment("PAY-R")?.refundedMinorUnits, 1000)
        XCTAssertEqual(ledger.payment("PAY-R")?.refunds.map(\.calls), [2, 1])
        let violations = await harness.simulator.assertInvariants()
        XCTAssertEqual(violations, [])
    }
}
