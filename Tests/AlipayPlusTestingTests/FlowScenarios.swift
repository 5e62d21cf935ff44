import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

/// The client and coordinator flows that run live and from committed cassettes.
///
/// Ids the API lets the merchant choose are fixed (paymentRequestId, refundRequestId), and time is a ``VirtualClock``
/// starting at the same instant, so a replay sends the same requests as the recording. Generated ids
/// (authState, referenceAgreementId) are ignored by the cassette matcher.
enum FlowScenarios {
    static let bindAndApplyToken = FlowScenario(name: "bind-apply-token") { context in
        let start = try await context.coordinator.beginBinding(for: ScenarioContext.user)
        XCTAssertEqual(start.prepareResponse.result.resultStatus, .success)
        let binding = try await context.coordinator.completeBinding(redirectURL: context.approve(start))
        XCTAssertEqual(binding.status, .active)
        XCTAssertEqual(binding.wallet?.walletBrandName, "AlipayHK")
        XCTAssertNotNil(binding.accessTokenExpiryTime)
        XCTAssertNotNil(binding.refreshToken)
        XCTAssertEqual(context.events.finishedOperations, ["prepare", "applyToken"])
        let stored = try await context.coordinator.bindings(for: ScenarioContext.user)
        XCTAssertEqual(stored.map(\.bindingId), [binding.bindingId])
    }

    static let chargeSucceeds = FlowScenario(name: "charge-success") { context in
        try await context.bind()
        guard case .succeeded(let payment) = try await context.charge("PAY-S-1", 599) else {
            return XCTFail("the charge did not succeed")
        }
        XCTAssertEqual(payment.state, .succeeded)
        XCTAssertEqual(payment.amount, ScenarioContext.hkd(599))
        XCTAssertNotNil(payment.paymentId)
        XCTAssertEqual(context.events.finishedOperations, ["prepare", "applyToken", "pay"])
        await context.ledger { ledger in
            XCTAssertEqual(ledger.payment("PAY-S-1")?.chargeCount, 1)
        }
    }

    static let chargeFails = FlowScenario(name: "charge-failure") { context in
        try await context.bind()
        await context.script(.fail(.userBalanceNotEnough), for: "PAY-F-1")
        guard case .failed(let code, let payment) = try await context.charge("PAY-F-1", 599) else {
            return XCTFail("the charge did not fail")
        }
        XCTAssertEqual(code, .userBalanceNotEnough)
        XCTAssertEqual(payment.state, .failed)
        XCTAssertEqual(context.events.finishedOperations, ["prepare", "applyToken", "pay"])
        await context.ledger { ledger in
            XCTAssertEqual(ledger.payment("PAY-F-1")?.chargeCount, 0)
        }
    }

    static let unknownThenInquirySucceeds = FlowScenario(name: "charge-unknown-inquiry-success") { context in
        try await context.bind()
        await context.script(.unknown(then: .succeed, afterInquiries: 3), for: "PAY-U-1")
        let before = context.clock.now
        guard case .succeeded = try await context.charge("PAY-U-1", 599) else {
            return XCTFail("the charge did not succeed after inquiries")
        }
        XCTAssertEqual(context.events.finishedOperations,
                       ["prepare", "applyToken", "pay", "inquiryPayment", "inquiryPayment", "inquiryPayment"])
        XCTAssertGreaterThanOrEqual(context.clock.now.timeIntervalSince(before), 9, "three 3 s waits")
        XCTAssertEqual(context.events.count(.paymentPending), 1)
        await context.ledger { ledger in
            XCTAssertEqual(ledger.payment("PAY-U-1")?.chargeCount, 1)
            XCTAssertEqual(ledger.payment("PAY-U-1")?.payCalls, 1)
        }
    }

    static let unknownThenCancel = FlowScenario(name: "charge-unknown-cancel") { context in
        try await context.bind()
        await context.script(.neverResolves, for: "PAY-C-1")
        let before = context.clock.now
        guard case .canceled(let payment) = try await context.charge("PAY-C-1", 599) else {
            return XCTFail("the charge was not canceled")
        }
        XCTAssertEqual(payment.state, .canceled)
        XCTAssertGreaterThanOrEqual(context.clock.now.timeIntervalSince(before), 60, "the whole inquiry window")
        let operations = context.events.finishedOperations
        XCTAssertEqual(operations.filter { $0 == "pay" }.count, 1, "a pay is never sent twice")
        XCTAssertGreaterThanOrEqual(operations.filter { $0 == "inquiryPayment" }.count, 19)
        XCTAssertEqual(operations.last, "cancelPayment")
        await context.ledger { ledger in
            XCTAssertEqual(ledger.payment("PAY-C-1")?.status, .cancelled)
            XCTAssertEqual(ledger.payment("PAY-C-1")?.chargeCount, 0)
        }
    }

