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
        return try await send(record, firstAttempt: true)
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
        switch stored.state {
        case .succeeded: return .succeeded(stored)
        case .failed: return .failed(stored.failureCode ?? ResultCode(rawValue: "UNKNOWN"), stored)
        case .pending: return try await send(stored)
        }
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

    /// Sends a stored refund (again) with its own id and an identical body.
    ///
    /// Only the first attempt, made right after the refund was stored, may mark it failed as never
    /// sent; a resend (by ``recover()`` or a repeated `refund`) never does, as an earlier process may
    /// have sent it before recording so.
    func send(_ refund: RefundRecord, firstAttempt: Bool = false) async throws -> RefundOutcome {
        let neverSentBefore = firstAttempt && refund.firstSentAt == nil
        let refund = try await markSent(refund)
        let response: RefundResponse
        do {
            response = try await client.send(Self.request(for: refund))
        } catch let error as any UnrecoverableTransportError {
            throw error
        } catch let error as AlipayPlusError
            where neverSentBefore && !error.requestMayHaveBeenProcessed && error.code != .cancelled {
            // Known never to have left, and no earlier attempt could have: it may be failed.
            _ = try await settle(refund.refundRequestId, .failed, code: PaymentTransition.requestNotSent)
            throw error
        } catch {
            // It may have been processed (now or by an earlier attempt): pending until Alipay+ answers.
            emit(AlipayPlusEvent(.refundPending, paymentRequestId: refund.paymentRequestId,
                                 refundRequestId: refund.refundRequestId, message: "\(error)"))
            return .pending(refund)
        }
        switch response.result.resultStatus {
        case .success:
            let settled = try await settle(refund.refundRequestId, .succeeded, refundId: response.refundId)
            emit(AlipayPlusEvent(.refundSucceeded, paymentRequestId: refund.paymentRequestId,
                                 refundRequestId: refund.refundRequestId))
            return .succeeded(settled)
        case .failure:
            let code = response.result.resultCode
            let settled = try await settle(refund.refundRequestId, .failed, code: code)
            emit(AlipayPlusEvent(.refundFailed, resultCode: code, paymentRequestId: refund.paymentRequestId,
                                 refundRequestId: refund.refundRequestId))
            return .failed(code, settled)
        default:
            emit(AlipayPlusEvent(.refundPending, resultCode: response.result.resultCode,
                                 paymentRequestId: refund.paymentRequestId, refundRequestId: refund.refundRequestId))
            return .pending(refund)
        }
    }

    /// Records, before the first send, that the refund may reach Alipay+ from now on.
    private func markSent(_ refund: RefundRecord) async throws -> RefundRecord {
        guard refund.firstSentAt == nil else { return refund }
        let now = clock.now
        let updated = try await store.update(refundRequestId: refund.refundRequestId) { record in
            guard record.firstSentAt == nil else { return false }
            record.firstSentAt = now
            return true
        }
        guard let updated else {
            throw AutoDebitError(code: .refundNotFound, message: "no refund \(refund.refundRequestId)")
        }
        return updated.after
    }

    private func settle(
        _ refundRequestId: String, _ state: RefundRecord.State, code: ResultCode? = nil, refundId: String? = nil
    ) async throws -> RefundRecord {
        let now = clock.now
        let updated = try await store.update(refundRequestId: refundRequestId) { refund in
            guard refund.state == .pending else { return false }
            refund.state = state
            refund.failureCode = code
            refund.refundId = refundId
            refund.updatedAt = now
            return true
        }
        guard let updated else {
            throw AutoDebitError(code: .refundNotFound, message: "no refund \(refundRequestId)")
        }
        return updated.after
    }
}
