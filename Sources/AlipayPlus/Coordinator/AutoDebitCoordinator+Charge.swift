public import AlipayPlusModels
import Foundation

extension AutoDebitCoordinator {
    /// Charges a bound user and returns the final outcome.
    ///
    /// The intent (request id, amount) is persisted before pay is sent. An unknown outcome (`U`,
    /// `PAYMENT_IN_PROCESS`, a timeout after sending, an unverifiable answer) is resolved as the spec
    /// says: inquiryPayment every ``AutoDebitConfiguration/inquiryInterval`` for up to
    /// ``AutoDebitConfiguration/inquiryWindow``, then cancelPayment until confirmed. A pay is never sent
    /// twice. `EXPIRED_ACCESS_TOKEN` (a definite `F`, so the first attempt was not taken) refreshes the
    /// token and retries once with a new request id.
    ///
    /// - Parameters:
    ///   - request: the user, amount and order.
    ///   - waitForFinalOutcome: `false` returns ``ChargeOutcome/pending(_:)`` at once when the outcome is
    ///     unknown and resolves it in the background (watch the events).
    /// - Throws: ``AutoDebitError`` (`noActiveBinding`, `tokenRefreshFailed`, `unresolved`), or the
    ///   ``AlipayPlusError`` of a pay that was never sent (the payment is then stored as failed).
    public func charge(_ request: ChargeRequest, waitForFinalOutcome: Bool = true) async throws -> ChargeOutcome {
        try await chargeGate.run {
            try await admittedCharge(request, waitForFinalOutcome: waitForFinalOutcome)
        }
    }

    private func admittedCharge(_ request: ChargeRequest, waitForFinalOutcome: Bool) async throws -> ChargeOutcome {
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
        switch try await refreshedIfNeeded(fresh, force: true) {
        case .needsReauthorization(let reason):
            return .needsReauthorization(bindingId: binding.bindingId, reason: reason)
        case .ready(let refreshed):
            let retryId = newRequestId(prefix: "PAY")
            _ = try await store.update(paymentRequestId: expired.paymentRequestId) { record in
                record.retriedAs = retryId
                return true
            }
            return try await pay(request, binding: refreshed, paymentRequestId: retryId,
                                 waitForFinalOutcome: waitForFinalOutcome)
        }
    }

    /// Resolves a payment whose outcome is not final: inquiry, then cancellation.
    ///
    /// Returns at once for a final payment. Concurrent calls for one payment share one resolution.
    public func resolvePayment(paymentRequestId: String) async throws -> ChargeOutcome {
        try await resolutionFlights.run(key: paymentRequestId) {
            try await self.runResolution(paymentRequestId: paymentRequestId)
        }
    }

    /// Cancels a payment (allowed until 00:15 UTC+8 the next day, whatever its state) and retries the
    /// cancel until Alipay+ confirms it. A success notification arriving afterwards does not count.
    public func cancel(paymentRequestId: String) async throws -> ChargeOutcome {
        // Persisted first: a resolution already running sees it and turns to cancelling, and a crash
        // from here on leaves a payment that recover() cancels.
        let requested = try await transition(paymentRequestId, .cancelRequested(mayCancelSuccess: true)).record
        if let outcome = ChargeOutcome(finalState: requested) { return outcome }
        return try await resolutionFlights.run(key: paymentRequestId) {
            try await self.runResolution(paymentRequestId: paymentRequestId)
        }
    }

    // MARK: - Steps

