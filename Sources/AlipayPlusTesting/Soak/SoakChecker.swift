package import AlipayPlus
import AlipayPlusModels
import Foundation

/// Checks a finished soak: the merchant's store against the simulator's ledger, and what the
/// merchant code was told against both.
///
/// `package` for the journal's torn-write tests, which judge recovered stores with it (`charges: 0`
/// skips the per-charge checks).
package struct SoakChecker {
    var seed: UInt64
    var charges: Int
    var payments: [PaymentRecord]
    var refunds: [RefundRecord]
    var ledger: SimulatorLedger
    var deliveries: [NotificationDelivery]
    var pendingNotifications: [String]
    var book: SoakBook.Snapshot

    package init(
        seed: UInt64, charges: Int, payments: [PaymentRecord], refunds: [RefundRecord], ledger: SimulatorLedger,
        deliveries: [NotificationDelivery], pendingNotifications: [String],
        book: SoakBook.Snapshot = SoakBook.Snapshot(reported: [:], errors: [:])
    ) {
        self.seed = seed
        self.charges = charges
        self.payments = payments
        self.refunds = refunds
        self.ledger = ledger
        self.deliveries = deliveries
        self.pendingNotifications = pendingNotifications
        self.book = book
    }

    package func check() -> SoakReport {
        var problems = ledger.violations
        let stored = Dictionary(payments.map { ($0.paymentRequestId, $0) }, uniquingKeysWith: { first, _ in first })
        let booked = Dictionary(ledger.payments.map { ($0.paymentRequestId, $0) }, uniquingKeysWith: { first, _ in first })

        // Alipay+'s side: every pay had a stored intent first and was sent once.
        for entry in ledger.payments {
            if stored[entry.paymentRequestId] == nil {
                problems.append("pay \(entry.paymentRequestId) reached Alipay+ without a stored intent")
            }
            if entry.payCalls != 1 {
                problems.append("pay \(entry.paymentRequestId) was sent \(entry.payCalls) times")
            }
        }

        // The merchant's side: every payment final and agreeing with what Alipay+ booked.
        var succeededByOrder: [String: Int] = [:]
        for payment in payments {
            let id = payment.paymentRequestId
            guard payment.state.isFinal else {
                problems.append("payment \(id) is still \(payment.state.rawValue) after the final recover()")
                continue
            }
            let entry = booked[id]
            let net = entry.map { $0.chargeCount - ($0.reversed ? 1 : 0) } ?? 0
            switch payment.state {
            case .succeeded:
                succeededByOrder[payment.referenceOrderId, default: 0] += 1
                if net != 1 || entry?.status != .succeeded {
                    problems.append("payment \(id) is stored succeeded but Alipay+ has \(describe(entry))")
                }
            default:
                if net != 0 {
                    problems.append("payment \(id) is stored \(payment.state.rawValue) but Alipay+ charged it (\(describe(entry)))")
                }
                if entry?.status == .processing {
                    problems.append("payment \(id) is stored \(payment.state.rawValue) but Alipay+ still processes it")
                }
            }
            if payment.state == .succeeded, let retried = payment.retriedAs {
                problems.append("payment \(id) succeeded and was retried as \(retried)")
            }
        }
        for (order, count) in succeededByOrder where count > 1 {
            problems.append("order \(order) was paid \(count) times")
        }
        problems += paymentRuleViolations(stored: stored, booked: booked)

        // Each charge: exactly one final outcome, the one its caller was told.
        var outcomes: [String: Int] = [:]
        var refusals: [String: Int] = [:]
        for index in 0..<charges {
            let root = "SOAK\(seed)-\(index)"
            var final = stored[root]
            var hops = 0
            while let next = final?.retriedAs, hops < 10 {
                final = stored[next]
                hops += 1
            }
            let reported = book.reported[index]
            guard let final else {
                if reported?.state == "needsReauthorization" {
                    outcomes["needsReauthorization", default: 0] += 1
                } else if let error = book.errors[index] {
                    outcomes["notStarted", default: 0] += 1
                    refusals[SoakRefusal.reason(of: error), default: 0] += 1
                } else {
                    problems.append("charge \(index) has no outcome (no payment stored, nothing reported)")
                }
                continue
            }
            outcomes[final.state.rawValue, default: 0] += 1
            if let reported, let recordId = reported.recordId {
                let actual = stored[recordId]?.state.rawValue ?? "missing"
                if actual != reported.state {
                    problems.append("charge \(index) was reported \(reported.state) (\(recordId)) but the store says \(actual)")
                }
            }
        }

        // Refunds: final, agreeing with Alipay+, within their payment.
        let bookedRefunds = Set(ledger.payments.flatMap { $0.refunds.map(\.refundRequestId) })
        let storedRefunds = Set(refunds.map(\.refundRequestId))
        var refundedByPayment: [String: Int64] = [:]
        for refund in refunds {
            let id = refund.refundRequestId
            switch refund.state {
            case .pending:
                problems.append("refund \(id) is still pending after the final recover()")
            case .succeeded:
                refundedByPayment[refund.paymentRequestId, default: 0] += refund.amount.minorUnits ?? 0
                if !bookedRefunds.contains(id) { problems.append("refund \(id) is stored succeeded but Alipay+ has none") }
            case .failed:
                // A refund Alipay+ may have (it booked it) is never failed: only one known never sent is.
                if bookedRefunds.contains(id) {
                    problems.append("refund \(id) is stored failed (\(refund.failureCode?.rawValue ?? "?")) but Alipay+ refunded it")
                }
            }
        }
        for id in bookedRefunds.subtracting(storedRefunds) {
            problems.append("refund \(id) reached Alipay+ without a stored intent")
        }
        for (id, refunded) in refundedByPayment {
            let limit = stored[id]?.amount.minorUnits ?? 0
            if refunded > limit { problems.append("payment \(id) has \(refunded) refunded > its amount \(limit)") }
        }

        // Notifications: all acknowledged, none left.
        for delivery in deliveries where !delivery.acknowledged {
            problems.append("a \(delivery.name) was never acknowledged: \(delivery.failures.last ?? "")")
        }
        if !pendingNotifications.isEmpty {
            problems.append("\(pendingNotifications.count) notification(s) were never delivered")
        }

        return SoakReport(
            charges: charges, seed: seed, faults: [:], crashes: 0, outcomes: outcomes,
            refunds: refunds.filter { $0.state == .succeeded }.count, notifications: deliveries.count,
            duration: 0, violations: problems, refusals: refusals
        )
    }

    /// Issue 13's rules: one order, one pay Alipay+ took; outcomes only from answers about the same
    /// payment; no payment failed as never sent while Alipay+ has its pay.
    private func paymentRuleViolations(stored: [String: PaymentRecord], booked: [String: LedgerPayment]) -> [String] {
        var problems: [String] = []
        var takenByOrder: [String: [String]] = [:]
        for payment in payments {
            let id = payment.paymentRequestId
            let entry = booked[id]
            if let entry, entry.chargeCount - (entry.reversed ? 1 : 0) > 0 || entry.status == .processing {
                takenByOrder[payment.referenceOrderId, default: []].append(id)
            }
            if payment.state == .succeeded, let entry {
                if entry.amount != payment.amount {
                    problems.append("payment \(id) is stored succeeded for \(payment.amount) but Alipay+ booked \(entry.amount)")
                }
                if let paymentId = payment.paymentId, paymentId != entry.paymentId {
                    problems.append("payment \(id) carries Alipay+'s id \(paymentId) of another payment (\(entry.paymentId))")
                }
            }
            if payment.state == .failed, payment.failureCode?.rawValue == "REQUEST_NOT_SENT", let entry, entry.payCalls > 0 {
                problems.append("payment \(id) is stored failed REQUEST_NOT_SENT but its pay reached Alipay+ (\(describe(entry)))")
            }
        }
        for (order, ids) in takenByOrder where ids.count > 1 {
            problems.append("order \(order) has \(ids.count) pays Alipay+ took or may take: \(ids.sorted().joined(separator: ", "))")
        }
        return problems
    }

    private func describe(_ entry: LedgerPayment?) -> String {
        guard let entry else { return "no pay" }
        return "status \(entry.status), charged \(entry.chargeCount)x, reversed \(entry.reversed)"
    }
}
