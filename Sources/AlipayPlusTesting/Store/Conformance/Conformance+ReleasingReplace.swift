import AlipayPlus
import AlipayPlusModels
import Foundation

extension AutoDebitStoreConformance {
    /// `replace(_:releasing:)`: a flight's last write and its lease's release in one step; the
    /// lease is released only when the write was accepted.
    static let releasingReplaceChecks: [Check] = [
        check("aReleasingReplaceWritesThePaymentThenFreesItsLease") { c in
            let now = c.records.now
            let (payment, lease) = try await c.storedPaymentLeasedByA()
            var final = payment
            final.state = .succeeded
            let replaced = try await c.store.replace(final, releasing: lease)
            try c.expect(replaced.releaseFailure == nil, "the release after the write failed: \(String(describing: replaced.releaseFailure))")
            try c.expect(replaced.stored.version == payment.version + 1 && replaced.stored.state == .succeeded,
                         "the releasing replace stored \(replaced.stored)")
            let read = try await c.storedPayment(payment.paymentRequestId)
            try c.expect(read == replaced.stored, "the stored payment is \(read), the write returned \(replaced.stored)")
            let next = try await c.store.acquireLease(lease.name, owner: "B", ttl: ttl, now: now.addingTimeInterval(1))
            try c.expect((next?.fencingToken ?? 0) > lease.fencingToken,
                         "owner B could not take the lease the releasing replace released: \(String(describing: next))")
        },
        check("aReleasingReplaceRefusedAsStaleWritesNothingAndKeepsTheLease") { c in
            let now = c.records.now
            let (payment, lease) = try await c.storedPaymentLeasedByA()
            var pending = payment
            pending.state = .pending
            let current = try await c.store.replace(pending, under: lease, deliveryKey: nil)
            var stale = payment
            stale.state = .succeeded
            try await c.expectRefusal(.versionConflict, "a releasing replace from a stale copy") {
                try await c.store.replace(stale, releasing: lease)
            }
            let read = try await c.storedPayment(payment.paymentRequestId)
            try c.expect(read == current, "a refused releasing replace changed the payment to \(read)")
            let other = try await c.store.acquireLease(lease.name, owner: "B", ttl: ttl, now: now.addingTimeInterval(1))
            try c.expect(other == nil, "a refused releasing replace released the lease: B took \(String(describing: other))")
        },
        check("aReleasingReplaceUnderALeaseTakenOverSinceWritesNothingAndLeavesTheNewHoldersLease") { c in
            let now = c.records.now
            let (payment, old) = try await c.storedPaymentLeasedByA()
            let name = old.name
            guard let newer = try await c.store.acquireLease(name, owner: "B", ttl: ttl, now: now.addingTimeInterval(31)) else {
                throw c.failure("owner B could not acquire an expired lease")
            }
            var late = payment
            late.state = .succeeded
            try await c.expectRefusal(.leaseLost, "a releasing replace under a lease taken over since") {
                try await c.store.replace(late, releasing: old)
            }
            let read = try await c.storedPayment(payment.paymentRequestId)
            try c.expect(read == payment, "a refused late releasing replace changed the payment to \(read)")
            let third = try await c.store.acquireLease(name, owner: "C", ttl: ttl, now: now.addingTimeInterval(32))
            try c.expect(third == nil, "a stale holder's releasing replace freed B's lease (token \(newer.fencingToken))")
        },
    ]
}

private extension ConformanceContext {
    /// Payment 1, stored, and its lease held by owner A from `records.now` for the checks' time to live.
    func storedPaymentLeasedByA() async throws -> (payment: PaymentRecord, lease: Lease) {
        let payment = try await store.insert(records.payment(1))
        let name = Lease.payment(payment.paymentRequestId)
        guard let lease = try await store.acquireLease(name, owner: "A", ttl: AutoDebitStoreConformance.ttl, now: records.now) else {
            throw failure("a free lease could not be acquired")
        }
        return (payment, lease)
    }
}