    private func chargeableBinding(for request: ChargeRequest) async throws -> BindingRecord {
        if let bindingId = request.bindingId {
            guard let binding = try await store.binding(id: bindingId), binding.merchantUserId == request.merchantUserId,
                  binding.status != .removed
            else {
                throw AutoDebitError(code: .noActiveBinding, message: "binding \(bindingId) is not a binding of this user")
            }
            return binding
        }
        let bindings = try await store.bindings(merchantUserId: request.merchantUserId)
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
        let (pending, changed) = try await transition(record.paymentRequestId, .outcomeUnknown)
        if changed { emit(.paymentPending, payment: pending, message: "outcome unknown: inquiring") }
        return try await resolve(pending, waitForFinalOutcome: waitForFinalOutcome)
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

    private func runResolution(paymentRequestId: String) async throws -> ChargeOutcome {
        var payment = try await existingPayment(paymentRequestId)
        let deadline = clock.now.adding(configuration.inquiryWindow)
        while payment.state != .cancelRequested {
            if let outcome = ChargeOutcome(finalState: payment) { return outcome }
            guard clock.now < deadline else { break }
            try await clock.sleep(for: configuration.inquiryInterval)
            payment = try await existingPayment(paymentRequestId)
            guard payment.state == .created || payment.state == .pending else { continue }
            if let found = try? await client.send(InquiryPaymentRequest(paymentRequestId: paymentRequestId)),
               found.result.resultStatus == .success, let paymentResult = found.paymentResult
            {
                switch paymentResult.resultStatus {
                case .success:
                    return try await finish(paymentRequestId,
                                            .succeeded(paymentId: found.paymentId, paymentTime: found.paymentTime))
                case .failure:
                    return try await finish(paymentRequestId, .failed(paymentResult.resultCode))
                default:
                    break
                }
            }
        }
        return try await cancelUntilConfirmed(paymentRequestId: paymentRequestId)
    }

    private func cancelUntilConfirmed(paymentRequestId: String) async throws -> ChargeOutcome {
        let (requested, changed) = try await transition(paymentRequestId, .cancelRequested(mayCancelSuccess: false))
        if let outcome = ChargeOutcome(finalState: requested) { return outcome }
        if changed { emit(.paymentPending, payment: requested, message: "outcome still unknown: cancelling") }
        for attempt in 1...max(1, configuration.cancelAttempts) {
            if let response = try? await client.send(CancelPaymentRequest(paymentRequestId: paymentRequestId)) {
                let result = response.result
                // ORDER_NOT_EXIST: Alipay+ never took the pay, so nothing was charged: as good as cancelled.
                if result.resultStatus == .success || result.resultCode == .orderNotExist {
                    return try await finish(paymentRequestId, .canceled)
                }
            }
            if attempt < configuration.cancelAttempts {
                try await clock.sleep(for: configuration.cancelRetryDelay)
            }
        }
        throw AutoDebitError(
            code: .unresolved,
            message: "payment \(paymentRequestId) is cancelRequested but Alipay+ has not confirmed the cancel; "
                + "recover() keeps trying"
        )
    }

    /// Applies a transition, emits the payment's final event when (and only when) this call made it
    /// final, and returns the stored outcome (which may differ: a notification can have settled the
    /// payment first).
    @discardableResult
    func finish(_ paymentRequestId: String, _ change: PaymentTransition) async throws -> ChargeOutcome {
        let (payment, changed) = try await transition(paymentRequestId, change)
        guard let outcome = ChargeOutcome(finalState: payment) else { return .pending(payment) }
        guard changed else { return outcome }
        switch outcome {
        case .succeeded: emit(.paymentSucceeded, payment: payment)
        case .failed: emit(.paymentFailed, payment: payment)
        case .canceled: emit(.paymentCanceled, payment: payment)
        case .pending, .needsReauthorization: break
        }
        return outcome
    }

    /// Applies `change` atomically; returns the record after it and whether it changed.
    func transition(
        _ paymentRequestId: String, _ change: PaymentTransition
    ) async throws -> (record: PaymentRecord, changed: Bool) {
        let now = clock.now
        let changed = ChangeFlag()
        let payment = try await store.update(paymentRequestId: paymentRequestId) { record in
            guard change.apply(to: &record, at: now) else { return false }
            changed.set()
            return true
        }
        guard let payment else {
            throw AutoDebitError(code: .paymentNotFound, message: "no payment \(paymentRequestId)")
        }
        return (payment, changed.isSet)
    }

    func existingPayment(_ paymentRequestId: String) async throws -> PaymentRecord {
        guard let payment = try await store.payment(requestId: paymentRequestId) else {
            throw AutoDebitError(code: .paymentNotFound, message: "no payment \(paymentRequestId)")
        }
        return payment
    }
}
