@testable import AlipayPlus
import AlipayPlusModels
import Foundation
import XCTest

/// The resolution rules as tables of (state reached by the given events, event) → action.
final class PaymentResolutionTests: XCTestCase {
    // MARK: Fixture

    /// Seconds after the payment's intent was stored.
    private static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    private static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    private static let policy = PaymentResolution.Policy(
        inquiryInterval: .seconds(3), inquiryWindow: .seconds(60), cancelAttempts: 3, cancelRetryDelay: .seconds(5)
    )
    private static let amount = Amount(currency: "HKD", minorUnits: 99_900)

    private static func payment(_ state: PaymentRecord.State) -> PaymentRecord {
        PaymentRecord(paymentRequestId: "PAY-1", merchantUserId: "user-1", bindingId: "BND-1", amount: amount,
                      referenceOrderId: "ORDER-1", state: state, createdAt: t0)
    }

    /// One event, with its time in seconds after `t0`.
    private enum Event: CustomStringConvertible {
        typealias Outer = PaymentResolutionTests
        case started(PaymentRecord.State, at: Double)
        case pay(PayVerdict, at: Double)
        case stored(PaymentRecord.State)
        case timer(at: Double)
        case inquiry(InquiryVerdict, at: Double)
        case cancel(CancelVerdict, at: Double)
        case merchantCancel

        func send(to machine: inout PaymentResolution) -> PaymentResolution.Action {
            switch self {
            case .started(let state, let time): machine.started(payment: Outer.payment(state), now: Outer.at(time))
            case .pay(let verdict, let time): machine.payAnswered(verdict, payment: Outer.payment(.created), now: Outer.at(time))
            case .stored(let state): machine.storeChanged(Outer.payment(state))
            case .timer(let time): machine.timerFired(now: Outer.at(time))
            case .inquiry(let verdict, let time): machine.inquiryAnswered(verdict, now: Outer.at(time))
            case .cancel(let verdict, let time): machine.cancelAnswered(verdict, now: Outer.at(time))
            case .merchantCancel: machine.cancelRequested()
            }
        }

        var description: String {
            switch self {
            case .started(let state, let time): "started(\(state.rawValue)@\(time))"
            case .pay(let verdict, let time): "pay(\(verdict)@\(time))"
            case .stored(let state): "stored(\(state.rawValue))"
            case .timer(let time): "timer@\(time)"
            case .inquiry(let verdict, let time): "inquiry(\(verdict)@\(time))"
            case .cancel(let verdict, let time): "cancel(\(verdict)@\(time))"
            case .merchantCancel: "merchantCancel"
            }
        }
    }

    private struct Row {
        var rule: String
        var given: [Event]
        var event: Event
        var expected: PaymentResolution.Action
    }

    /// Runs each row on a fresh machine; the failure names the row and the path that led there.
    private func check(_ rows: [Row], file: StaticString = #filePath, line: UInt = #line) {
        for row in rows {
            var machine = PaymentResolution(policy: Self.policy)
            for event in row.given { _ = event.send(to: &machine) }
            let action = row.event.send(to: &machine)
            XCTAssertEqual(action, row.expected,
                           "rule: \(row.rule); after \(row.given.map(\.description)) then \(row.event)",
                           file: file, line: line)
        }
    }

    private static let unknown = InquiryVerdict.stillUnknown(.paymentInProcess)
    /// Brings the machine to "inquiring" for the first inquiry, sent at 3 s.
    private static let firstInquiry: [Event] = [.started(.pending, at: 0), .timer(at: 3), .stored(.pending)]
    /// Brings the machine to "cancelling" after the window: 20 unknown inquiries, then the mark.
    private static let cancelling: [Event] = [.started(.cancelRequested, at: 0)]
    private static let markCancel = PaymentResolution.Action.apply(.cancelRequested(mayCancelSuccess: false))

    // MARK: The loop's rules

