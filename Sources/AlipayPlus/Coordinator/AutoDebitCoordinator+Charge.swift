import AlipayPlusModels
import Foundation

extension AutoDebitCoordinator {
    /// Charges a bound user and returns the final outcome.
    ///
    /// The intent (request id, amount) is persisted before pay is sent. An unknown outcome (`U`,
    /// `PAYMENT_IN_PROCESS`, a timeout after sending, an unverifiable answer) is resolved as the spec
    /// says: inquiryPayment every ``AutoDebitConfiguration/inquiryInterval`` for up to
    /// ``AutoDebitConfiguration/inquiryWindow``, then cancelPayment until confirmed. A pay is never sent
    /// twice. `EXPIRED_ACCESS_TOKEN` (a definite `F`, so the first attempt was not taken) refreshes the
    /// token and retries once under a request id derived from the first (`<id>-R`), so repeating the
    /// same charge never pays twice.
    ///
    /// Calling `charge` again with the same ``ChargeRequest/paymentRequestId`` resumes that charge; a
    /// request without an id resumes an unfinished payment of the same user and order instead of
    /// paying again. Persist your own request id to make a retry after a crash safe.
    ///
    /// - Parameters:
    ///   - request: the user, amount and order.
    ///   - waitForFinalOutcome: `false` returns ``ChargeOutcome/pending(_:)`` at once when the outcome is
    ///     unknown and resolves it in the background (watch the events).
    /// - Throws: ``AutoDebitError`` (`noActiveBinding`, `tokenRefreshFailed`, `unresolved`,
    ///   `paymentRequestIdReused`), or the ``AlipayPlusError`` of a pay that was never sent (the payment is
    ///   then stored as failed).
    public func charge(_ request: ChargeRequest, waitForFinalOutcome: Bool = true) async throws -> ChargeOutcome {
        try await chargeGate.run {
            try await admittedCharge(request, waitForFinalOutcome: waitForFinalOutcome)
        }
    }

    private func admittedCharge(_ request: ChargeRequest, waitForFinalOutcome: Bool) async throws -> ChargeOutcome {
        if request.paymentRequestId == nil, let unfinished = try await unfinishedPayment(for: request) {
            return try await resolve(unfinished, waitForFinalOutcome: waitForFinalOutcome)
        }
        let binding = try await chargeableBinding(for: request)
        guard binding.status == .active else {
            return .needsReauthorization(bindingId: binding.bindingId, reason: binding.statusReason ?? .invalidAccessToken)
        }
        let fresh: BindingRecord
        switch try await refreshedIfNeeded(binding) {
        case .ready(let record): fresh = record
        case .needsReauthorization(let reason): return .needsReauthorization(bindingId: binding.bindingId, reason: reason)
        }
        let first = try await pay(request, binding: fresh, paymentRequestId: request.paymentRequestId,
                                  waitForFinalOutcome: waitForFinalOutcome)
        guard case .failed(.expiredAccessToken, let expired) = first else { return first }
        return try await retryWithRefreshedToken(request, after: expired, binding: fresh,
                                                 waitForFinalOutcome: waitForFinalOutcome)
    }

    /// The one retry after `EXPIRED_ACCESS_TOKEN`: its id is recorded on the expired payment before it
    /// is sent, so every later call for the same charge resumes it instead of paying again.
    private func retryWithRefreshedToken(
        _ request: ChargeRequest, after expired: PaymentRecord, binding: BindingRecord, waitForFinalOutcome: Bool
    ) async throws -> ChargeOutcome {
        let retryId = expired.retriedAs ?? Self.retryRequestId(after: expired.paymentRequestId)
        if expired.retriedAs == nil {
            _ = try await store.update(paymentRequestId: expired.paymentRequestId) { record in
                record.retriedAs = record.retriedAs ?? retryId
                return true
            }
        }
        switch try await refreshedIfNeeded(binding, force: expired.retriedAs == nil) {
        case .needsReauthorization(let reason):
            return .needsReauthorization(bindingId: binding.bindingId, reason: reason)
        case .ready(let refreshed):
            return try await pay(request, binding: refreshed, paymentRequestId: retryId,
                                 waitForFinalOutcome: waitForFinalOutcome)
        }
    }

    /// The retry id for a payment: `<id>-R`, kept within the 64-character limit.
    static func retryRequestId(after paymentRequestId: String) -> String {
        String(paymentRequestId.prefix(62)) + "-R"
    }

    private func unfinishedPayment(for request: ChargeRequest) async throws -> PaymentRecord? {
        try await store.unfinishedPayments(referenceOrderId: request.referenceOrderId).last {
            $0.merchantUserId == request.merchantUserId
        }
    }

