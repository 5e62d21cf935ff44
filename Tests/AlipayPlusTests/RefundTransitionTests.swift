@testable import AlipayPlus
import AlipayPlusModels
import Foundation
import XCTest

/// The refund rules as a table of (progress, transition) → (progress, changed).
final class RefundTransitionTests: XCTestCase {
    private static let created = Date(timeIntervalSince1970: 1_800_000_000)
    private static let now = created.addingTimeInterval(30)
    private static let amount = Amount(currency: "HKD", minorUnits: 400)
    private static let record = RefundRecord(refundRequestId: "REF-1", paymentRequestId: "PAY-1", amount: amount,
                                             reason: nil, createdAt: created)

    /// A refund's progress in a few words: state, whether a send is on its way, whether an earlier one
    /// may have been processed.
    private struct Facts: Equatable, CustomStringConvertible {
        var state: RefundRecord.State
        var inFlight = false
        var mayHaveBeenProcessed = false
        var refundId: String?
        var failureCode: ResultCode?

        init(_ state: RefundRecord.State, inFlight: Bool = false, mayHaveBeenProcessed: Bool = false,
             refundId: String? = nil, failureCode: ResultCode? = nil) {
            self.state = state
            self.inFlight = inFlight
            self.mayHaveBeenProcessed = mayHaveBeenProcessed
            self.refundId = refundId
            self.failureCode = failureCode
        }

        init(_ progress: RefundProgress) {
            self.init(progress.state, inFlight: progress.sendInFlight, mayHaveBeenProcessed: progress.mayHaveBeenProcessed,
                      refundId: progress.refundId, failureCode: progress.failureCode)
        }

        var progress: RefundProgress {
            var record = RefundTransitionTests.record
            record.state = state
            record.refundId = refundId
            record.failureCode = failureCode
            return RefundProgress(record: record, sendInFlight: inFlight, mayHaveBeenProcessed: mayHaveBeenProcessed)
        }

        var description: String {
            "\(state.rawValue) inFlight=\(inFlight) mayHaveBeenProcessed=\(mayHaveBeenProcessed)"
                + (refundId.map { " refundId=\($0)" } ?? "") + (failureCode.map { " code=\($0)" } ?? "")
        }
    }

    private struct Row {
        var rule: String
        var given: Facts
        var transition: RefundTransition
        var expected: Facts
        var changed: Bool
    }

    private func check(_ rows: [Row], file: StaticString = #filePath, line: UInt = #line) {
        for row in rows {
            var progress = row.given.progress
            let changed = row.transition.apply(to: &progress, at: Self.now)
            let context = "rule: \(row.rule); \(row.given) + \(row.transition)"
            XCTAssertEqual(Facts(progress), row.expected, context, file: file, line: line)
            XCTAssertEqual(changed, row.changed, "changed? \(context)", file: file, line: line)
            XCTAssertEqual(progress.updatedAt, changed ? Self.now : Self.created, "updatedAt: \(context)", file: file, line: line)
        }
    }

    private static let fresh = Facts(.pending)
    private static let sending = Facts(.pending, inFlight: true)
    private static let resending = Facts(.pending, inFlight: true, mayHaveBeenProcessed: true)
    private static let unresolved = Facts(.pending, mayHaveBeenProcessed: true)

    func testSendsAreRecordedBeforeTheyLeave() {
        check([
            Row(rule: "a first send is recorded as on its way", given: Self.fresh, transition: .sendStarted,
                expected: Self.sending, changed: true),
            Row(rule: "a send whose answer never came back (the process stopped) may have been processed",
                given: Self.sending, transition: .sendStarted, expected: Self.resending, changed: true),
            Row(rule: "a resend of a refund that may have been processed is on its way",
                given: Self.unresolved, transition: .sendStarted, expected: Self.resending, changed: true),
            Row(rule: "a final refund is never sent again", given: Facts(.succeeded), transition: .sendStarted,
                expected: Facts(.succeeded), changed: false),
        ])
    }

    func testARefundThatMayHaveReachedAlipayPlusStaysPending() {
        check([
            Row(rule: "a lost answer (timeout after sending) leaves it pending, to be resent",
                given: Self.sending, transition: .failedAfterMaybeSending(reason: "timeout"), expected: Self.unresolved,
                changed: true),
            Row(rule: "a non-2xx answer leaves it pending",
                given: Self.sending, transition: .failedAfterMaybeSending(reason: "HTTP 403"), expected: Self.unresolved,
                changed: true),
            Row(rule: "U leaves it pending",
                given: Self.sending, transition: .answered(.unknown(reason: "refund answered U UNKNOWN_EXCEPTION")),
                expected: Self.unresolved, changed: true),
            Row(rule: "a resend that never left does not fail a refund that may have been processed",
                given: Self.resending, transition: .failedBeforeSending(reason: "connection refused"),
                expected: Self.unresolved, changed: true),
            Row(rule: "a cancelled send (a shutdown) never fails it, and it may have left",
                given: Self.sending, transition: .cancelled, expected: Self.unresolved, changed: true),
            Row(rule: "a cancelled task with no send on its way changes nothing",
                given: Self.fresh, transition: .cancelled, expected: Self.fresh, changed: false),
            Row(rule: "an F that refuses the request itself says nothing about an earlier send",
                given: Self.resending, transition: .answered(.failed(.invalidSignature)), expected: Self.unresolved,
                changed: true),
            Row(rule: "REPEAT_REQ_INCONSISTENT says a refund under this id exists: never failed",
                given: Self.resending, transition: .answered(.failed(.repeatReqInconsistent)), expected: Self.unresolved,
                changed: true),
        ])
    }

