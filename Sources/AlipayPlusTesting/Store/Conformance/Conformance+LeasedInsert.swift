import AlipayPlus
import AlipayPlusModels
import Foundation

extension AutoDebitStoreConformance {
    /// `insertLeased`: the payment's lease first, the insert only under it, the insert's refusals
    /// handed back with the lease held.
    static let leasedInsertChecks: [Check] = [
        check("aLeasedInsertTakesThePaymentsLeaseThenStoresTheIntent") { c in
            let now = c.records.now
            let intent = c.records.payment(1)
            guard let first = try await c.store.insertLeased(intent, owner: "A", ttl: ttl, now: now) else {
                throw c.failure("a new payment's free lease could not be taken")
            }
            try c.expect(first.lease.name == Lease.payment(intent.paymentRequestId) && first.lease.owner == "A"
                && first.lease.expiresAt == now.addingTimeInterval(30),
                "the lease is \(first.lease); expected payment:\(intent.paymentRequestId) held by A until now + 30 s")
            let inserted = try first.inserted.get()
            try c.expect(inserted.version == 1, "the inserted payment has version \(inserted.version), expected 1")
            let stored = try await c.storedPayment(intent.paymentRequestId)
            try c.expect(stored.version == 1 && stored.amount == intent.amount, "the stored payment is \(stored)")
            let other = try await c.store.acquireLease(first.lease.name, owner: "B", ttl: ttl, now: now.addingTimeInterval(1))
            try c.expect(other == nil, "owner B took the lease the leased insert holds: \(String(describing: other))")
        },
        check("aLeasedInsertStoresNothingWhileAnotherHoldsTheLease") { c in
            let now = c.records.now
            let intent = c.records.payment(1)
            guard let held = try await c.store.acquireLease(Lease.payment(intent.paymentRequestId), owner: "A", ttl: ttl, now: now) else {
                throw c.failure("a free lease could not be acquired")
            }
            let refused = try await c.store.insertLeased(intent, owner: "B", ttl: ttl, now: now.addingTimeInterval(1))
            try c.expect(refused == nil, "owner B's leased insert went ahead under A's lease: \(String(describing: refused))")
            let stored = try await c.store.payment(requestId: intent.paymentRequestId)
            try c.expect(stored == nil, "a leased insert refused its lease but stored the payment")
            guard let later = try await c.store.insertLeased(intent, owner: "B", ttl: ttl, now: now.addingTimeInterval(31)) else {
                throw c.failure("owner B could not take the lease once it had expired")
            }
            try c.expect(later.lease.fencingToken > held.fencingToken, "the new holder's token is not above the old one's")
            _ = try later.inserted.get()
        },
        check("aLeasedInsertHandsBackTheInsertsRefusalWithTheLeaseHeld") { c in
            let now = c.records.now
            let first = c.records.payment(1)
            try await c.store.insert(first)
            guard let again = try await c.store.insertLeased(first, owner: "A", ttl: ttl, now: now) else {
                throw c.failure("a stored payment's free lease could not be taken")
            }
            try await c.expectRefusal(.duplicate, "a leased insert of a stored payment id") { try again.inserted.get() }
            let sameOrder = c.records.payment(2, order: 1)
            guard let joined = try await c.store.insertLeased(sameOrder, owner: "A", ttl: ttl, now: now) else {
                throw c.failure("a new payment's free lease could not be taken")
            }
            do {
                _ = try joined.inserted.get()
                throw c.failure("a second unfinished payment for the order was stored under its lease")
            } catch let refusal as StoreError {
                try c.expect(refusal.code == .orderHasUnfinishedPayment && refusal.recordId == first.paymentRequestId,
                             "the refusal is \(refusal); expected orderHasUnfinishedPayment naming \(first.paymentRequestId)")
            }
            let stored = try await c.store.payment(requestId: sameOrder.paymentRequestId)
            try c.expect(stored == nil, "the refused payment was stored")
            let other = try await c.store.acquireLease(joined.lease.name, owner: "B", ttl: ttl, now: now.addingTimeInterval(1))
            try c.expect(other == nil, "the lease of a refused leased insert is not held")
        },
    ]
}
