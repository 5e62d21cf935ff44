import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import Foundation

extension AutoDebitCoordinator {
    /// Charges a bound user and returns the final outcome.
    ///
    /// The intent (request id, amount) is persisted before pay is sent. An unknown outcome (`U`,
    /// `PAYMENT_IN_PROCESS`, a timeout after sending, an unverifiable answer) is resolved as the spec
    /// says: inquiryPayment every ``AutoDebitCoordinator/Configuration-swift.struct/Resolution-swift.struct/inquiryInterval`` for up to
    /// ``AutoDebitCoordinator/Configuration-swift.struct/Resolution-swift.struct/inquiryWindow``, then cancelPayment until confirmed. A pay is never sent
    /// twice. `EXPIRED_ACCESS_TOKEN` (a definite `F`, so the first attempt was not taken) refreshes the
    /// token and retries once under a request id derived from the first (`<id>-R`), so repeating the
    /// same charge never pays twice; that retry is never sent with the token that expired.
    ///
    /// One order has at most one unfinished payment, enforced atomically by the store's insert: a
    /// request without an id resumes the unfinished payment of the same user and order instead of
    /// paying again (two concurrent such charges make one pay); a request with a new id for an order
    /// that has an unfinished payment is refused with `orderHasUnfinishedPayment`, naming it.
    ///
    /// Calling `charge` again with the same ``ChargeRequest/paymentRequestId`` resumes that charge (the
    /// same user, amount, currency and order). A charge refused before sending (its request breaks an
    /// API rule) stores nothing, so the corrected charge can use the same id. A pay known never to have
    /// left (for example a refused connection) is stored as failed `REQUEST_NOT_SENT`, and charging the
    /// same request id again sends it (it never reached Alipay+). Persist your own request id to make
    /// a retry after a crash safe.
    ///
    /// - Parameters:
    ///   - request: the user, amount and order.
    ///   - waitForFinalOutcome: `false` returns ``ChargeOutcome/pending(_:)`` at once when the outcome is
    ///     unknown and resolves it in the background (watch the events).
    /// - Throws: ``AutoDebitError`` (`noActiveBinding`, `tokenRefreshFailed`, `unresolved`,
    ///   `paymentRequestIdReused`, `paymentRequestIdNotRetryable`, `orderHasUnfinishedPayment`,
    ///   `bindingNotFound`); the ``AlipayPlusError`` `validation` of a request that breaks an API rule
    ///   (nothing stored), or of a pay that was never sent (stored as failed `REQUEST_NOT_SENT`); an
    ///   ``UnrecoverableTransportError`` from the transport, unchanged; a ``StoreError`` when the store
    ///   fails; `CancellationError` when the calling task is cancelled.
    public func charge(_ request: ChargeRequest, waitForFinalOutcome: Bool = true) async throws -> ChargeOutcome {
        try await chargeGate.run {
            try await admittedCharge(request, waitForFinalOutcome: waitForFinalOutcome)
        }
    }

