import AlipayPlusModels
import Foundation

/// The rules that resolve one payment whose outcome is not final, as a value: each event returns the
/// next action, and the runner only performs actions and reports what came of them.
///
/// The rules (the spec's, §3.4–3.6, plus the coordinator's):
/// - A stored final payment finishes at once; one already `cancelRequested` goes straight to cancelling.
/// - Otherwise it inquires every ``Policy/inquiryInterval`` until ``Policy/inquiryWindow`` has passed
///   since the resolution started (the first inquiry after one interval). Before each inquiry the
///   stored record is read again: a notification may have settled it, or the merchant may have asked
///   to cancel it. A paymentResult `S` or `F` is applied (``PaymentTransition``) and the stored result
///   is final, unless a cancel was requested meanwhile: then the cancel wins and is sent.
///   `U`, `ORDER_NOT_EXIST` (a pay may still arrive) and answers that tell nothing (failed call,
///   non-2xx, an answer about another payment) mean: inquire again.
/// - When the window has passed, the payment is marked `cancelRequested` and cancelPayment is sent
///   until Alipay+ confirms it. `ORDER_NOT_EXIST` confirms it only once no pay can still arrive
///   (`createdAt` + ``Policy/inquiryWindow``); before that it is sent again after
///   ``Policy/cancelRetryDelay`` without counting as a failed attempt. After ``Policy/cancelAttempts``
///   unconfirmed attempts the resolution gives up with what kept failing (recovery continues it).
/// - A merchant's cancel (``cancelRequested()``) turns the resolution to cancelling at once, or as
///   soon as the call on its way has been answered; a success stored meanwhile is read again before
///   it is reported, as the merchant's cancel may have turned it to `cancelRequested`.
///
/// All time comes in as values; the machine never reads a clock. Events that do not fit the current
/// step (a late timer, an answer nobody asked for) change nothing and return ``Action/keepWaiting``.
///
/// A runner performs one action at a time and reports its result:
/// ```swift
/// var machine = PaymentResolution(policy: configuration.resolution)
/// var action = machine.started(payment: stored, now: clock.now)
/// while true {
///     switch action {
///     case .wait(let until): try await clock.sleep(for: clock.now.sleep(until: until))  // ≥ 1 ms
///                            action = machine.timerFired(now: clock.now)
///     case .readPayment: action = machine.storeChanged(try await existingPayment(id))
///     case .sendInquiry: action = machine.inquiryAnswered(await inquiryVerdict(id), now: clock.now)
///     case .sendCancel: action = machine.cancelAnswered(await cancelVerdict(id), now: clock.now)
///     case .apply(let change): action = machine.storeChanged(try await finishAndEmit(id, change))
///     case .finish(let outcome): return outcome
///     case .giveUp(let reason): throw unresolved(reason, underlyingError: lastError)
///     case .keepWaiting: action = await nextSignal()   // a merchant cancel or a notification
///     }
/// }
/// ```
struct PaymentResolution: Sendable {
    /// The timing the rules use: the configuration's `resolution` group (inquiry interval and window,
    /// cancel attempts and their delay).
    typealias Policy = AutoDebitCoordinator.Configuration.Resolution

    /// What the runner does next.
    enum Action: Sendable, Equatable {
        /// Sleep until this time, then report ``PaymentResolution/timerFired(now:)``. Each `wait`
        /// replaces the previous one.
        case wait(until: Date)
        /// Read the stored payment and report it with ``PaymentResolution/storeChanged(_:)``.
        case readPayment
        /// Send inquiryPayment and report ``PaymentResolution/inquiryAnswered(_:now:)``.
        case sendInquiry
        /// Send cancelPayment (same id, same body) and report ``PaymentResolution/cancelAnswered(_:now:)``.
        case sendCancel
        /// Apply the transition atomically in the store (emitting its event when it changed the
        /// record), then report the stored record with ``PaymentResolution/storeChanged(_:)``.
        case apply(PaymentTransition)
        /// The payment is final: return this outcome.
        case finish(ChargeOutcome)
        /// Stop: the cancel stays unconfirmed; throw `unresolved` with this reason (what kept failing).
        case giveUp(reason: String)
        /// Nothing new to do: the action asked for before is still under way.
        case keepWaiting
    }

    /// Where the resolution stands.
    private enum Step: Sendable, Hashable {
        case notStarted
        /// The pay's answer is being applied; `unknown` tells whether inquiring follows.
        case applyingPayAnswer(unknown: Bool)
        case waitingToInquire(until: Date)
        case readingBeforeInquiry
        case inquiring
        case applyingInquiryAnswer
        case markingCancel
        case cancelling
        case waitingToCancel(until: Date)
        case applyingCancel
        case finished
        case gaveUp
    }