    func testAStoredPaymentStartsAsItsStateSays() {
        check([
            Row(rule: "an unfinished payment waits one interval before its first inquiry",
                given: [], event: .started(.created, at: 0), expected: .wait(until: Self.at(3))),
            Row(rule: "a pending payment waits one interval before its first inquiry",
                given: [], event: .started(.pending, at: 0), expected: .wait(until: Self.at(3))),
            Row(rule: "a succeeded payment finishes at once",
                given: [], event: .started(.succeeded, at: 0),
                expected: .finish(.succeeded(Self.payment(.succeeded)))),
            Row(rule: "a failed payment finishes at once",
                given: [], event: .started(.failed, at: 0),
                expected: .finish(.failed("UNKNOWN", Self.payment(.failed)))),
            Row(rule: "a cancelled payment finishes at once",
                given: [], event: .started(.canceled, at: 0), expected: .finish(.canceled(Self.payment(.canceled)))),
            Row(rule: "a payment whose cancel was requested is cancelled at once, without inquiry",
                given: [], event: .started(.cancelRequested, at: 0), expected: .sendCancel),
            Row(rule: "the window counts from the resolution's start: a resolution started late still inquires",
                given: [], event: .started(.pending, at: 500), expected: .wait(until: Self.at(503))),
            Row(rule: "a second start changes nothing",
                given: [.started(.pending, at: 0)], event: .started(.cancelRequested, at: 1), expected: .keepWaiting),
        ])
    }

    func testEachInquiryRereadsThePaymentFirst() {
        let waiting: [Event] = [.started(.pending, at: 0)]
        check([
            Row(rule: "a timer before its time re-arms the same wait",
                given: waiting, event: .timer(at: 2), expected: .wait(until: Self.at(3))),
            Row(rule: "the timer reads the stored payment before inquiring",
                given: waiting, event: .timer(at: 3), expected: .readPayment),
            Row(rule: "a payment still unfinished is inquired",
                given: waiting + [.timer(at: 3)], event: .stored(.pending), expected: .sendInquiry),
            Row(rule: "a payment a notification settled meanwhile finishes without inquiry",
                given: waiting + [.timer(at: 3)], event: .stored(.succeeded),
                expected: .finish(.succeeded(Self.payment(.succeeded)))),
            Row(rule: "a payment the merchant asked to cancel meanwhile is cancelled without inquiry",
                given: waiting + [.timer(at: 3)], event: .stored(.cancelRequested), expected: .sendCancel),
            Row(rule: "a notification that settles the payment while it waits finishes it",
                given: waiting, event: .stored(.failed), expected: .finish(.failed("UNKNOWN", Self.payment(.failed)))),
            Row(rule: "a record read while it waits that is still unfinished changes nothing",
                given: waiting, event: .stored(.pending), expected: .keepWaiting),
            Row(rule: "a timer while the inquiry is on its way changes nothing",
                given: Self.firstInquiry, event: .timer(at: 9), expected: .keepWaiting),
        ])
    }