    func testOnlyAnAnswerAboutTheRefundEndsIt() {
        check([
            Row(rule: "S succeeds it with Alipay+'s refund id", given: Self.sending,
                transition: .answered(.succeeded(refundId: "R-9")), expected: Facts(.succeeded, refundId: "R-9"),
                changed: true),
            Row(rule: "S for a resend succeeds it too", given: Self.resending,
                transition: .answered(.succeeded(refundId: nil)), expected: Facts(.succeeded, mayHaveBeenProcessed: true),
                changed: true),
            Row(rule: "a business F for a resend fails it: Alipay+ answered about this refundRequestId",
                given: Self.resending, transition: .answered(.failed(.userNotExist)),
                expected: Facts(.failed, mayHaveBeenProcessed: true, failureCode: .userNotExist), changed: true),
            Row(rule: "the first send that never left fails it, releasing its amount",
                given: Self.sending, transition: .failedBeforeSending(reason: "connection refused"),
                expected: Facts(.failed, failureCode: "REQUEST_NOT_SENT"), changed: true),
            Row(rule: "a succeeded refund absorbs a later F", given: Facts(.succeeded, refundId: "R-9"),
                transition: .answered(.failed(.processFail)), expected: Facts(.succeeded, refundId: "R-9"), changed: false),
            Row(rule: "a failed refund absorbs a later S", given: Facts(.failed, failureCode: .processFail),
                transition: .answered(.succeeded(refundId: "R-9")), expected: Facts(.failed, failureCode: .processFail),
                changed: false),
        ])
    }

    /// The refund codes of the spec (§3.7: `USER_NOT_EXIST`; the rest of its table is not captured, so
    /// the common protocol codes of §4), for a first send and for a resend after a lost answer.
    func testEveryRefundResultCodeLeadsToItsState() {
        struct CodeRow { var code: ResultCode; var status: ResultStatus; var refusesTheRequest: Bool }
        let rows: [CodeRow] = [
            CodeRow(code: .success, status: .success, refusesTheRequest: false),
            CodeRow(code: .unknownException, status: .unknown, refusesTheRequest: false),
            CodeRow(code: .requestTrafficExceedLimit, status: .unknown, refusesTheRequest: false),
            CodeRow(code: .userNotExist, status: .failure, refusesTheRequest: false),
            CodeRow(code: .processFail, status: .failure, refusesTheRequest: false),
            CodeRow(code: "REFUND_AMOUNT_EXCEED", status: .failure, refusesTheRequest: false),
            CodeRow(code: .accessDenied, status: .failure, refusesTheRequest: true),
            CodeRow(code: .invalidAPI, status: .failure, refusesTheRequest: true),
            CodeRow(code: .invalidClient, status: .failure, refusesTheRequest: true),
            CodeRow(code: .invalidSignature, status: .failure, refusesTheRequest: true),
            CodeRow(code: .keyNotFound, status: .failure, refusesTheRequest: true),
            CodeRow(code: .methodNotSupported, status: .failure, refusesTheRequest: true),
            CodeRow(code: .mediaTypeNotAcceptable, status: .failure, refusesTheRequest: true),
            CodeRow(code: .paramIllegal, status: .failure, refusesTheRequest: true),
            CodeRow(code: .repeatReqInconsistent, status: .failure, refusesTheRequest: true),
        ]
        for row in rows {
            let answer = RefundAnswer(answer: RefundResponse(result: APIResult(resultCode: row.code, resultStatus: row.status),
                                                             refundId: "R-1"), about: Self.record)
            for (given, isResend) in [(Self.sending, false), (Self.resending, true)] {
                var progress = given.progress
                _ = RefundTransition.answered(answer).apply(to: &progress, at: Self.now)
                let expected: RefundRecord.State = switch row.status {
                case .success: .succeeded
                case .failure: isResend && row.refusesTheRequest ? .pending : .failed
                default: .pending
                }
                XCTAssertEqual(progress.state, expected,
                               "refund answered \(row.status.rawValue) \(row.code) to a \(isResend ? "resend" : "first send")")
                XCTAssertEqual(progress.sendInFlight, false, "an answer ends the send: \(row.code)")
            }
        }
    }

    func testARefundAnswerWithAnotherAmountIsUnknown() {
        var answer = RefundResponse(result: .success, refundId: "R-1")
        answer.refundAmount = Amount(currency: "HKD", minorUnits: 40_000)
        guard case .unknown = RefundAnswer(answer: answer, about: Self.record) else {
            return XCTFail("rule: an answer naming another amount is unverifiable, never a success")
        }
        answer.refundAmount = Self.amount
        XCTAssertEqual(RefundAnswer(answer: answer, about: Self.record), .succeeded(refundId: "R-1"))
    }

    func testTheProgressMapsOntoTheRecord() {
        var stored = Self.record
        XCTAssertTrue(RefundProgress(storedRecord: stored).sendInFlight,
                      "rule: a pending refund read back without send facts may have been sent")
        XCTAssertFalse(RefundProgress(unsentRecord: stored).sendInFlight)
        var progress = RefundProgress(unsentRecord: stored)
        _ = RefundTransition.sendStarted.apply(to: &progress, at: Self.now)
        _ = RefundTransition.answered(.succeeded(refundId: "R-9")).apply(to: &progress, at: Self.now)
        progress.write(to: &stored)
        XCTAssertEqual(stored.state, .succeeded)
        XCTAssertEqual(stored.refundId, "R-9")
        XCTAssertEqual(stored.updatedAt, Self.now)
    }
}