    let policy: Policy
    private var step: Step = .notStarted
    /// Inquiries stop at this time (the resolution's start plus the window).
    private var inquiryDeadline: Date = .distantPast
    /// `ORDER_NOT_EXIST` confirms a cancel only from this time on (the intent's time plus the window).
    private var payCannotArriveAfter: Date = .distantFuture
    /// The latest time an event brought in.
    private var now: Date = .distantPast
    /// Unconfirmed cancel attempts so far (`ORDER_NOT_EXIST` inside the window does not count).
    private(set) var failedCancelAttempts = 0
    /// Whether the merchant asked to cancel while a call was on its way.
    private var cancelWanted = false
    /// Whether the merchant's cancel was signalled after the record was last read: a success stored
    /// meanwhile may have been turned to `cancelRequested` by it, so it is read again before finishing.
    private var cancelUnread = false
    /// The last answer that told nothing (failed call, declined cancel, unverifiable answer).
    private(set) var lastFailure: String?

    init(policy: Policy) {
        self.policy = policy
    }

    // MARK: Events

    /// Starts resolving a stored payment (from `resolvePayment`, `cancel` or recovery).
    mutating func started(payment: PaymentRecord, now: Date) -> Action {
        guard step == .notStarted else { return .keepWaiting }
        begin(payment: payment, now: now)
        return decide(payment)
    }

    /// Starts from the pay's own answer for a payment just stored as `created`.
    mutating func payAnswered(_ verdict: PayVerdict, payment: PaymentRecord, now: Date) -> Action {
        guard step == .notStarted else { return .keepWaiting }
        begin(payment: payment, now: now)
        switch verdict {
        case .paid(let paymentId, let paymentTime):
            step = .applyingPayAnswer(unknown: false)
            return .apply(.succeeded(paymentId: paymentId, paymentTime: paymentTime))
        case .failed(let code):
            step = .applyingPayAnswer(unknown: false)
            return .apply(.failed(code))
        case .notSent(let reason):
            lastFailure = reason
            step = .applyingPayAnswer(unknown: false)
            return .apply(.failed(Self.requestNotSent))
        case .unknown(let reason):
            lastFailure = reason
            step = .applyingPayAnswer(unknown: true)
            return .apply(.outcomeUnknown)
        }
    }

    /// The stored record, as read after ``Action/readPayment``, as stored after ``Action/apply(_:)``,
    /// or as a notification left it.
    mutating func storeChanged(_ payment: PaymentRecord) -> Action {
        if step == .readingBeforeInquiry { cancelUnread = false }
        if payment.state == .succeeded, cancelUnread, ![.notStarted, .finished, .gaveUp].contains(step) {
            step = .readingBeforeInquiry
            return .readPayment
        }
        if let outcome = finalOutcome(payment) { return outcome }
        switch step {
        case .notStarted, .finished, .gaveUp:
            return .keepWaiting
        case .applyingPayAnswer(let unknown):
            // A definite pay answer that did not end it: a cancel was requested meanwhile, and it wins.
            return unknown ? decide(payment) : cancel(payment)
        case .readingBeforeInquiry:
            guard payment.state != .cancelRequested, !cancelWanted else { return cancel(payment) }
            step = .inquiring
            return .sendInquiry
        case .applyingInquiryAnswer, .markingCancel, .applyingCancel:
            return cancel(payment)
        case .waitingToInquire:
            return payment.state == .cancelRequested ? cancel(payment) : .keepWaiting
        case .inquiring:
            if payment.state == .cancelRequested { cancelWanted = true }
            return .keepWaiting
        case .cancelling, .waitingToCancel:
            return .keepWaiting
        }
    }

    /// The timer of the last ``Action/wait(until:)`` fired (or an earlier one, which changes nothing).
    mutating func timerFired(now: Date) -> Action {
        self.now = max(self.now, now)
        switch step {
        case .waitingToInquire(let until):
            guard now >= until else { return .wait(until: until) }
            step = .readingBeforeInquiry
            return .readPayment
        case .waitingToCancel(let until):
            guard now >= until else { return .wait(until: until) }
            step = .cancelling
            return .sendCancel
        default:
            return .keepWaiting
        }
    }