    func testInquiryVerdictsDecideTheNextStep() {
        check([
            Row(rule: "paymentResult S is applied as a success",
                given: Self.firstInquiry, event: .inquiry(.paid(paymentId: "2026X", paymentTime: Self.at(2)), at: 3),
                expected: .apply(.succeeded(paymentId: "2026X", paymentTime: Self.at(2)))),
            Row(rule: "paymentResult F is applied as a failure with its code",
                given: Self.firstInquiry, event: .inquiry(.failed(.userBalanceNotEnough), at: 3),
                expected: .apply(.failed(.userBalanceNotEnough))),
            Row(rule: "paymentResult U inquires again after one interval",
                given: Self.firstInquiry, event: .inquiry(Self.unknown, at: 3.5), expected: .wait(until: Self.at(6.5))),
            Row(rule: "ORDER_NOT_EXIST inquires again: a pay may still arrive",
                given: Self.firstInquiry, event: .inquiry(.notFound, at: 3), expected: .wait(until: Self.at(6))),
            Row(rule: "an answer that tells nothing inquires again",
                given: Self.firstInquiry, event: .inquiry(.answerFailed(reason: "HTTP 403"), at: 3),
                expected: .wait(until: Self.at(6))),
            Row(rule: "once the window has passed the payment is marked cancelRequested",
                given: [.started(.pending, at: 0), .timer(at: 60), .stored(.pending)],
                event: .inquiry(Self.unknown, at: 60), expected: Self.markCancel),
            Row(rule: "just inside the window another inquiry follows",
                given: [.started(.pending, at: 0), .timer(at: 57), .stored(.pending)],
                event: .inquiry(.answerFailed(reason: "timeout"), at: 59.9), expected: .wait(until: Self.at(62.9))),
            Row(rule: "the applied success is final",
                given: Self.firstInquiry + [.inquiry(.paid(paymentId: nil, paymentTime: nil), at: 3)],
                event: .stored(.succeeded), expected: .finish(.succeeded(Self.payment(.succeeded)))),
            Row(rule: "the applied failure is final",
                given: Self.firstInquiry + [.inquiry(.failed(.riskReject), at: 3)],
                event: .stored(.failed), expected: .finish(.failed("UNKNOWN", Self.payment(.failed)))),
            Row(rule: "a success applied to a payment whose cancel was requested meanwhile: the cancel wins",
                given: Self.firstInquiry + [.inquiry(.paid(paymentId: nil, paymentTime: nil), at: 3)],
                event: .stored(.cancelRequested), expected: .sendCancel),
            Row(rule: "an inquiry answer nobody asked for changes nothing",
                given: [.started(.pending, at: 0)], event: .inquiry(.failed(.riskReject), at: 1), expected: .keepWaiting),
        ])
    }

    func testTheMarkBeforeCancellingHonoursWhatTheStoreSays() {
        let marking: [Event] = [.started(.pending, at: 0), .timer(at: 60), .stored(.pending), .inquiry(Self.unknown, at: 60)]
        check([
            Row(rule: "once marked cancelRequested the cancel is sent",
                given: marking, event: .stored(.cancelRequested), expected: .sendCancel),
            Row(rule: "a success that landed before the mark stands (the mark never cancels a success)",
                given: marking, event: .stored(.succeeded), expected: .finish(.succeeded(Self.payment(.succeeded)))),
        ])
        var machine = PaymentResolution(policy: .init(inquiryInterval: .seconds(3), inquiryWindow: .zero,
                                                      cancelAttempts: 3, cancelRetryDelay: .seconds(3)))
        XCTAssertEqual(machine.started(payment: Self.payment(.pending), now: Self.at(0)), Self.markCancel,
                       "rule: a window of zero cancels at once")
    }

