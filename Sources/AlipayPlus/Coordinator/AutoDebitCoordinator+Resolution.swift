import AlipayPlusModels
import AlipayPlusTransport
import Foundation

extension AutoDebitCoordinator {
    /// Resolves a payment whose outcome is not final: inquiry, then cancellation.
    ///
    /// Returns at once for a final payment. Concurrent calls for one payment share one resolution.
    /// Every failed inquiry or cancel is reported as a `warning` event, and the last one is the
    /// ``AutoDebitError/underlyingError`` of an `unresolved` error.
    ///
    /// - Throws: ``AutoDebitError`` (`paymentNotFound`, `unresolved`); an ``UnrecoverableTransportError``
    ///   from the transport, unchanged (nothing is marked); a ``StoreError`` when the store fails;
    ///   `CancellationError` when the calling task is cancelled.
    public func resolvePayment(paymentRequestId: String) async throws -> ChargeOutcome {
        try await resolutionFlights.run(key: paymentRequestId) {
            try await self.runResolution(paymentRequestId: paymentRequestId)
        }
    }

    /// Cancels a payment (allowed until 00:15 UTC+8 the next day, whatever its state) and retries the
    /// cancel until Alipay+ confirms it. A success notification arriving afterwards does not count.
    ///
    /// The rule "a payment with refunds is not cancelled" is checked in the same atomic store write
    /// that requests the cancel (the payment's ``PaymentRecord/refunds`` tally is kept by the store
    /// with each refund), so a refund and a cancel at once never both reach Alipay+.
    ///
    /// - Throws: ``AutoDebitError`` (`paymentNotFound`; `cancelNotAllowed` for a payment with refunds
    ///   that are not failed: refund the rest instead; `unresolved` when the cancel is still unconfirmed
    ///   after ``AutoDebitConfiguration/cancelAttempts``: recover() continues it); an
    ///   ``UnrecoverableTransportError`` from the transport, unchanged; a ``StoreError`` when the store
    ///   fails; `CancellationError` when the calling task is cancelled.
    public func cancel(paymentRequestId: String) async throws -> ChargeOutcome {
        // Persisted first: a resolution already running sees it and turns to cancelling, and a crash
        // from here on leaves a payment that recover() cancels.
        let requested = try await transition(paymentRequestId, .cancelRequested(mayCancelSuccess: true)).after
        if requested.state == .succeeded, requested.refunds.count > 0 {
            throw AutoDebitError(code: .cancelNotAllowed,
                                 message: "payment \(paymentRequestId) has refunds; refund the rest instead of cancelling")
        }
        if let outcome = ChargeOutcome(finalState: requested) { return outcome }
        return try await resolutionFlights.run(key: paymentRequestId) {
            try await self.runResolution(paymentRequestId: paymentRequestId)
        }
    }

    /// Inquires every interval until the window closes, then cancels; a cancel requested meanwhile
    /// (by the merchant) turns it to cancelling at once.
    private func runResolution(paymentRequestId: String) async throws -> ChargeOutcome {
        var payment = try await existingPayment(paymentRequestId)
        let deadline = clock.now.adding(configuration.inquiryWindow)
        var failures = ResolutionFailures()
        inquiring: while payment.state != .cancelRequested {
            if let outcome = ChargeOutcome(finalState: payment) { return outcome }
            guard clock.now < deadline else { break }
            try await clock.sleep(for: configuration.inquiryInterval)
            payment = try await existingPayment(paymentRequestId)
            guard payment.state == .created || payment.state == .pending else { continue }
            let found: InquiryPaymentResponse
            do {
                found = try await client.send(InquiryPaymentRequest(paymentRequestId: paymentRequestId))
            } catch let error as any UnrecoverableTransportError {
                throw error
            } catch {
                try Task.checkCancellation()
                note(failures.record("inquiry", error), payment: payment)
                continue
            }
            guard found.result.resultStatus == .success, let paymentResult = found.paymentResult else { continue }
            let outcome: ChargeOutcome
            switch paymentResult.resultStatus {
            case .success:
                warnIfAmountDiffers(found.paymentAmount, from: payment, source: "inquiryPayment")
                outcome = try await finish(paymentRequestId,
                                           .succeeded(paymentId: found.paymentId, paymentTime: found.paymentTime))
            case .failure:
                outcome = try await finish(paymentRequestId, .failed(paymentResult.resultCode))
            default:
                continue inquiring
            }
            // Not final: a cancel was requested while the inquiry was on its way, and the cancel wins.
            guard case .pending = outcome else { return outcome }
            break inquiring
        }
        return try await cancelUntilConfirmed(paymentRequestId: paymentRequestId, failures: failures)
    }

    /// Tells the merchant about a failed call the resolution goes on after.
    private func note(_ failure: String, payment: PaymentRecord) {
        emit(AlipayPlusEvent(.warning, paymentRequestId: payment.paymentRequestId,
                             merchantUserId: payment.merchantUserId, message: failure))
    }

