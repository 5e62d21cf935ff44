import AlipayPlus
import AlipayPlusModels
import Foundation

extension AutoDebitStoreConformance {
    /// For a persistent store: reopened between steps, it holds exactly the acknowledged writes.
    static let durabilityChecks: [Check] = [
        check("aReopenedStoreHoldsExactlyTheAcknowledgedWrites") { c in
            var store = c.store
            let authorization = try await store.insert(c.records.authorization())
            var completed = authorization
            completed.bindingId = c.records.binding().bindingId
            let bound = try await store.insert(c.records.binding(), completing: completed, under: nil)
            var payment = try await store.insert(c.records.payment(1))
            payment.state = .succeeded
            payment = try await store.replace(payment, under: nil, deliveryKey: "\(c.records.prefix):notify:1")
            store = try await c.reopened(store)
            let reopenedAuthorization = try await store.authorization(authState: authorization.authState)
            let reopenedBinding = try await store.binding(id: bound.binding.bindingId)
            try c.expect(reopenedAuthorization == bound.authorization && reopenedBinding == bound.binding,
                         "after a reopen the completed authorization or its binding differ from what was acknowledged")
            let reopenedPayment = try await store.payment(requestId: payment.paymentRequestId)
            try c.expect(reopenedPayment == payment, "after a reopen the payment differs from the acknowledged one")
            try await c.expectRefusal(.duplicateDelivery, "after a reopen, a change with a delivery key recorded before") {
                try await store.replace(payment, under: nil, deliveryKey: "\(c.records.prefix):notify:1")
            }
            let refund = try await store.insert(c.records.refund(1, minor: 4_000))
            store = try await c.reopened(store)
            let counted = try await store.payment(requestId: payment.paymentRequestId)
            try c.expect(counted?.refunds.minorUnits == 4_000 && counted?.version == payment.version + 1,
                         "after a reopen the refund's payment shows \(String(describing: counted?.refunds)) at version "
                            + "\(counted?.version ?? 0); expected 4000 refunded at version \(payment.version + 1)")
            let pending = try await store.pendingRefunds(limit: 10)
            try c.expect(pending == [refund], "after a reopen pendingRefunds is \(pending.map(\.refundRequestId))")
            try await c.expectRefusal(.refundLimitExceeded, "after a reopen, refunds above the amount") {
                try await store.insert(c.records.refund(2, minor: 6_001))
            }
            try await c.expectRefusal(.versionConflict, "after a reopen, a replacement from a copy older than the refund") {
                try await store.replace(payment, under: nil, deliveryKey: nil)
            }
        },
        check("fencingTokensKeepGrowingAcrossAReopen") { c in
            var store = c.store
            let name = "refresh:\(c.records.prefix)"
            let now = c.records.now
            guard let before = try await store.acquireLease(name, owner: "A", ttl: ttl, now: now) else {
                throw c.failure("a free lease could not be acquired")
            }
            let binding = try await store.insert(c.records.binding())
            store = try await c.reopened(store)
            guard let after = try await store.acquireLease(name, owner: "B", ttl: ttl, now: now.addingTimeInterval(31)) else {
                throw c.failure("after a reopen an expired lease could not be acquired")
            }
            try c.expect(after.fencingToken > before.fencingToken,
                         "after a reopen the token \(after.fencingToken) is not above \(before.fencingToken) issued before")
            try await c.expectRefusal(.leaseLost, "after a reopen, a write under a lease taken over since") {
                try await store.replace(binding, under: before, deliveryKey: nil)
            }
        },
    ]
}