    func testCancelVerdictsDecideTheNextStep() {
        check([
            Row(rule: "a confirmed cancel is applied", given: Self.cancelling, event: .cancel(.confirmed, at: 1),
                expected: .apply(.canceled)),
            Row(rule: "the applied cancel is final", given: Self.cancelling + [.cancel(.confirmed, at: 1)],
                event: .stored(.canceled), expected: .finish(.canceled(Self.payment(.canceled)))),
            Row(rule: "ORDER_NOT_EXIST while a pay may still arrive is sent again after the delay",
                given: Self.cancelling, event: .cancel(.orderNotExist, at: 59), expected: .wait(until: Self.at(64))),
            Row(rule: "ORDER_NOT_EXIST once no pay can arrive (createdAt + window) confirms the cancel",
                given: Self.cancelling, event: .cancel(.orderNotExist, at: 60), expected: .apply(.canceled)),
            Row(rule: "a declined cancel is sent again after the delay",
                given: Self.cancelling, event: .cancel(.declined(.cancelWindowExceed), at: 1),
                expected: .wait(until: Self.at(6))),
            Row(rule: "a failed cancel call is sent again after the delay",
                given: Self.cancelling, event: .cancel(.answerFailed(reason: "HTTP 502"), at: 1),
                expected: .wait(until: Self.at(6))),
            Row(rule: "the cancel is resent when its delay has passed",
                given: Self.cancelling + [.cancel(.declined(.processFail), at: 1)], event: .timer(at: 6),
                expected: .sendCancel),
            Row(rule: "the last allowed attempt gives up with what kept failing",
                given: Self.cancelling + [.cancel(.declined(.processFail), at: 1), .timer(at: 6),
                                          .cancel(.answerFailed(reason: "x"), at: 6), .timer(at: 11)],
                event: .cancel(.answerFailed(reason: "the answer's signature does not verify"), at: 11),
                expected: .giveUp(reason: "Alipay+ has not confirmed the cancel after 3 attempts; last failure: "
                    + "the answer's signature does not verify")),
            Row(rule: "ORDER_NOT_EXIST inside the window is not a failed attempt",
                given: Self.cancelling + [.cancel(.orderNotExist, at: 1), .timer(at: 6), .cancel(.orderNotExist, at: 6),
                                          .timer(at: 11), .cancel(.declined(.accessDenied), at: 11), .timer(at: 16),
                                          .cancel(.declined(.accessDenied), at: 16), .timer(at: 21)],
                event: .cancel(.orderNotExist, at: 21), expected: .wait(until: Self.at(26))),
            Row(rule: "a cancel answer nobody asked for changes nothing",
                given: [.started(.pending, at: 0)], event: .cancel(.confirmed, at: 1), expected: .keepWaiting),
            Row(rule: "after giving up nothing changes",
                given: Self.cancelling + [.cancel(.declined(.processFail), at: 1), .timer(at: 6),
                                          .cancel(.declined(.processFail), at: 6), .timer(at: 11),
                                          .cancel(.declined(.processFail), at: 11)],
                event: .timer(at: 100), expected: .keepWaiting),
        ])
        var once = PaymentResolution(policy: .init(inquiryInterval: .seconds(3), inquiryWindow: .seconds(60),
                                                   cancelAttempts: 0, cancelRetryDelay: .seconds(3)))
        _ = once.started(payment: Self.payment(.cancelRequested), now: Self.at(0))
        XCTAssertEqual(once.cancelAnswered(.declined(.processFail), now: Self.at(1)),
                       .giveUp(reason: "Alipay+ has not confirmed the cancel after 1 attempt; last failure: "
                           + "cancelPayment was declined with PROCESS_FAIL"),
                       "rule: at least one cancel attempt is made whatever cancelAttempts says")
    }

    func testAMerchantCancelTurnsTheResolutionToCancelling() {
        check([
            Row(rule: "a cancel requested while waiting to inquire is sent at once",
                given: [.started(.pending, at: 0)], event: .merchantCancel, expected: .sendCancel),
            Row(rule: "a cancel requested while the inquiry is on its way waits for its answer",
                given: Self.firstInquiry, event: .merchantCancel, expected: .keepWaiting),
            Row(rule: "after that answer (still unknown) the cancel follows instead of another inquiry",
                given: Self.firstInquiry + [.merchantCancel], event: .inquiry(Self.unknown, at: 3),
                expected: Self.markCancel),
            Row(rule: "a success answered meanwhile is still applied (recorded, then the cancel wins)",
                given: Self.firstInquiry + [.merchantCancel],
                event: .inquiry(.paid(paymentId: "P", paymentTime: nil), at: 3),
                expected: .apply(.succeeded(paymentId: "P", paymentTime: nil))),
            Row(rule: "a success stored after the merchant's cancel was signalled is read again before it is reported",
                given: Self.firstInquiry + [.merchantCancel, .inquiry(.paid(paymentId: "P", paymentTime: nil), at: 3)],
                event: .stored(.succeeded), expected: .readPayment),
            Row(rule: "the read shows the merchant's cancel turned the success to cancelRequested: cancel it",
                given: Self.firstInquiry + [.merchantCancel, .inquiry(.paid(paymentId: "P", paymentTime: nil), at: 3),
                                            .stored(.succeeded)],
                event: .stored(.cancelRequested), expected: .sendCancel),
            Row(rule: "the read shows the success stands: report it",
                given: Self.firstInquiry + [.merchantCancel, .inquiry(.paid(paymentId: "P", paymentTime: nil), at: 3),
                                            .stored(.succeeded)],
                event: .stored(.succeeded), expected: .finish(.succeeded(Self.payment(.succeeded)))),
            Row(rule: "a cancelRequested record seen while the inquiry is on its way cancels after its answer",
                given: Self.firstInquiry + [.stored(.cancelRequested)], event: .inquiry(.notFound, at: 3),
                expected: Self.markCancel),
            Row(rule: "a cancel requested while reading cancels instead of inquiring",
                given: [.started(.pending, at: 0), .timer(at: 3), .merchantCancel], event: .stored(.pending),
                expected: Self.markCancel),
            Row(rule: "a cancel requested while cancelling changes nothing",
                given: Self.cancelling, event: .merchantCancel, expected: .keepWaiting),
            Row(rule: "a cancel requested after the end changes nothing",
                given: [.started(.succeeded, at: 0)], event: .merchantCancel, expected: .keepWaiting),
        ])
    }