    /// Sends cancelPayment until Alipay+ confirms it.
    ///
    /// `ORDER_NOT_EXIST` means Alipay+ never took the pay, but only once no pay can still be on its way:
    /// before ``AutoDebitConfiguration/inquiryWindow`` has passed since the intent was stored, the cancel
    /// is repeated instead.
    private func cancelUntilConfirmed(
        paymentRequestId: String, failures: ResolutionFailures = ResolutionFailures()
    ) async throws -> ChargeOutcome {
        var failures = failures
        let requested = try await transition(paymentRequestId, .cancelRequested(mayCancelSuccess: false))
        if let outcome = ChargeOutcome(finalState: requested.after) { return outcome }
        if requested.changed { emit(.paymentPending, payment: requested.after, message: "outcome still unknown: cancelling") }
        let payCannotArriveAfter = requested.after.createdAt.adding(configuration.inquiryWindow)
        var failedAttempts = 0
        while true {
            let answer: CancelPaymentResponse?
            do {
                answer = try await client.send(CancelPaymentRequest(paymentRequestId: paymentRequestId))
            } catch let error as any UnrecoverableTransportError {
                throw error
            } catch {
                try Task.checkCancellation()
                note(failures.record("cancelPayment", error), payment: requested.after)
                answer = nil
            }
            if let response = answer {
                let result = response.result
                if result.resultStatus == .success {
                    return try await finish(paymentRequestId, .canceled)
                }
                if result.resultCode == .orderNotExist {
                    if clock.now >= payCannotArriveAfter { return try await finish(paymentRequestId, .canceled) }
                    try await clock.sleep(for: configuration.cancelRetryDelay)
                    continue
                }
                failures.record("cancelPayment", answeredWith: result)
            }
            failedAttempts += 1
            guard failedAttempts < max(1, configuration.cancelAttempts) else { break }
            try await clock.sleep(for: configuration.cancelRetryDelay)
        }
        throw AutoDebitError(
            code: .unresolved,
            message: "payment \(paymentRequestId) is cancelRequested but Alipay+ has not confirmed the cancel "
                + "(\(failures.summary)); recover() (or runRecoveryLoop) keeps trying",
            underlyingError: failures.last
        )
    }

    /// Records why a resolution's calls failed, for its events and its final error.
    struct ResolutionFailures {
        /// The last error a call threw.
        private(set) var last: (any Error)?
        private var lastText: String?
        private var counts: [String: Int] = [:]

        /// Records a thrown error; returns the line to report.
        mutating func record(_ call: String, _ error: any Error) -> String {
            last = error
            let line = "\(call) failed: \(error)"
            lastText = line
            counts[call, default: 0] += 1
            return line
        }

        /// Records an answer that did not confirm.
        mutating func record(_ call: String, answeredWith result: APIResult) {
            lastText = "\(call) answered \(result.resultStatus) \(result.resultCode.rawValue)"
            counts[call, default: 0] += 1
        }

        /// What kept failing, in one line.
        var summary: String {
            let tally = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key) failed" }.joined(separator: ", ")
            guard let lastText else { return "no call failed" }
            return "\(tally); last: \(lastText)"
        }
    }

    /// Applies a transition, emits the payment's event when (and only when) this call changed it, and
    /// returns the stored outcome (which may differ: a notification can have settled the payment first).
    @discardableResult
    func finish(_ paymentRequestId: String, _ change: PaymentTransition) async throws -> ChargeOutcome {
        let update = try await transition(paymentRequestId, change)
        let payment = update.after
        if case .succeeded = change, update.changed, payment.state != .succeeded {
            emit(.paymentConflict, payment: payment, message: "Alipay+ reported a success for a payment that is "
                + "\(payment.state.rawValue); the recorded outcome stands: reconcile it")
        }
        guard let outcome = ChargeOutcome(finalState: payment) else { return .pending(payment) }
        guard update.changed, update.before.state != payment.state else { return outcome }
        switch outcome {
        case .succeeded: emit(.paymentSucceeded, payment: payment)
        case .failed: emit(.paymentFailed, payment: payment)
        case .canceled: emit(.paymentCanceled, payment: payment)
        case .pending, .needsReauthorization: break
        }
        return outcome
    }

    /// Applies `change` atomically; returns the record before and after it.
    func transition(_ paymentRequestId: String, _ change: PaymentTransition) async throws -> RecordUpdate<PaymentRecord> {
        let now = clock.now
        guard let update = try await store.update(paymentRequestId: paymentRequestId, { change.apply(to: &$0, at: now) })
        else {
            throw AutoDebitError(code: .paymentNotFound, message: "no payment \(paymentRequestId)")
        }
        return update
    }

    func existingPayment(_ paymentRequestId: String) async throws -> PaymentRecord {
        guard let payment = try await store.payment(requestId: paymentRequestId) else {
            throw AutoDebitError(code: .paymentNotFound, message: "no payment \(paymentRequestId)")
        }
        return payment
    }
}
