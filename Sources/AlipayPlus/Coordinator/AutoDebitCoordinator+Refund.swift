public import AlipayPlusModels
import AlipayPlusTransport
import Foundation

extension AutoDebitCoordinator {
    /// Refunds part or all of a successful payment.
    ///
    /// The refund is stored with its `refundRequestId` before it is sent, in one atomic store operation
    /// that refuses it unless its amount is positive and in the payment's currency, the payment is
    /// succeeded and not being cancelled, and the payment's refunds (succeeded and still pending) plus
    /// this one stay within its amount. A payment with refunds is never cancelled, and a payment being
    /// cancelled is never refunded: of a refund and a cancel at once, exactly one is sent.
    ///
    /// Idempotent like ``charge(_:waitForFinalOutcome:)``: calling it again with the same
    /// `refundRequestId`, payment and amount returns the stored outcome, or resends a pending refund with
    /// its identical body (the stored reason is sent). Another payment or amount under the same id is
    /// refused with `refundRequestIdReused`, naming the field.
    ///
    /// A refund that may have reached Alipay+ (its answer lost, a timeout after sending, a cancelled
    /// task, any error that says it may have been processed) stays ``RefundOutcome/pending(_:)`` until
    /// Alipay+ answers it `S` or `F` under its own `refundRequestId`: there is no refund inquiry in
    /// Auto Debit, so ``recover()`` (or calling `refund` again) resends it with the same id. Only a
    /// refund known never to have left is stored as failed (`REQUEST_NOT_SENT`); once a refund was
    /// handed to the client (``RefundRecord/firstSentAt``), no later connection failure fails it.
    ///
    /// - Throws: ``AutoDebitError`` (`paymentNotFound`, `refundNotAllowed`, `refundExceedsRemaining`,
    ///   `invalidRefundAmount`, `refundRequestIdReused`, `refundNotFound`); the ``AlipayPlusError`` of a
    ///   refund that breaks an API rule (nothing stored) or that was never sent (stored as failed); an
    ///   ``UnrecoverableTransportError`` from the transport, unchanged (the refund stays pending); a
    ///   ``StoreError`` when the store fails.
    public func refund(
        paymentRequestId: String, amount: Amount, reason: String? = nil, refundRequestId: String? = nil
    ) async throws -> RefundOutcome {
        guard let minor = amount.minorUnits, minor > 0 else {
            throw AutoDebitError(code: .invalidRefundAmount,
                                 message: "refund amount \(amount) must be a positive number of minor units; nothing was stored or sent")
        }
        let record = RefundRecord(
            refundRequestId: refundRequestId ?? newRequestId(prefix: "REF"), paymentRequestId: paymentRequestId,
            amount: amount, reason: reason, createdAt: clock.now
        )
        if let stored = try await store.refund(requestId: record.refundRequestId) {
            return try await resume(stored, as: record)
        }
        try refuseInvalid(Self.request(for: record))
        do {
            try await store.insert(record)
        } catch let error as StoreError {
            if error.code == .duplicate, let stored = try await store.refund(requestId: record.refundRequestId) {
                return try await resume(stored, as: record)
            }
            throw Self.refundRefusal(error, paymentRequestId: paymentRequestId)
        }
        return try await sendUnderLease(record, firstAttempt: true)
    }

    /// A refund whose request id is stored: its outcome, or its resend when pending.
    private func resume(_ stored: RefundRecord, as intent: RefundRecord) async throws -> RefundOutcome {
        let differing = stored.paymentRequestId != intent.paymentRequestId ? "paymentRequestId"
            : stored.amount.currency != intent.amount.currency ? "currency"
            : stored.amount != intent.amount ? "amount" : nil
        if let differing {
            throw AutoDebitError(
                code: .refundRequestIdReused,
                message: "refundRequestId \(intent.refundRequestId) belongs to another refund (its \(differing) differs); "
                    + "use a new id. Nothing was sent"
            )
        }
        guard stored.state == .pending else { return Self.outcome(of: stored) }
        return try await sendUnderLease(stored)
    }

    /// The coordinator's error for a store's refusal of a refund.
    private static func refundRefusal(_ error: StoreError, paymentRequestId: String) -> any Error {
        let code: AutoDebitError.Code
        switch error.code {
        case .notFound: code = .paymentNotFound
        case .refundNotAllowed: code = .refundNotAllowed
        case .refundLimitExceeded: code = .refundExceedsRemaining
        case .invalidAmount: code = .invalidRefundAmount
        default: return error
        }
        return AutoDebitError(code: code, message: error.message + "; nothing was sent", underlyingError: error)
    }

    /// The refund call for a stored refund: always the identical body.
    static func request(for refund: RefundRecord) -> RefundRequest {
        RefundRequest(
            paymentRequestId: refund.paymentRequestId, refundRequestId: refund.refundRequestId,
            refundAmount: refund.amount, refundReason: refund.reason
        )
    }