    func testThePayAnswerStartsTheResolution() {
        check([
            Row(rule: "a paid pay is applied as a success",
                given: [], event: .pay(.paid(paymentId: "P", paymentTime: Self.at(0)), at: 0),
                expected: .apply(.succeeded(paymentId: "P", paymentTime: Self.at(0)))),
            Row(rule: "the applied success is final",
                given: [.pay(.paid(paymentId: nil, paymentTime: nil), at: 0)], event: .stored(.succeeded),
                expected: .finish(.succeeded(Self.payment(.succeeded)))),
            Row(rule: "a success for a payment the merchant cancelled meanwhile: the cancel wins",
                given: [.pay(.paid(paymentId: nil, paymentTime: nil), at: 0)], event: .stored(.cancelRequested),
                expected: .sendCancel),
            Row(rule: "a declined pay is applied as a failure with its code",
                given: [], event: .pay(.failed(.expiredAccessToken), at: 0), expected: .apply(.failed(.expiredAccessToken))),
            Row(rule: "a pay that never left is stored as failed REQUEST_NOT_SENT",
                given: [], event: .pay(.notSent(reason: "connection refused"), at: 0),
                expected: .apply(.failed("REQUEST_NOT_SENT"))),
            Row(rule: "a pay that may have been taken is marked pending",
                given: [], event: .pay(.unknown(reason: "HTTP 403"), at: 0), expected: .apply(.outcomeUnknown)),
            Row(rule: "then inquired after one interval",
                given: [.pay(.unknown(reason: "timeout"), at: 8)], event: .stored(.pending), expected: .wait(until: Self.at(11))),
            Row(rule: "unless a notification settled it first",
                given: [.pay(.unknown(reason: "timeout"), at: 8)], event: .stored(.succeeded),
                expected: .finish(.succeeded(Self.payment(.succeeded)))),
            Row(rule: "or the merchant asked to cancel it",
                given: [.pay(.unknown(reason: "timeout"), at: 8)], event: .stored(.cancelRequested), expected: .sendCancel),
        ])
    }

    // MARK: Whole runs

    /// Drives the machine as a runner would, answering every inquiry and cancel with the given verdicts.
    private func run(
        _ machine: inout PaymentResolution, start: PaymentRecord.State, inquiry: InquiryVerdict, cancel: CancelVerdict,
        limit: Int = 1_000
    ) -> (action: PaymentResolution.Action, inquiries: Int, cancels: Int) {
        var now = Self.at(0)
        var state = start
        var inquiries = 0, cancels = 0
        var action = machine.started(payment: Self.payment(state), now: now)
        for _ in 0..<limit {
            switch action {
            case .wait(let until):
                now = until
                action = machine.timerFired(now: now)
            case .readPayment:
                action = machine.storeChanged(Self.payment(state))
            case .sendInquiry:
                inquiries += 1
                action = machine.inquiryAnswered(inquiry, now: now)
            case .sendCancel:
                cancels += 1
                action = machine.cancelAnswered(cancel, now: now)
            case .apply(let transition):
                var record = Self.payment(state)
                _ = transition.apply(to: &record, at: now)
                state = record.state
                action = machine.storeChanged(record)
            case .finish, .giveUp, .keepWaiting:
                return (action, inquiries, cancels)
            }
        }
        XCTFail("the resolution did not end within \(limit) actions")
        return (action, inquiries, cancels)
    }