    private func chargeableBinding(for request: ChargeRequest) async throws -> BindingRecord {
        if let bindingId = request.bindingId {
            guard let binding = try await store.binding(id: bindingId), binding.merchantUserId == request.merchantUserId,
                  binding.status != .removed, binding.unbindRequestedAt == nil
            else {
                throw AutoDebitError(code: .noActiveBinding, message: "binding \(bindingId) is not a binding of this user")
            }
            return binding
        }
        let bindings = try await store.bindings(merchantUserId: request.merchantUserId).filter { $0.unbindRequestedAt == nil }
        if let active = bindings.last(where: { $0.status == .active }) { return active }
        if let blocked = bindings.last(where: { $0.status == .needsReauthorization }) { return blocked }
        throw AutoDebitError(code: .noActiveBinding,
                             message: "user \(request.merchantUserId) has no bound wallet: call beginBinding first")
    }

    private func pay(
        _ request: ChargeRequest, binding: BindingRecord, paymentRequestId: String?, waitForFinalOutcome: Bool
    ) async throws -> ChargeOutcome {
        let record = PaymentRecord(
            paymentRequestId: paymentRequestId ?? newRequestId(prefix: "PAY"),
            merchantUserId: request.merchantUserId, bindingId: binding.bindingId, amount: request.amount,
            referenceOrderId: request.referenceOrderId, createdAt: clock.now
        )
        do {
            try await store.insert(record)
        } catch let error as StoreError where error.code == .duplicate {
            return try await resume(record, waitForFinalOutcome: waitForFinalOutcome)
        }
        emit(.paymentStarted, payment: record)
        let order = Order(
            referenceOrderId: request.referenceOrderId, orderDescription: request.orderDescription,
            orderAmount: request.amount, merchant: configuration.merchant, env: request.env
        )
        var payRequest = PayRequest.autoDebit(
            paymentRequestId: record.paymentRequestId, accessToken: binding.accessToken, amount: request.amount,
            order: order, settlementCurrency: configuration.settlementCurrency
        )
        payRequest.paymentNotifyUrl = configuration.paymentNotifyURL?.absoluteString
        do {
            let response = try await client.send(payRequest)
            let result = response.result
            switch result.resultStatus {
            case .success:
                warnIfAmountDiffers(response.paymentAmount, from: record, source: "the pay answer")
                return try await finish(record.paymentRequestId,
                                        .succeeded(paymentId: response.paymentId, paymentTime: response.paymentTime))
            case .failure:
                let outcome = try await finish(record.paymentRequestId, .failed(result.resultCode))
                if result.resultCode.documentedAction == .reauthorize {
                    try await markBinding(binding, status: .needsReauthorization, reason: result.resultCode,
                                          event: .bindingNeedsReauthorization)
                }
                return outcome
            default:
                break
            }
        } catch let error as AlipayPlusError where !error.requestMayHaveBeenProcessed {
            _ = try await finish(record.paymentRequestId, .failed(ResultCode(rawValue: "REQUEST_NOT_SENT")))
            throw error
        } catch {
            // The pay may have been processed: resolve it below, never assume it failed.
        }
        let update = try await transition(record.paymentRequestId, .outcomeUnknown)
        if update.changed { emit(.paymentPending, payment: update.after, message: "outcome unknown: inquiring") }
        return try await resolve(update.after, waitForFinalOutcome: waitForFinalOutcome)
    }

    /// A charge whose request id is stored already: never a second pay, only its outcome or its
    /// resolution. A different user or amount under the same id is a programming error.
    private func resume(_ intent: PaymentRecord, waitForFinalOutcome: Bool) async throws -> ChargeOutcome {
        let stored = try await existingPayment(intent.paymentRequestId)
        guard stored.merchantUserId == intent.merchantUserId, stored.amount == intent.amount else {
            throw AutoDebitError(
                code: .paymentRequestIdReused,
                message: "paymentRequestId \(intent.paymentRequestId) belongs to another charge; use a new id"
            )
        }
        if let retryId = stored.retriedAs, let retry = try await store.payment(requestId: retryId) {
            return try await resolve(retry, waitForFinalOutcome: waitForFinalOutcome)
        }
        return try await resolve(stored, waitForFinalOutcome: waitForFinalOutcome)
    }

    /// The outcome of a stored payment: at once when final, else after (or during, in the
    /// background) its resolution.
    private func resolve(_ payment: PaymentRecord, waitForFinalOutcome: Bool) async throws -> ChargeOutcome {
        if let outcome = ChargeOutcome(finalState: payment) { return outcome }
        guard waitForFinalOutcome else {
            Task { _ = try? await self.resolvePayment(paymentRequestId: payment.paymentRequestId) }
            return .pending(payment)
        }
        return try await resolvePayment(paymentRequestId: payment.paymentRequestId)
    }

    /// Emits a conflict event when Alipay+ reports a paid amount other than the one stored.
    func warnIfAmountDiffers(_ reported: Amount?, from payment: PaymentRecord, source: String) {
        guard let reported, reported != payment.amount else { return }
        emit(.paymentConflict, payment: payment,
             message: "\(source) reports \(reported) but \(payment.amount) was asked for: check with Alipay+")
    }
}
