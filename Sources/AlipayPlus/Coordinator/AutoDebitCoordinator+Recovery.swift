import AlipayPlusTransport
import Foundation

extension AutoDebitCoordinator {
    /// How many items one ``LeaseStore/claimRecoveryWork(owner:ttl:now:limit:)`` batch claims.
    static let recoveryBatchSize = 64

    /// Resumes everything a previous process left unfinished; call it at start-up.
    ///
    /// Payments that are `created` or `pending` are resolved by inquiry and cancellation (never by a
    /// second pay: a crash may have happened after the first was sent); `cancelRequested` ones are
    /// cancelled until confirmed; pending refunds are resent with their own id and identical body. A
    /// pending refund stays pending until Alipay+ answers it, whatever the resend's connection does
    /// (a refused connection or a cancelled task never fails it). Each error recovery goes on after is
    /// reported as a `warning` event naming the payment or refund.
    ///
    /// The work is claimed from the store in batches (``LeaseStore/claimRecoveryWork(owner:ttl:now:limit:)``,
    /// never a scan): each item is worked under its lease, so instances that recover at once share
    /// the work and never inquire about (or cancel) a payment another instance's charge is still
    /// sending; each lease is released when its item is done. An item is worked at most once per call.
    ///
    /// - Throws: a ``StoreError`` when the store cannot hand out the unfinished work; an
    ///   ``UnrecoverableTransportError`` from the transport, unchanged.
    public func recover() async throws -> RecoveryReport {
        var report = RecoveryReport()
        var worked: Set<String> = []
        let owner = leaseOwner()
        while true {
            let claims = try await store.claimRecoveryWork(
                owner: owner, ttl: configuration.coordination.leaseTTL, now: clock.now, limit: Self.recoveryBatchSize + worked.count
            )
            var fresh: [RecoveryClaim] = []
            for claim in claims {
                if worked.contains(claim.requestId) { await releaseLease(claim.lease) } else { fresh.append(claim) }
            }
            guard !fresh.isEmpty else { break }
            worked.formUnion(fresh.map(\.requestId))
            try await recover(fresh, into: &report)
        }
        report.unresolved.sort()
        return report
    }

    /// Works one batch of claims: the payments at once, then the refunds one by one.
    private func recover(_ claims: [RecoveryClaim], into report: inout RecoveryReport) async throws {
        try await withThrowingTaskGroup(of: (String, PaymentRecord.State?).self) { group in
            for case .payment(let payment, let lease) in claims {
                group.addTask {
                    do {
                        let outcome = try await self.resolveUnderLease(payment.paymentRequestId, holding: lease)
                        return (payment.paymentRequestId, outcome.payment?.state)
                    } catch let error as any UnrecoverableTransportError {
                        throw error
                    } catch {
                        self.emit(AlipayPlusEvent(.warning, paymentRequestId: payment.paymentRequestId,
                                                  message: "recovery left the payment unresolved: \(error)"))
                        return (payment.paymentRequestId, nil)
                    }
                }
            }
            for try await (id, state) in group {
                if let state, state.isFinal { report.resolvedPayments[id] = state } else { report.unresolved.append(id) }
            }
        }
        for case .refund(let refund, let lease) in claims {
            do {
                let outcome = try await releasing(lease) { try await send(refund, lease: lease) }
                report.resentRefunds[refund.refundRequestId] = outcome.refund.state
                if outcome.refund.state == .pending { report.unresolved.append(refund.refundRequestId) }
            } catch let error as any UnrecoverableTransportError {
                throw error
            } catch {
                emit(AlipayPlusEvent(.warning, paymentRequestId: refund.paymentRequestId, refundRequestId: refund.refundRequestId,
                                     message: "recovery left the refund pending: \(error)"))
                report.unresolved.append(refund.refundRequestId)
            }
        }
    }

    /// Runs ``recover()`` every `interval` until the calling task is cancelled.
    @available(*, deprecated, message: "run() owns the recovery loop: set the configuration's coordination.recoveryInterval and run the coordinator with run()")
    public func runRecoveryLoop(every interval: Duration = .seconds(60)) async {
        await recoverPeriodically(every: interval)
    }
}