    func testAnUnknownPaymentIsInquiredTwentyTimesThenCancelled() {
        var machine = PaymentResolution(policy: Self.policy)
        let result = run(&machine, start: .pending, inquiry: Self.unknown, cancel: .confirmed)
        XCTAssertEqual(result.inquiries, 20, "every 3 s for up to 60 s, the first after one interval")
        XCTAssertEqual(result.cancels, 1)
        guard case .finish(.canceled(let record)) = result.action else {
            return XCTFail("expected a confirmed cancel, got \(result.action)")
        }
        XCTAssertEqual(record.state, .canceled)
    }

    func testAnUnresolvedResolutionSaysWhatKeptFailing() {
        var machine = PaymentResolution(policy: Self.policy)
        let signature = "cancelPayment failed: AlipayPlusError.signature: the answer's signature does not verify"
        let result = run(&machine, start: .pending, inquiry: .answerFailed(reason: "inquiryPayment failed: signature"),
                         cancel: .answerFailed(reason: signature))
        XCTAssertEqual(result.inquiries, 20)
        XCTAssertEqual(result.cancels, 3)
        XCTAssertEqual(result.action, .giveUp(reason: "Alipay+ has not confirmed the cancel after 3 attempts; "
            + "last failure: \(signature)"))
        XCTAssertEqual(machine.lastFailure, signature)
        XCTAssertEqual(machine.failedCancelAttempts, 3)
    }

    func testAnAnswerAboutAnotherPaymentNeverSettlesIt() {
        var machine = PaymentResolution(policy: Self.policy)
        var other = InquiryPaymentResponse(result: .success, paymentResult: .success)
        other.paymentRequestId = "PAY-OLD"
        other.paymentAmount = Amount(currency: "HKD", minorUnits: 1)
        let verdict = InquiryVerdict(answer: other, about: Self.payment(.pending))
        let result = run(&machine, start: .pending, inquiry: verdict, cancel: .confirmed)
        XCTAssertEqual(result.inquiries, 20)
        guard case .finish(.canceled) = result.action else { return XCTFail("expected a cancel, got \(result.action)") }
    }

    // MARK: Verdicts from the wire, every code the spec names

    private struct AnswerRow {
        var code: ResultCode
        var status: ResultStatus
    }

    /// The pay (Auto Debit) result codes of the spec (§3.4) and the common protocol codes (§4).
    private static let payCodes: [AnswerRow] = [
        AnswerRow(code: .success, status: .success),
        AnswerRow(code: .paymentInProcess, status: .unknown),
        AnswerRow(code: .unknownException, status: .unknown),
        AnswerRow(code: .requestTrafficExceedLimit, status: .unknown),
    ] + definiteFailures.map { AnswerRow(code: $0, status: .failure) }

    private static let definiteFailures: [ResultCode] = [
        .orderIsClosed, .paymentAmountExceedLimit, .userAmountExceedLimit, .paymentCountExceedLimit, .invalidToken,
        .invalidAccessToken, .expiredAccessToken, .userBalanceNotEnough, .userNotExist, .userStatusAbnormal,
        .userKYCNotQualified, .riskReject, .unavailablePaymentMethod, .userPaymentVerificationFailed,
        .merchantNotRegistered, .merchantKYBNotQualified, .invalidContract, .businessNotSupport, .currencyNotSupport,
        .repeatReqInconsistent, .paramIllegal, .processFail, .accessDenied, .invalidAPI, .invalidClient,
        .invalidSignature, .keyNotFound, .methodNotSupported, .mediaTypeNotAcceptable,
    ]

