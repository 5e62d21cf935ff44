import AlipayPlusTransport
import Foundation

extension AutoDebitCoordinator {
    /// Resumes everything a previous process left unfinished; call it at start-up.
    ///
    /// Payments that are `created` or `pending` are resolved by inquiry and cancellation (never by a
    /// second pay: a crash may have happened after the first was sent); `cancelRequested` ones are
    /// cancelled until confirmed; pending refunds are resent with their own id and identical body. A
    /// pending refund stays pending until Alipay+ answers it, whatever the resend's connection does
    /// (a refused connection or a cancelled task never fails it). Each error recovery goes on after is
    /// reported as a `warning` event naming the payment or refund.
    ///
    /// - Throws: a ``StoreError`` when the store cannot list the unfinished work; an
    ///   ``UnrecoverableTransportError`` from the transport, unchanged.
    public func recover() async throws -> RecoveryReport {
        var report = RecoveryReport()
        let payments = try await store.unfinishedPayments(limit: .max)
        let refunds = try await store.pendingRefunds(limit: .max)
        try await withThrowingTaskGroup(of: (String, PaymentRecord.State?).self) { group in
            for payment in payments {
                group.addTask {
                    do {
                        let outcome = try await self.resolvePayment(paymentRequestId: payment.paymentRequestId)
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
        for refund in refunds {
            do {
                let outcome = try await send(refund)
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
        report.unresolved.sort()
        return report
    }

    /// Runs ``recover()`` every `interval` until the calling task is cancelled, so a long-running process
    /// also finishes cancels and refunds that stayed unresolved (start it in a background task).
    public func runRecoveryLoop(every interval: Duration = .seconds(60)) async {
        while !Task.isCancelled {
            do {
                let report = try await recover()
                if !report.unresolved.isEmpty {
                    emit(AlipayPlusEvent(.warning, message: "still unresolved after recovery: "
                        + report.unresolved.joined(separator: ", ")))
                }
            } catch {
                emit(AlipayPlusEvent(.warning, message: "recovery failed, retrying in \(interval): \(error)"))
            }
            do { try await clock.sleep(for: interval) } catch { return }
        }
    }
}