    static let refund = FlowScenario(name: "refund") { context in
        try await context.bind()
        guard case .succeeded = try await context.charge("PAY-R-1", 1000) else { return XCTFail("charge") }
        let first = try await context.coordinator.refund(paymentRequestId: "PAY-R-1", amount: ScenarioContext.hkd(400),
                                                              refundRequestId: "REF-R-1")
        guard case .succeeded(let record) = first else { return XCTFail("first refund: \(first)") }
        XCTAssertEqual(record.state, .succeeded)
        XCTAssertNotNil(record.refundId)
        let rest = try await context.coordinator.refund(paymentRequestId: "PAY-R-1", amount: ScenarioContext.hkd(600),
                                                             refundRequestId: "REF-R-2")
        guard case .succeeded = rest else { return XCTFail("second refund: \(rest)") }
        XCTAssertEqual(context.events.finishedOperations, ["prepare", "applyToken", "pay", "refund", "refund"])
        await context.ledger { ledger in
            XCTAssertEqual(ledger.payment("PAY-R-1")?.refundedMinorUnits, 1000)
        }
    }

    static let refundOverLimit = FlowScenario(name: "refund-over-limit") { context in
        try await context.bind()
        guard case .succeeded = try await context.charge("PAY-RL-1", 500) else { return XCTFail("charge") }
        guard case .succeeded = try await context.coordinator.refund(
            paymentRequestId: "PAY-RL-1", amount: ScenarioContext.hkd(300), refundRequestId: "REF-RL-1") else { return XCTFail("refund") }
        do {
            _ = try await context.coordinator.refund(paymentRequestId: "PAY-RL-1", amount: ScenarioContext.hkd(201),
                                                        refundRequestId: "REF-RL-2")
            XCTFail("a refund above what is left was accepted")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .refundExceedsRemaining)
        }
        // Refused locally: no refund call after the first.
        XCTAssertEqual(context.events.finishedOperations, ["prepare", "applyToken", "pay", "refund"])
        await context.ledger { ledger in
            XCTAssertEqual(ledger.payment("PAY-RL-1")?.refundedMinorUnits, 300)
        }
    }

    static let tokenRefresh = FlowScenario(name: "token-refresh") { context in
        let binding = try await context.bind()
        // 55 of the token's 60 minutes pass: inside the 5-minute refresh margin.
        context.clock.advance(by: ScenarioContext.accessTokenLifetime - .seconds(5 * 60))
        guard case .succeeded = try await context.charge("PAY-T-1", 599) else { return XCTFail("charge") }
        XCTAssertEqual(context.events.finishedOperations, ["prepare", "applyToken", "applyToken", "pay"])
        XCTAssertEqual(context.events.count(.tokenRefreshed), 1)
        let refreshed = try await context.coordinator.bindings(for: ScenarioContext.user)
        XCTAssertEqual(refreshed.count, 1)
        XCTAssertNotEqual(refreshed.first?.accessToken, binding.accessToken)
        XCTAssertGreaterThan(refreshed.first?.accessTokenExpiryTime ?? .distantPast,
                             binding.accessTokenExpiryTime ?? .distantFuture)
    }

    static let unbind = FlowScenario(name: "unbind") { context in
        let binding = try await context.bind()
        try await context.coordinator.unbind(bindingId: binding.bindingId)
        let stored = try await context.coordinator.bindings(for: ScenarioContext.user)
        XCTAssertEqual(stored.first?.status, .removed)
        do {
            _ = try await context.charge("PAY-UB-1", 599)
            XCTFail("a removed binding was charged")
        } catch let error as AutoDebitError {
            XCTAssertEqual(error.code, .noActiveBinding)
        }
        XCTAssertEqual(context.events.finishedOperations, ["prepare", "applyToken", "cancelToken"])
    }

    /// The client alone: the same pay twice answers the same, a changed body under that id is refused.
    static let clientIdempotentPay = FlowScenario(name: "client-idempotent-pay") { context in
        let start = try await context.coordinator.beginBinding(for: ScenarioContext.user)
        let binding = try await context.coordinator.completeBinding(redirectURL: context.approve(start))
        let pay = Harness.payRequest("PAY-I-1", token: binding.accessToken, minor: 599)
        let first = try await context.client.send(pay)
        let again = try await context.client.send(pay)
        XCTAssertEqual(first.result.resultStatus, .success)
        XCTAssertEqual(again.result.resultStatus, .success)
        XCTAssertEqual(first.paymentId, again.paymentId)
        let changed = try await context.client.send(Harness.payRequest("PAY-I-1", token: binding.accessToken, minor: 600))
        XCTAssertEqual(changed.result.resultCode, .repeatReqInconsistent)
        XCTAssertEqual(changed.result.resultStatus, .failure)
        await context.ledger { ledger in
            XCTAssertEqual(ledger.payment("PAY-I-1")?.chargeCount, 1)
            XCTAssertEqual(ledger.payment("PAY-I-1")?.payCalls, 2, "the inconsistent repeat is refused, not booked")
        }
    }

    static let all = [
        bindAndApplyToken, chargeSucceeds, chargeFails, unknownThenInquirySucceeds, unknownThenCancel,
        refund, refundOverLimit, tokenRefresh, unbind, clientIdempotentPay,
    ]
}