    func testEveryPayResultCodeLeadsToItsAction() {
        for row in Self.payCodes {
            let answer = PayResponse(result: APIResult(resultCode: row.code, resultStatus: row.status), paymentId: "P")
            let verdict = PayVerdict(answer: answer, about: Self.payment(.created))
            var machine = PaymentResolution(policy: Self.policy)
            let action = machine.payAnswered(verdict, payment: Self.payment(.created), now: Self.at(0))
            let expected: PaymentResolution.Action = switch row.status {
            case .success: .apply(.succeeded(paymentId: "P", paymentTime: nil))
            case .failure: .apply(.failed(row.code))
            default: .apply(.outcomeUnknown)
            }
            XCTAssertEqual(action, expected, "pay answered \(row.status.rawValue) \(row.code)")
        }
    }

    func testEveryInquiryPaymentResultCodeLeadsToItsAction() {
        for row in Self.payCodes {
            var answer = InquiryPaymentResponse(result: .success,
                                                paymentResult: APIResult(resultCode: row.code, resultStatus: row.status))
            answer.paymentRequestId = "PAY-1"
            answer.paymentAmount = Self.amount
            answer.paymentId = "P"
            var machine = PaymentResolution(policy: Self.policy)
            for event in Self.firstInquiry { _ = event.send(to: &machine) }
            let action = machine.inquiryAnswered(InquiryVerdict(answer: answer, about: Self.payment(.pending)),
                                                 now: Self.at(3))
            let expected: PaymentResolution.Action = switch row.status {
            case .success: .apply(.succeeded(paymentId: "P", paymentTime: nil))
            case .failure: .apply(.failed(row.code))
            default: .wait(until: Self.at(6))
            }
            XCTAssertEqual(action, expected, "inquiry's paymentResult \(row.status.rawValue) \(row.code)")
        }
    }

    func testEveryInquiryCallResultOtherThanSuccessInquiresAgain() {
        let rows: [AnswerRow] = [
            AnswerRow(code: .orderNotExist, status: .failure),
            AnswerRow(code: .unknownException, status: .unknown),
            AnswerRow(code: .requestTrafficExceedLimit, status: .unknown),
        ] + [ResultCode.accessDenied, .invalidAPI, .invalidClient, .invalidSignature, .keyNotFound, .methodNotSupported,
             .mediaTypeNotAcceptable, .paramIllegal, .processFail, .repeatReqInconsistent]
            .map { AnswerRow(code: $0, status: .failure) }
        for row in rows {
            let answer = InquiryPaymentResponse(result: APIResult(resultCode: row.code, resultStatus: row.status))
            let verdict = InquiryVerdict(answer: answer, about: Self.payment(.pending))
            XCTAssertEqual(verdict, row.code == .orderNotExist ? .notFound
                : .answerFailed(reason: "inquiryPayment answered \(row.status.rawValue) \(row.code)"),
                "inquiry answered \(row.status.rawValue) \(row.code)")
            var machine = PaymentResolution(policy: Self.policy)
            for event in Self.firstInquiry { _ = event.send(to: &machine) }
            XCTAssertEqual(machine.inquiryAnswered(verdict, now: Self.at(3)), .wait(until: Self.at(6)),
                           "inquiry answered \(row.status.rawValue) \(row.code)")
        }
    }

