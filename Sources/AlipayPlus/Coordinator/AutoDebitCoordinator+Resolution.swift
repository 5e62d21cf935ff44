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
            try await self.resolveUnderLease(paymentRequestId)
        }
    }

    /// Resolves a payment under its `payment:<id>` lease, so one instance at a time inquires or
    /// cancels it: with `held` (the charge that stored it, or a recovery claim) at once; otherwise once
    /// the lease can be taken, returning the holder's outcome instead when it lands in the store first.
    /// A run whose lease lapsed and was taken over stops writing (fencing) and waits for the new holder.
    ///
    /// - Throws: as ``resolvePayment(paymentRequestId:)``.
    func resolveUnderLease(_ paymentRequestId: String, holding held: Lease? = nil) async throws -> ChargeOutcome {
        var held = held
        while true {
            let lease: Lease?
            if let taken = held {
                lease = taken
                held = nil
            } else {
                let claim = try await leaseOrResult(Lease.payment(paymentRequestId)) {
                    ChargeOutcome(finalState: try await existingPayment(paymentRequestId))
                }
                if let outcome = claim.value { return outcome }
                lease = claim.lease
            }
            do {
                return try await releasing(lease) { try await runResolution(paymentRequestId: paymentRequestId, lease: lease) }
            } catch let error as StoreError where error.code == .leaseLost {
                emit(AlipayPlusEvent(.warning, paymentRequestId: paymentRequestId,
                                     message: "another instance took the resolution over; waiting for its outcome: \(error)"))
            }
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
    ///   after ``AutoDebitCoordinator/Configuration-swift.struct/Resolution-swift.struct/cancelAttempts``: recover() continues it); an
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
        return try await resolvePayment(paymentRequestId: paymentRequestId)
    }

    /// Drives ``PaymentResolution`` for one stored payment: the machine decides, this runner only
    /// performs its actions (sleep, read, inquire, cancel, store a transition) and reports back.
    ///
    /// Every answer that told nothing (a failed call, a declined cancel, an unverifiable answer) is
    /// reported as a `warning` event and tallied for the final `unresolved` error; an
    /// ``UnrecoverableTransportError`` and the calling task's cancellation end the run at once.
    ///
    /// The lease is renewed before every step; a lease lost meanwhile ends the run with `leaseLost`.
    private func runResolution(paymentRequestId id: String, lease held: Lease?) async throws -> ChargeOutcome {
        var machine = PaymentResolution(policy: configuration.resolution)
        var payment = try await existingPayment(id)
        var failures = ResolutionFailures()
        var action = machine.started(payment: payment, now: clock.now)
        var lease = held
        while true {
            if let current = lease, !action.isFinal {
                guard let renewed = try await renewLease(current) else {
                    throw StoreError(code: .leaseLost, message: "lease \(current.name) lapsed and was taken over; "
                        + "payment \(id) is left to its new holder")
                }
                lease = renewed
            }
            switch action {
            case .wait(let until):
                try await clock.sleep(for: clock.now.sleep(until: until))
                action = machine.timerFired(now: clock.now)
            case .readPayment:
                payment = try await existingPayment(id)
                action = machine.storeChanged(payment)
            case .sendInquiry:
                let verdict = try await inquiryVerdict(for: payment, failures: &failures)
                action = machine.inquiryAnswered(verdict, now: clock.now)
            case .sendCancel:
                let verdict = try await cancelVerdict(for: payment, failures: &failures)
                action = machine.cancelAnswered(verdict, now: clock.now)
            case .apply(let change):
                payment = try await finishAndEmit(id, change, under: lease)
                action = machine.storeChanged(payment)
            case .finish(let outcome):
                return outcome
            case .giveUp(let reason):
                throw AutoDebitError(
                    code: .unresolved,
                    message: "payment \(id) is cancelRequested but \(reason) (\(failures.summary)); recover() (or "
                        + "runRecoveryLoop) keeps trying",
                    underlyingError: failures.last
                )
            case .keepWaiting:
                // A runner that reports every result at once never sees this: the machine's rules broke.
                throw AutoDebitError(code: .unresolved,
                                     message: "payment \(id): the resolution stalled (\(failures.summary)); recover() retries it",
                                     underlyingError: failures.last)
            }
        }
    }

    /// Sends inquiryPayment and judges its answer; a call that told nothing is reported.
    private func inquiryVerdict(for payment: PaymentRecord, failures: inout ResolutionFailures) async throws -> InquiryVerdict {
        let verdict: InquiryVerdict
        do {
            let answer = try await client.send(InquiryPaymentRequest(paymentRequestId: payment.paymentRequestId))
            verdict = InquiryVerdict(answer: answer, about: payment)
            if case .answerFailed(let reason) = verdict { note(failures.record("inquiry", answeredWith: reason), payment: payment) }
        } catch let error as any UnrecoverableTransportError {
            throw error
        } catch {
            try Task.checkCancellation()
            note(failures.record("inquiry", error), payment: payment)
            verdict = InquiryVerdict(error: error)
        }
        return verdict
    }

    /// Sends cancelPayment (same id, same body) and judges its answer; one that did not confirm is reported.
    private func cancelVerdict(for payment: PaymentRecord, failures: inout ResolutionFailures) async throws -> CancelVerdict {
        let verdict: CancelVerdict
        do {
            verdict = CancelVerdict(answer: try await client.send(CancelPaymentRequest(paymentRequestId: payment.paymentRequestId)))
            if case .declined(let code) = verdict {
                note(failures.record("cancelPayment", answeredWith: "cancelPayment was declined with \(code.rawValue)"),
                     payment: payment)
            }
        } catch let error as any UnrecoverableTransportError {
            throw error
        } catch {
            try Task.checkCancellation()
            note(failures.record("cancelPayment", error), payment: payment)
            verdict = CancelVerdict(error: error)
        }
        return verdict
    }

    /// Tells the merchant about a failed call the resolution goes on after.
    private func note(_ failure: String, payment: PaymentRecord) {
        emit(AlipayPlusEvent(.warning, paymentRequestId: payment.paymentRequestId,
                             merchantUserId: payment.merchantUserId, message: failure))
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
            return record(call, answeredWith: "\(call) failed: \(error)")
        }

        /// Records an answer that told nothing (declined, unverifiable); returns the line to report.
        mutating func record(_ call: String, answeredWith line: String) -> String {
            lastText = line
            counts[call, default: 0] += 1
            return line
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
    func finish(
        _ paymentRequestId: String, _ change: PaymentTransition, under lease: Lease? = nil
    ) async throws -> ChargeOutcome {
        let payment = try await finishAndEmit(paymentRequestId, change, under: lease)
        return ChargeOutcome(finalState: payment) ?? .pending(payment)
    }

    /// Applies a transition and emits the event of what it changed (a final state reached, a cancel
    /// started, a late success ignored); returns the stored record.
    ///
    /// `deliveryKey` (a notification's) is recorded in the same write, when the transition writes;
    /// `known` is the record as the store last returned it to this flight (the first write is tried
    /// from it without a read, see ``modifyPayment(_:under:deliveryKey:known:releasingWhenFinal:_:)``).
    func finishAndEmit(
        _ paymentRequestId: String, _ change: PaymentTransition, under lease: Lease? = nil, deliveryKey: String? = nil,
        known: PaymentRecord? = nil, releasingWhenFinal: Bool = false
    ) async throws -> PaymentRecord {
        try await finishAndEmitUpdate(paymentRequestId, change, under: lease, deliveryKey: deliveryKey, known: known,
                                      releasingWhenFinal: releasingWhenFinal).after
    }

    /// ``finishAndEmit(_:_:under:deliveryKey:known:releasingWhenFinal:)`` returning the record before and after.
    func finishAndEmitUpdate(
        _ paymentRequestId: String, _ change: PaymentTransition, under lease: Lease? = nil, deliveryKey: String? = nil,
        known: PaymentRecord? = nil, releasingWhenFinal: Bool = false
    ) async throws -> RecordUpdate<PaymentRecord> {
        let update = try await transition(paymentRequestId, change, under: lease, deliveryKey: deliveryKey, known: known,
                                          releasingWhenFinal: releasingWhenFinal)
        let payment = update.after
        guard update.changed else { return update }
        if case .succeeded = change, payment.state != .succeeded {
            emit(.paymentConflict, payment: payment, message: "Alipay+ reported a success for a payment that is "
                + "\(payment.state.rawValue); the recorded outcome stands: reconcile it")
        }
        guard update.before.state != payment.state else { return update }
        switch payment.state {
        case .succeeded: emit(.paymentSucceeded, payment: payment)
        case .failed: emit(.paymentFailed, payment: payment)
        case .canceled: emit(.paymentCanceled, payment: payment)
        case .pending: emit(.paymentPending, payment: payment, message: "outcome unknown: inquiring")
        case .cancelRequested: emit(.paymentPending, payment: payment, message: "outcome still unknown: cancelling")
        case .created: break
        }
        return update
    }

    /// Applies `change` by compare-and-set (under `lease`, with `deliveryKey` in the same write);
    /// returns the record before and after it. `releasingWhenFinal`: see
    /// ``modifyPayment(_:under:deliveryKey:known:releasingWhenFinal:_:)``.
    func transition(
        _ paymentRequestId: String, _ change: PaymentTransition, under lease: Lease? = nil, deliveryKey: String? = nil,
        known: PaymentRecord? = nil, releasingWhenFinal: Bool = false
    ) async throws -> RecordUpdate<PaymentRecord> {
        let now = clock.now
        guard let update = try await modifyPayment(paymentRequestId, under: lease, deliveryKey: deliveryKey, known: known,
                                                   releasingWhenFinal: releasingWhenFinal, {
            change.apply(to: &$0, at: now)
        }) else {
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

extension PaymentResolution.Action {
    /// Whether the run ends with this action (no lease renewal needed).
    var isFinal: Bool {
        switch self {
        case .finish, .giveUp: true
        default: false
        }
    }
}