    private func admittedCharge(_ request: ChargeRequest, waitForFinalOutcome: Bool) async throws -> ChargeOutcome {
        if let id = request.paymentRequestId { try Self.checkRetryable(id) }
        let binding: BindingRecord
        do {
            binding = try await chargeableBinding(for: request)
        } catch let error as AutoDebitError where error.code == .noActiveBinding {
            if let outcome = try await resumedUnfinishedPayment(of: request, waitForFinalOutcome: waitForFinalOutcome) {
                return outcome
            }
            throw error
        }
        guard binding.status == .active else {
            if let outcome = try await resumedUnfinishedPayment(of: request, waitForFinalOutcome: waitForFinalOutcome) {
                return outcome
            }
            return .needsReauthorization(bindingId: binding.bindingId, reason: binding.statusReason ?? .invalidAccessToken)
        }
        if tokenExpiresSoon(binding),
           let outcome = try await resumedUnfinishedPayment(of: request, waitForFinalOutcome: waitForFinalOutcome) {
            return outcome
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

    /// The one retry after `EXPIRED_ACCESS_TOKEN`: its id and the expired token's digest are recorded on
    /// the expired payment before it is sent, so every later call for the same charge resumes it
    /// instead of paying again, and none sends it with the expired token (a refresh that failed the
    /// first time is made again on resume).
    private func retryWithRefreshedToken(
        _ request: ChargeRequest, after expired: PaymentRecord, binding: BindingRecord, waitForFinalOutcome: Bool
    ) async throws -> ChargeOutcome {
        let retryId = expired.retriedAs ?? Self.retryRequestId(after: expired.paymentRequestId)
        var expiredDigest = expired.expiredAccessTokenDigest
        if expired.retriedAs == nil {
            let digest = Self.digest(of: binding.accessToken)
            let update = try await modifyPayment(expired.paymentRequestId) { record in
                guard record.retriedAs == nil else { return false }
                record.retriedAs = retryId
                record.expiredAccessTokenDigest = digest
                return true
            }
            expiredDigest = update?.after.expiredAccessTokenDigest
        }
        // The binding as stored now: a refresh may have replaced the expired token since.
        let current = try await store.binding(id: binding.bindingId) ?? binding
        let stillExpired = expiredDigest.map { $0 == Self.digest(of: current.accessToken) } ?? true
        switch try await refreshedIfNeeded(current, force: stillExpired) {
        case .needsReauthorization(let reason):
            return .needsReauthorization(bindingId: binding.bindingId, reason: reason)
        case .ready(let refreshed):
            guard expiredDigest != Self.digest(of: refreshed.accessToken) else {
                throw AutoDebitError(code: .tokenRefreshFailed,
                                     message: "the token Alipay+ called expired was not replaced; nothing was charged. Try again later")
            }
            return try await pay(request, binding: refreshed, paymentRequestId: retryId,
                                 waitForFinalOutcome: waitForFinalOutcome)
        }
    }

    /// The retry id for a payment: `<id>-R`. Injective, and never a caller's id: ``checkRetryable(_:)``
    /// refuses caller ids over 62 characters or ending in `-R`, so two charges never share a retry.
    static func retryRequestId(after paymentRequestId: String) -> String {
        paymentRequestId + "-R"
    }

    /// Refuses a caller's request id the library cannot derive a distinct retry id for.
    static func checkRetryable(_ paymentRequestId: String) throws {
        guard paymentRequestId.count <= 62, !paymentRequestId.hasSuffix("-R") else {
            throw AutoDebitError(
                code: .paymentRequestIdNotRetryable,
                message: "paymentRequestId \(paymentRequestId.prefix(64)) must be at most 62 characters and not end in "
                    + "\"-R\" (the library's EXPIRED_ACCESS_TOKEN retry uses <id>-R within the 64-character limit); "
                    + "use a shorter id. Nothing was stored or sent"
            )
        }
    }

    /// A non-reversible fingerprint of a token, safe to persist.
    static func digest(of token: Secret) -> String {
        SHA256Digest.hex(of: Data(token.revealed.utf8))
    }

    /// The outcome of the order's unfinished payment, for a charge without an id (which resumes it);
    /// `nil` when the charge has an id or the order has none.
    ///
    /// The store's insert finds that payment atomically, so a new charge never reads it first; it is
    /// looked up before only where the charge would otherwise stop (no usable binding) or refresh a token.
    private func resumedUnfinishedPayment(of request: ChargeRequest, waitForFinalOutcome: Bool) async throws -> ChargeOutcome? {
        guard request.paymentRequestId == nil,
              let unfinished = try await store.unfinishedPayments(referenceOrderId: request.referenceOrderId)
                  .last(where: { $0.merchantUserId == request.merchantUserId })
        else { return nil }
        return try await resolve(unfinished, waitForFinalOutcome: waitForFinalOutcome)
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
        let order = Order(
            referenceOrderId: request.referenceOrderId, orderDescription: request.orderDescription,
            orderAmount: request.amount, merchant: configuration.merchant, env: request.env
        )
        var payRequest = PayRequest.autoDebit(
            paymentRequestId: record.paymentRequestId, accessToken: binding.accessToken, amount: request.amount,
            order: order, settlementCurrency: configuration.settlementCurrency
        )
        payRequest.paymentNotifyUrl = configuration.paymentNotifyURL?.absoluteString
        // Refused before anything is stored: the corrected charge can use the same id.
        try refuseInvalid(payRequest)
        // The payment's lease, taken before (or with) the intent and held until the charge ends: no
        // other instance's recovery inquires or cancels a pay still on its way. An id made here is new
        // to every instance: its lease and intent go in one store call, and no flight can have settled it.
        let resumable = paymentRequestId == nil
        if resumable, let leased = try await leasedInsert(record) {
            return try await underPaymentLease(leased.lease, of: record) {
                try await sendInserted(leased.inserted, intent: record, payRequest: payRequest, binding: binding,
                                       lease: leased.lease, resumable: resumable, waitForFinalOutcome: waitForFinalOutcome)
            }
        }
        let claim = try await leaseOrResult(Lease.payment(record.paymentRequestId)) {
            resumable ? nil : try await settledCharge(record)
        }
        if let outcome = claim.value { return outcome }
        return try await underPaymentLease(claim.lease, of: record) {
            let inserted: Result<PaymentRecord, any Error>
            do { inserted = .success(try await store.insert(record)) } catch { inserted = .failure(error) }
            return try await sendInserted(inserted, intent: record, payRequest: payRequest, binding: binding,
                                          lease: claim.lease, resumable: resumable, waitForFinalOutcome: waitForFinalOutcome)
        }
    }

    /// The payment's lease and intent in one store call, held for this flight (`nil`, with nothing
    /// stored, when another holds the lease).
    private func leasedInsert(_ record: PaymentRecord) async throws -> LeasedInsert? {
        let name = Lease.payment(record.paymentRequestId)
        await localLeases.enter(name)
        let leased: LeasedInsert?
        do {
            leased = try await store.insertLeased(record, owner: leaseOwner(), ttl: configuration.coordination.leaseTTL, now: clock.now)
        } catch {
            await localLeases.leave(name)
            throw error
        }
        if leased == nil { await localLeases.leave(name) }
        return leased
    }

    /// Runs a charge's work under the payment's lease and releases it afterwards. When the lease
    /// lapsed while the pay was on its way and another instance took the payment over, its
    /// resolution (inquiry, never a second pay) decides: this waits for its outcome.
    private func underPaymentLease(
        _ lease: Lease?, of record: PaymentRecord, _ work: () async throws -> ChargeOutcome
    ) async throws -> ChargeOutcome {
        do {
            return try await releasing(lease, work)
        } catch let error as StoreError where error.code == .leaseLost {
            emit(.warning, payment: record, message: "another instance took the payment over: \(error)")
            return try await resolveUnderLease(record.paymentRequestId)
        }
    }

    /// Sends the intent the store took, under the payment's lease; for an intent it refused, resumes
    /// the stored payment of the same id or joins the order's unfinished payment.
    private func sendInserted(
        _ inserted: Result<PaymentRecord, any Error>, intent record: PaymentRecord, payRequest: PayRequest,
        binding: BindingRecord, lease: Lease?, resumable: Bool, waitForFinalOutcome: Bool
    ) async throws -> ChargeOutcome {
        let stored: PaymentRecord
        do {
            stored = try inserted.get()
        } catch let error as StoreError where error.code == .duplicate {
            return try await resume(record, payRequest: payRequest, binding: binding, lease: lease,
                                    waitForFinalOutcome: waitForFinalOutcome)
        } catch let error as StoreError where error.code == .orderHasUnfinishedPayment {
            return try await joinUnfinishedPayment(of: record, refusal: error, resumable: resumable,
                                                   waitForFinalOutcome: waitForFinalOutcome)
        }
        emit(.paymentStarted, payment: stored)
        return try await send(payRequest, for: stored, binding: binding, lease: lease,
                              waitForFinalOutcome: waitForFinalOutcome)
    }

    /// The outcome of a charge another flight finished under the same id while this one waited for
    /// the payment's lease (same charge, final, nothing left to send); `nil` when there is work left.
    private func settledCharge(_ intent: PaymentRecord) async throws -> ChargeOutcome? {
        guard let stored = try await store.payment(requestId: intent.paymentRequestId),
              Self.differingField(stored, intent) == nil, stored.retriedAs == nil,
              stored.failureCode != PaymentTransition.requestNotSent
        else { return nil }
        return ChargeOutcome(finalState: stored)
    }

    /// Sends a stored pay and applies its answer as ``PaymentResolution/payAnswered(_:payment:now:)``
    /// decides; anything that may have reached Alipay+ is resolved by inquiry, never assumed.
    /// `record` is the payment as the store returned it: the answer is written from it without a read.
    private func send(
        _ payRequest: PayRequest, for record: PaymentRecord, binding: BindingRecord, lease: Lease?,
        waitForFinalOutcome: Bool
    ) async throws -> ChargeOutcome {
        let verdict: PayVerdict
        var notSentError: (any Error)?
        do {
            let response = try await client.send(payRequest)
            warnIfAmountDiffers(response.paymentAmount, from: record, source: "the pay answer")
            verdict = PayVerdict(answer: response, about: record)
        } catch let error as any UnrecoverableTransportError {
            // A programming error (for example a cassette mismatch): surfaced at once, nothing assumed.
            throw error
        } catch {
            verdict = PayVerdict(error: error)
            if case .notSent = verdict { notSentError = error }
        }
        var machine = PaymentResolution(policy: configuration.resolution)
        guard case .apply(let change) = machine.payAnswered(verdict, payment: record, now: clock.now) else {
            return try await resolve(existingPayment(record.paymentRequestId), lease: lease,
                                     waitForFinalOutcome: waitForFinalOutcome)
        }
        // A final answer ends the charge's work under the payment's lease: it is released with the write.
        let stored = try await finishAndEmit(record.paymentRequestId, change, under: lease, known: record,
                                             releasingWhenFinal: true)
        if case .failed(let code) = verdict, let disable = BindingTransition.afterPayFailure(code, token: binding.accessToken) {
            try await applyBinding(binding.bindingId, disable)
        }
        if let notSentError { throw notSentError }
        // Final, or unknown (or a cancel requested meanwhile): the machine's next steps are the resolution's.
        return try await resolve(stored, lease: lease, waitForFinalOutcome: waitForFinalOutcome)
    }

    /// Throws the client's validation error for a request that breaks an API rule, before anything is stored.
    func refuseInvalid(_ operation: some AlipayPlusOperation) throws {
        let problems = operation.validate()
        guard !problems.isEmpty else { return }
        throw AlipayPlusError(
            code: .validation, operation: type(of: operation).name, path: type(of: operation).path,
            message: "the request breaks \(problems.count) API rule(s); nothing was stored or sent",
            validationProblems: problems, requestMayHaveBeenProcessed: false
        )
    }

    /// A charge whose order has an unfinished payment: a charge without its own id resumes it when it
    /// is the same user's; any other is refused, naming it.
    private func joinUnfinishedPayment(
        of intent: PaymentRecord, refusal: StoreError, resumable: Bool, waitForFinalOutcome: Bool
    ) async throws -> ChargeOutcome {
        if resumable, let id = refusal.recordId, let unfinished = try await store.payment(requestId: id),
           unfinished.merchantUserId == intent.merchantUserId {
            return try await resolve(unfinished, waitForFinalOutcome: waitForFinalOutcome)
        }
        throw AutoDebitError(
            code: .orderHasUnfinishedPayment,
            message: "order \(intent.referenceOrderId) already has the unfinished payment \(refusal.recordId ?? "?"): "
                + "charge without a paymentRequestId to resume it, or wait for its outcome; nothing was sent",
            underlyingError: refusal
        )
    }

    /// A charge whose request id is stored already: never a second pay, only its outcome or its
    /// resolution (or, for a pay known never to have left, that pay sent now). A different user,
    /// amount, currency or order under the same id is a programming error.
    private func resume(
        _ intent: PaymentRecord, payRequest: PayRequest, binding: BindingRecord, lease: Lease?, waitForFinalOutcome: Bool
    ) async throws -> ChargeOutcome {
        let stored = try await existingPayment(intent.paymentRequestId)
        if let field = Self.differingField(stored, intent) {
            throw AutoDebitError(
                code: .paymentRequestIdReused,
                message: "paymentRequestId \(intent.paymentRequestId) belongs to another charge (its \(field) differs); "
                    + "use a new id. Nothing was sent"
            )
        }
        if let retryId = stored.retriedAs, let retry = try await store.payment(requestId: retryId) {
            return try await resolve(retry, waitForFinalOutcome: waitForFinalOutcome)
        }
        if stored.state == .failed, stored.failureCode == PaymentTransition.requestNotSent {
            let again: RecordUpdate<PaymentRecord>
            do {
                again = try await transition(stored.paymentRequestId, .chargedAgainAfterNotSent, under: lease)
            } catch let error as StoreError where error.code == .orderHasUnfinishedPayment {
                return try await joinUnfinishedPayment(of: stored, refusal: error, resumable: false,
                                                       waitForFinalOutcome: waitForFinalOutcome)
            }
            if again.changed {
                emit(.paymentStarted, payment: again.after, message: "charged again: the first pay never left")
                return try await send(payRequest, for: again.after, binding: binding, lease: lease,
                                      waitForFinalOutcome: waitForFinalOutcome)
            }
        }
        return try await resolve(stored, lease: lease, waitForFinalOutcome: waitForFinalOutcome)
    }

    /// The first field of a charge that differs between a stored payment and a new intent.
    static func differingField(_ stored: PaymentRecord, _ intent: PaymentRecord) -> String? {
        if stored.merchantUserId != intent.merchantUserId { return "merchantUserId" }
        if stored.amount.currency != intent.amount.currency { return "currency" }
        if stored.amount != intent.amount { return "amount" }
        if stored.referenceOrderId != intent.referenceOrderId { return "referenceOrderId" }
        return nil
    }

    /// The outcome of a stored payment: at once when final, else after (or during, in the
    /// background) its resolution; a charge that holds the payment's lease resolves it under that
    /// lease itself (it never joins, or waits for, a flight that waits for its lease).
    private func resolve(_ payment: PaymentRecord, lease: Lease? = nil, waitForFinalOutcome: Bool) async throws -> ChargeOutcome {
        if let outcome = ChargeOutcome(finalState: payment) { return outcome }
        if let lease, waitForFinalOutcome {
            return try await resolveUnderLease(payment.paymentRequestId, holding: lease)
        }
        guard waitForFinalOutcome else {
            resolveInBackground(payment.paymentRequestId)
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