    /// The merchant's cancel was stored (`cancelRequested(mayCancelSuccess: true)`): cancel at once, or
    /// once the call on its way is answered.
    mutating func cancelRequested() -> Action {
        switch step {
        case .waitingToInquire:
            step = .cancelling
            return .sendCancel
        case .notStarted, .applyingPayAnswer, .readingBeforeInquiry, .inquiring, .applyingInquiryAnswer:
            cancelWanted = true
            cancelUnread = true
            return .keepWaiting
        case .markingCancel, .cancelling, .waitingToCancel, .applyingCancel, .finished, .gaveUp:
            return .keepWaiting
        }
    }

    /// The inquiry asked for by ``Action/sendInquiry`` was answered (or failed) at `now`.
    mutating func inquiryAnswered(_ verdict: InquiryVerdict, now: Date) -> Action {
        guard step == .inquiring else { return .keepWaiting }
        self.now = max(self.now, now)
        switch verdict {
        case .paid(let paymentId, let paymentTime):
            step = .applyingInquiryAnswer
            return .apply(.succeeded(paymentId: paymentId, paymentTime: paymentTime))
        case .failed(let code):
            step = .applyingInquiryAnswer
            return .apply(.failed(code))
        case .stillUnknown(let code):
            lastFailure = "inquiryPayment: the payment is still U \(code.rawValue)"
        case .notFound:
            lastFailure = "inquiryPayment: ORDER_NOT_EXIST"
        case .answerFailed(let reason):
            lastFailure = reason
        }
        return nextInquiry(after: now)
    }

    /// The cancel asked for by ``Action/sendCancel`` was answered (or failed) at `now`.
    mutating func cancelAnswered(_ verdict: CancelVerdict, now: Date) -> Action {
        guard step == .cancelling else { return .keepWaiting }
        self.now = max(self.now, now)
        switch verdict {
        case .confirmed:
            step = .applyingCancel
            return .apply(.canceled)
        case .orderNotExist:
            guard now < payCannotArriveAfter else {
                step = .applyingCancel
                return .apply(.canceled)
            }
            lastFailure = "cancelPayment: ORDER_NOT_EXIST while a pay may still arrive"
            return waitToCancel(after: now)
        case .declined(let code):
            return cancelFailed("cancelPayment was declined with \(code.rawValue)", now: now)
        case .answerFailed(let reason):
            return cancelFailed(reason, now: now)
        }
    }

    // MARK: Rules

    /// The code stored for a pay that never left.
    static let requestNotSent = PaymentTransition.requestNotSent

    private mutating func begin(payment: PaymentRecord, now: Date) {
        self.now = now
        inquiryDeadline = now.adding(policy.inquiryWindow)
        payCannotArriveAfter = payment.createdAt.adding(policy.inquiryWindow)
    }

    /// The next step for a stored record that is not being changed by this resolution.
    private mutating func decide(_ payment: PaymentRecord) -> Action {
        if let outcome = finalOutcome(payment) { return outcome }
        if payment.state == .cancelRequested { return cancel(payment) }
        return nextInquiry(after: now)
    }

    private mutating func finalOutcome(_ payment: PaymentRecord) -> Action? {
        guard step != .finished, step != .gaveUp, let outcome = ChargeOutcome(finalState: payment) else { return nil }
        step = .finished
        return .finish(outcome)
    }

    /// Another inquiry after one interval, or the cancel once the window has passed (or was cut short).
    private mutating func nextInquiry(after now: Date) -> Action {
        guard !cancelWanted, now < inquiryDeadline else {
            step = .markingCancel
            return .apply(.cancelRequested(mayCancelSuccess: false))
        }
        let until = now.adding(policy.inquiryInterval)
        step = .waitingToInquire(until: until)
        return .wait(until: until)
    }

    /// Turns to cancelling: marks the payment first unless it is `cancelRequested` already.
    private mutating func cancel(_ payment: PaymentRecord) -> Action {
        guard payment.state == .cancelRequested else {
            step = .markingCancel
            return .apply(.cancelRequested(mayCancelSuccess: false))
        }
        step = .cancelling
        return .sendCancel
    }

    private mutating func cancelFailed(_ reason: String, now: Date) -> Action {
        lastFailure = reason
        failedCancelAttempts += 1
        guard failedCancelAttempts >= max(1, policy.cancelAttempts) else { return waitToCancel(after: now) }
        step = .gaveUp
        return .giveUp(reason: "Alipay+ has not confirmed the cancel after \(failedCancelAttempts) attempt"
            + (failedCancelAttempts == 1 ? "" : "s") + "; last failure: \(reason)")
    }

    private mutating func waitToCancel(after now: Date) -> Action {
        let until = now.adding(policy.cancelRetryDelay)
        step = .waitingToCancel(until: until)
        return .wait(until: until)
    }
}