    /// Sends a stored refund under its `refund:<id>` lease, so one instance at a time sends it; an
    /// instance that finds it held waits for the holder's outcome (or for the lease).
    private func sendUnderLease(_ refund: RefundRecord, firstAttempt: Bool = false) async throws -> RefundOutcome {
        let id = refund.refundRequestId
        let claim = try await leaseOrResult(Lease.refund(id)) { () async throws -> RefundOutcome? in
            guard let stored = try await store.refund(requestId: id) else {
                throw AutoDebitError(code: .refundNotFound, message: "no refund \(id)")
            }
            return stored.state == .pending ? nil : Self.outcome(of: stored)
        }
        if let outcome = claim.value { return outcome }
        return try await releasing(claim.lease) { try await send(refund, firstAttempt: firstAttempt, lease: claim.lease) }
    }

    /// Sends a stored refund (again) with its own id and an identical body, applying
    /// ``RefundTransition``s: `sendStarted` is stored before the request leaves, then what came of it.
    ///
    /// Only the first attempt, made right after the refund was stored, may mark it failed as never
    /// sent; a resend (by ``recover()`` or a repeated `refund`) never does, as an earlier process may
    /// have sent it before recording so (``RefundProgress/init(storedRecord:)``).
    func send(_ refund: RefundRecord, firstAttempt: Bool = false, lease: Lease?) async throws -> RefundOutcome {
        let id = refund.refundRequestId
        let started = try await advanceRefund(id, .sendStarted, under: lease) { record in
            firstAttempt && record.firstSentAt == nil
                ? RefundProgress(unsentRecord: record) : RefundProgress(storedRecord: record)
        }
        // Settled meanwhile (another send was answered): its outcome, nothing sent.
        guard started.record.state == .pending else { return Self.outcome(of: started.record) }
        let facts = started.progress
        let transition: RefundTransition
        var notSentError: (any Error)?
        do {
            let response = try await client.send(Self.request(for: started.record))
            transition = .answered(RefundAnswer(answer: response, about: started.record))
        } catch let error as any UnrecoverableTransportError {
            throw error
        } catch let error as AlipayPlusError where error.code == .cancelled {
            // A shutdown: never a reason to fail the refund.
            _ = error
            transition = .cancelled
        } catch is CancellationError {
            transition = .cancelled
        } catch let error as AlipayPlusError where !error.requestMayHaveBeenProcessed {
            transition = .failedBeforeSending(reason: "\(error)")
            notSentError = error
        } catch {
            transition = .failedAfterMaybeSending(reason: "\(error)")
        }
        let settled = try await advanceRefund(id, transition, under: lease) { record in
            RefundProgress(record: record, sendInFlight: facts.sendInFlight, mayHaveBeenProcessed: facts.mayHaveBeenProcessed)
        }
        let record = settled.record
        switch record.state {
        case .succeeded where settled.changed:
            emit(AlipayPlusEvent(.refundSucceeded, paymentRequestId: record.paymentRequestId, refundRequestId: id))
        case .failed where settled.changed:
            emit(AlipayPlusEvent(.refundFailed, resultCode: record.failureCode, paymentRequestId: record.paymentRequestId,
                                 refundRequestId: id, message: settled.progress.lastFailure))
            if let notSentError { throw notSentError }
        case .pending:
            emit(AlipayPlusEvent(.refundPending, paymentRequestId: record.paymentRequestId, refundRequestId: id,
                                 message: settled.progress.lastFailure))
        case .succeeded, .failed:
            break
        }
        return Self.outcome(of: record)
    }

    /// A stored refund's outcome.
    static func outcome(of refund: RefundRecord) -> RefundOutcome {
        switch refund.state {
        case .succeeded: .succeeded(refund)
        case .failed: .failed(refund.failureCode ?? ResultCode(rawValue: "UNKNOWN"), refund)
        case .pending: .pending(refund)
        }
    }

    /// What one ``RefundTransition`` did to a stored refund.
    private struct RefundStep {
        /// The refund as stored after it.
        var record: RefundRecord
        /// Its progress after it, with the send facts the record does not keep.
        var progress: RefundProgress
        /// Whether the stored record changed.
        var changed: Bool
    }

    /// Applies `transition` atomically to the stored refund, seen as `progress(record)`; writes only
    /// when a stored field (other than `updatedAt`) changes.
    private func advanceRefund(
        _ refundRequestId: String, _ transition: RefundTransition, under lease: Lease?,
        from progress: @escaping @Sendable (RefundRecord) -> RefundProgress
    ) async throws -> RefundStep {
        let now = clock.now
        let advanced: @Sendable (RefundRecord) -> (RefundRecord, RefundProgress) = { record in
            var after = progress(record)
            var written = record
            if transition.apply(to: &after, at: now) { after.write(to: &written) }
            var unchangedClock = written
            unchangedClock.updatedAt = record.updatedAt
            return (unchangedClock == record ? record : written, after)
        }
        let update = try await modifyRefund(refundRequestId, under: lease) { record in
            let (written, _) = advanced(record)
            guard written != record else { return false }
            record = written
            return true
        }
        guard let update else {
            throw AutoDebitError(code: .refundNotFound, message: "no refund \(refundRequestId)")
        }
        return RefundStep(record: update.after, progress: advanced(update.before).1, changed: update.changed)
    }
}
