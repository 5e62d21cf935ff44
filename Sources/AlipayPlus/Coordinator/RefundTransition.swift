import AlipayPlusModels
import Foundation

/// A refund as its rules see it: the stored state plus the facts about sends that decide whether a
/// failure may end it.
///
/// Maps onto ``RefundRecord``: `state`, `refundId`, `failureCode`, `updatedAt` and `firstSentAt` are
/// the record's own fields. The "may have been sent" facts `sendInFlight` and `mayHaveBeenProcessed`
/// live only as long as one send: the record keeps just `firstSentAt` (written with the first
/// ``RefundTransition/sendStarted``, before the request leaves), so ``init(storedRecord:)`` assumes
/// the worst for a pending refund read back from the store (a process that stopped, or one that
/// wrote records before `firstSentAt` existed, may have sent it), and only the first attempt right
/// after the insert starts from ``init(unsentRecord:)``. `lastFailure` goes to the runner's events.
struct RefundProgress: Sendable, Hashable {
    /// Where the refund stands.
    var state: RefundRecord.State
    /// Alipay+'s refund id, once known.
    var refundId: String?
    /// The result code of a failure.
    var failureCode: ResultCode?
    /// A send was started and its answer has not been recorded (it is on its way, or the process
    /// stopped before it came back).
    var sendInFlight: Bool
    /// An earlier send may have reached Alipay+ without a definite answer: from now on only an answer
    /// of Alipay+ about this `refundRequestId` ends the refund.
    var mayHaveBeenProcessed: Bool
    /// What the last send that did not end the refund ran into.
    var lastFailure: String?
    /// When the refund last changed.
    var updatedAt: Date
    /// When the first send started (persisted before it left).
    var firstSentAt: Date?

    /// A refund just stored and never sent.
    init(unsentRecord record: RefundRecord) {
        self.init(record: record, sendInFlight: false, mayHaveBeenProcessed: false)
    }

    /// A refund read back from a store that does not keep the send facts: a pending one may have
    /// been sent by a process that stopped before its answer was stored.
    init(storedRecord record: RefundRecord) {
        self.init(record: record, sendInFlight: record.state == .pending, mayHaveBeenProcessed: false)
    }

    /// A refund with its send facts as stored.
    init(record: RefundRecord, sendInFlight: Bool, mayHaveBeenProcessed: Bool, lastFailure: String? = nil) {
        state = record.state
        refundId = record.refundId
        failureCode = record.failureCode
        self.sendInFlight = sendInFlight
        self.mayHaveBeenProcessed = mayHaveBeenProcessed
        self.lastFailure = lastFailure
        updatedAt = record.updatedAt
        firstSentAt = record.firstSentAt
    }

    /// Copies the record's own fields back into `record`.
    func write(to record: inout RefundRecord) {
        record.state = state
        record.refundId = refundId
        record.failureCode = failureCode
        record.updatedAt = updatedAt
        record.firstSentAt = firstSentAt
    }
}

/// What a refund call told, as ``RefundTransition`` needs it.
enum RefundAnswer: Sendable, Hashable {
    /// `S`: refunded.
    case succeeded(refundId: String?)
    /// `F`: declined with this code.
    case failed(ResultCode)
    /// `U` (or a status this library does not know), or an answer that cannot be verified as being
    /// about this refund: the outcome is unknown.
    case unknown(reason: String)

    /// The answer of a signed refund response for `refund`: one that names another amount is
    /// unverifiable, never a success or a failure.
    init(answer: RefundResponse, about refund: RefundRecord) {
        if let amount = answer.refundAmount, amount != refund.amount {
            self = .unknown(reason: "refund: the answer's refundAmount \(amount) is not the \(refund.amount) asked "
                + "for: unverifiable")
            return
        }
        switch answer.result.resultStatus {
        case .success: self = .succeeded(refundId: answer.refundId)
        case .failure: self = .failed(answer.result.resultCode)
        default: self = .unknown(reason: "refund answered \(AnswerCheck.describe(answer.result))")
        }
    }
}

/// Something that happened to a refund; applied to its progress atomically in the store.
///
/// The rules: only a pending refund changes. A refund that may have been processed
/// stays pending until Alipay+ answers `S` or `F` about it under its own `refundRequestId`: a send that
/// never left, a send whose answer was lost and a cancelled send never fail it. An `F` that refuses the
/// request itself (`ResultCode.refusesTheRequestItself`: signature, key, client, parameters,
/// idempotency conflict, access) says nothing about an earlier send that may have been processed, so it
/// fails only a refund no earlier send can have reached. The first send that never left fails it as
/// `REQUEST_NOT_SENT`, releasing its amount.
enum RefundTransition: Sendable, Hashable {
    /// A send is about to start (stored before the request leaves).
    case sendStarted
    /// Alipay+ answered this send.
    case answered(RefundAnswer)
    /// This send failed before any byte left.
    case failedBeforeSending(reason: String)
    /// This send failed after it may have left (timeout, connection lost, non-2xx, bad signature).
    case failedAfterMaybeSending(reason: String)
    /// The task sending it was cancelled (a shutdown): the send may have left.
    case cancelled

    /// The code stored for a refund that never left.
    static let requestNotSent = PaymentTransition.requestNotSent

    /// Applies the transition; returns whether the progress changed.
    func apply(to progress: inout RefundProgress, at now: Date) -> Bool {
        guard progress.state == .pending else { return false }
        let before = progress
        switch self {
        case .sendStarted:
            // The previous send's answer never came back (the process stopped): it may have left.
            if progress.sendInFlight { progress.mayHaveBeenProcessed = true }
            progress.sendInFlight = true
            progress.firstSentAt = progress.firstSentAt ?? now
        case .answered(.succeeded(let refundId)):
            progress.sendInFlight = false
            progress.state = .succeeded
            progress.refundId = refundId ?? progress.refundId
            progress.failureCode = nil
            progress.lastFailure = nil
        case .answered(.failed(let code)):
            progress.sendInFlight = false
            if progress.mayHaveBeenProcessed && code.refusesTheRequestItself {
                progress.lastFailure = "refund was refused with \(code.rawValue) while an earlier send may have "
                    + "been processed"
            } else {
                progress.state = .failed
                progress.failureCode = code
            }
        case .answered(.unknown(let reason)), .failedAfterMaybeSending(let reason):
            progress.sendInFlight = false
            progress.mayHaveBeenProcessed = true
            progress.lastFailure = reason
        case .failedBeforeSending(let reason):
            progress.sendInFlight = false
            if progress.mayHaveBeenProcessed {
                progress.lastFailure = reason
            } else {
                progress.state = .failed
                progress.failureCode = Self.requestNotSent
                progress.lastFailure = reason
            }
        case .cancelled:
            if progress.sendInFlight { progress.mayHaveBeenProcessed = true }
            progress.sendInFlight = false
        }
        guard progress != before else { return false }
        progress.updatedAt = now
        return true
    }

}
