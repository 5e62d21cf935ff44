public import AlipayPlusModels
import Foundation

extension AutoDebitCoordinator {
    /// Refunds part or all of a successful payment.
    ///
    /// The refund is stored with its `refundRequestId` before it is sent, and refused before any call
    /// when it would take the payment's refunds (succeeded and still pending) above its amount. Unknown
    /// outcomes are retried with the same id by the client; one still unknown is returned as
    /// ``RefundOutcome/pending(_:)`` and resent by ``recover()``.
    ///
    /// - Throws: ``AutoDebitError`` (`paymentNotFound`, `refundNotAllowed`, `refundExceedsRemaining`),
    ///   or the ``AlipayPlusError`` of a refund that was never sent (stored as failed).
    public func refund(
        paymentRequestId: String, amount: Amount, reason: String? = nil, refundRequestId: String? = nil
    ) async throws -> RefundOutcome {
        let payment = try await existingPayment(paymentRequestId)
        guard payment.state == .succeeded else {
            throw AutoDebitError(code: .refundNotAllowed,
                                 message: "payment \(paymentRequestId) is \(payment.state.rawValue), not succeeded")
        }
        guard amount.currency == payment.amount.currency, let limit = payment.amount.minorUnits else {
            throw AutoDebitError(code: .refundNotAllowed,
                                 message: "refund currency \(amount.currency) differs from the payment's \(payment.amount.currency)")
        }
        let record = RefundRecord(
            refundRequestId: refundRequestId ?? newRequestId(prefix: "REF"), paymentRequestId: paymentRequestId,
            amount: amount, reason: reason, createdAt: clock.now
        )
        do {
            try await store.insert(record, limitMinorUnits: limit)
        } catch let error as StoreError where error.code == .refundLimitExceeded {
            throw AutoDebitError(code: .refundExceedsRemaining, message: error.message)
        }
        return try await send(record)
    }

    /// Sends a stored refund (again) with its own id and an identical body.
    func send(_ refund: RefundRecord) async throws -> RefundOutcome {
        let request = RefundRequest(
            paymentRequestId: refund.paymentRequestId, refundRequestId: refund.refundRequestId,
            refundAmount: refund.amount, refundReason: refund.reason
        )
        let response: RefundResponse
        do {
            response = try await client.send(request)
        } catch let error as AlipayPlusError where !error.requestMayHaveBeenProcessed {
            _ = try await settle(refund.refundRequestId, .failed, code: ResultCode(rawValue: "REQUEST_NOT_SENT"))
            throw error
        } catch {
            emit(AlipayPlusEvent(.refundPending, refundRequestId: refund.refundRequestId, message: "\(error)"))
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
                                 refundRequestId: refund.refundRequestId))
            return .pending(refund)
        }
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
            throw AutoDebitError(code: .paymentNotFound, message: "no refund \(refundRequestId)")
        }
        return updated.after
    }
}
