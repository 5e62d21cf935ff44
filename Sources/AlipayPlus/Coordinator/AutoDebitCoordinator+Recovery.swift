import Foundation

extension AutoDebitCoordinator {
    /// Resumes everything a previous process left unfinished; call it at start-up.
    ///
    /// Payments that are `created` or `pending` are resolved by inquiry and cancellation (never by a
    /// second pay: a crash may have happened after the first was sent); `cancelRequested` ones are
    /// cancelled until confirmed; pending refunds are resent with their own id and identical body.
    public func recover() async throws -> RecoveryReport {
        var report = RecoveryReport()
        let payments = try await store.allPayments().filter { !$0.state.isFinal }
        let refunds = try await store.allRefunds().filter { $0.state == .pending }
        await withTaskGroup(of: (String, PaymentRecord.State?).self) { group in
            for payment in payments {
                group.addTask {
                    let outcome = try? await self.resolvePayment(paymentRequestId: payment.paymentRequestId)
                    return (payment.paymentRequestId, outcome?.payment?.state)
                }
            }
            for await (id, state) in group {
                if let state, state.isFinal { report.resolvedPayments[id] = state } else { report.unresolved.append(id) }
            }
        }
        for refund in refunds {
            if let outcome = try? await send(refund) {
                report.resentRefunds[refund.refundRequestId] = outcome.refund.state
                if outcome.refund.state == .pending { report.unresolved.append(refund.refundRequestId) }
            } else {
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
            if let report = try? await recover(), !report.unresolved.isEmpty {
                emit(AlipayPlusEvent(.warning, message: "still unresolved after recovery: "
                    + report.unresolved.joined(separator: ", ")))
            }
            do { try await clock.sleep(for: interval) } catch { return }
        }
    }
}