    func testAnInquiryAnswerThatCannotBeThisPaymentsTellsNothing() {
        struct Case { var rule: String; var change: (inout InquiryPaymentResponse) -> Void }
        let cases = [
            Case(rule: "another paymentRequestId") { $0.paymentRequestId = "PAY-OTHER" },
            Case(rule: "another amount") { $0.paymentAmount = Amount(currency: "HKD", minorUnits: 1) },
            Case(rule: "another currency") { $0.paymentAmount = Amount(currency: "USD", minorUnits: 99_900) },
            Case(rule: "S without a paymentResult") { $0.paymentResult = nil },
        ]
        for item in cases {
            var answer = InquiryPaymentResponse(result: .success, paymentResult: .success, paymentRequestId: "PAY-1",
                                                paymentAmount: Self.amount)
            item.change(&answer)
            guard case .answerFailed = InquiryVerdict(answer: answer, about: Self.payment(.pending)) else {
                XCTFail("rule: an answer naming \(item.rule) is unverifiable, never a result")
                continue
            }
        }
        let absent = InquiryPaymentResponse(result: .success, paymentResult: .success)
        XCTAssertEqual(InquiryVerdict(answer: absent, about: Self.payment(.pending)),
                       .paid(paymentId: nil, paymentTime: nil), "rule: an answer that names no id or amount is checked by its signature alone")
        var payOther = PayResponse(result: .success)
        payOther.paymentAmount = Amount(currency: "HKD", minorUnits: 1)
        guard case .unknown = PayVerdict(answer: payOther, about: Self.payment(.created)) else {
            return XCTFail("rule: a pay answer with another amount is an unknown outcome, never a success")
        }
    }

    func testEveryCancelResultCodeLeadsToItsAction() {
        let rows: [AnswerRow] = [
            AnswerRow(code: .success, status: .success),
            AnswerRow(code: .orderNotExist, status: .failure),
            AnswerRow(code: .cancelWindowExceed, status: .failure),
            AnswerRow(code: .unknownException, status: .unknown),
            AnswerRow(code: .requestTrafficExceedLimit, status: .unknown),
        ] + [ResultCode.accessDenied, .invalidAPI, .invalidClient, .invalidSignature, .keyNotFound, .methodNotSupported,
             .mediaTypeNotAcceptable, .paramIllegal, .processFail, .repeatReqInconsistent]
            .map { AnswerRow(code: $0, status: .failure) }
        for row in rows {
            let verdict = CancelVerdict(answer: CancelPaymentResponse(result: APIResult(resultCode: row.code,
                                                                                       resultStatus: row.status)))
            var machine = PaymentResolution(policy: Self.policy)
            _ = machine.started(payment: Self.payment(.cancelRequested), now: Self.at(0))
            // Inside the window (createdAt + 60 s): ORDER_NOT_EXIST is resent too, without counting.
            let expected: PaymentResolution.Action = row.status == .success ? .apply(.canceled) : .wait(until: Self.at(15))
            XCTAssertEqual(machine.cancelAnswered(verdict, now: Self.at(10)), expected,
                           "cancel answered \(row.status.rawValue) \(row.code)")
            let counted = row.status != .success && row.code != .orderNotExist
            XCTAssertEqual(machine.failedCancelAttempts, counted ? 1 : 0,
                           "cancel answered \(row.status.rawValue) \(row.code): counted as a failed attempt?")
        }
    }

    func testOnlyAnErrorThatSaysTheRequestNeverLeftIsNotSent() {
        func error(_ code: AlipayPlusError.Code, mayHaveBeenProcessed: Bool) -> AlipayPlusError {
            AlipayPlusError(code: code, operation: "pay", path: "/aps/api/v1/payments/pay", message: "m",
                            requestMayHaveBeenProcessed: mayHaveBeenProcessed)
        }
        struct Other: Error {}
        guard case .notSent = PayVerdict(error: error(.transport, mayHaveBeenProcessed: false)) else {
            return XCTFail("rule: a pay known not to have left is not sent")
        }
        for candidate: any Error in [error(.httpStatus, mayHaveBeenProcessed: true), error(.signature, mayHaveBeenProcessed: true),
                                     error(.transport, mayHaveBeenProcessed: true), Other()] {
            guard case .unknown = PayVerdict(error: candidate) else {
                XCTFail("rule: a pay that may have left is unknown, never failed: \(candidate)")
                continue
            }
        }
        guard case .answerFailed = InquiryVerdict(error: Other()), case .answerFailed = CancelVerdict(error: Other()) else {
            return XCTFail("rule: a failed inquiry or cancel call tells nothing")
        }
    }
}
