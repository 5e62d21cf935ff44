import AlipayPlus
import AlipayPlusModels
import Foundation

extension AutoDebitStoreConformance {
    /// The lease length the checks use.
    static let ttl: Duration = .seconds(30)

    /// Leases: exclusivity, expiry, renewal, release, fencing and the recovery claim.
    static let leaseChecks: [Check] = [
        check("aLeaseIsHeldByOneOwnerUntilItExpires") { c in
            let name = "refresh:\(c.records.prefix)"
            let now = c.records.now
            guard let first = try await c.store.acquireLease(name, owner: "A", ttl: ttl, now: now) else {
                throw c.failure("a free lease could not be acquired")
            }
            try c.expect(first.name == name && first.owner == "A" && first.expiresAt == now.addingTimeInterval(30),
                         "the acquired lease is \(first); expected \(name) held by A until now + 30 s")
            let other = try await c.store.acquireLease(name, owner: "B", ttl: ttl, now: now.addingTimeInterval(29))
            try c.expect(other == nil, "owner B acquired a lease A holds unexpired: \(String(describing: other))")
            guard let again = try await c.store.acquireLease(name, owner: "A", ttl: ttl, now: now.addingTimeInterval(1)) else {
                throw c.failure("the holder could not acquire its own lease again")
            }
            try c.expect(again.fencingToken > first.fencingToken,
                         "acquiring again gave token \(again.fencingToken), not above \(first.fencingToken)")
            guard let renewed = try await c.store.renewLease(again, ttl: ttl, now: now.addingTimeInterval(20)) else {
                throw c.failure("the holder could not renew its lease")
            }
            try c.expect(renewed.fencingToken == again.fencingToken && renewed.expiresAt == now.addingTimeInterval(50),
                         "renewal gave \(renewed); expected the same token until now + 50 s")
            let stillHeld = try await c.store.acquireLease(name, owner: "B", ttl: ttl, now: now.addingTimeInterval(49))
            try c.expect(stillHeld == nil, "owner B acquired a renewed lease before its new expiry")
            guard let taken = try await c.store.acquireLease(name, owner: "B", ttl: ttl, now: now.addingTimeInterval(51)) else {
                throw c.failure("owner B could not acquire an expired lease")
            }
            try c.expect(taken.fencingToken > renewed.fencingToken, "the new holder's token is not above the old one's")
            let lost = try await c.store.renewLease(renewed, ttl: ttl, now: now.addingTimeInterval(52))
            try c.expect(lost == nil, "the old holder renewed a lease taken over by B")
            try await c.store.releaseLease(renewed)
            let blocked = try await c.store.acquireLease(name, owner: "C", ttl: ttl, now: now.addingTimeInterval(53))
            try c.expect(blocked == nil, "a stale holder's release freed B's lease")
            try await c.store.releaseLease(taken)
            let free = try await c.store.acquireLease(name, owner: "C", ttl: ttl, now: now.addingTimeInterval(53))
            try c.expect((free?.fencingToken ?? 0) > taken.fencingToken, "a released lease could not be acquired with a larger token")
        },
        check("aWriteUnderAStaleLeaseIsRefused") { c in
            let payment = try await c.store.insert(c.records.payment(1))
            let name = "payment:\(payment.paymentRequestId)"
            let now = c.records.now
            guard let old = try await c.store.acquireLease(name, owner: "A", ttl: ttl, now: now) else {
                throw c.failure("a free lease could not be acquired")
            }
            var pending = payment
            pending.state = .pending
            // A write under the newest lease of its name is accepted.
            let written = try await c.store.replace(pending, under: old, deliveryKey: nil)
            guard try await c.store.acquireLease(name, owner: "B", ttl: ttl, now: now.addingTimeInterval(31)) != nil else {
                throw c.failure("owner B could not acquire an expired lease")
            }
            var late = written
            late.state = .cancelRequested
            try await c.expectRefusal(.leaseLost, "a payment write under a lease taken over since") {
                try await c.store.replace(late, under: old, deliveryKey: nil)
            }
            let read = try await c.storedPayment(payment.paymentRequestId)
            try c.expect(read == written, "a refused late write changed the payment")
            let binding = try await c.store.insert(c.records.binding())
            try await c.expectRefusal(.leaseLost, "a binding write under a stale lease") {
                try await c.store.replace(binding, under: old, deliveryKey: nil)
            }
            let authorization = try await c.store.insert(c.records.authorization())
            try await c.expectRefusal(.leaseLost, "completing an authorization under a stale lease") {
                try await c.store.insert(c.records.binding(2), completing: authorization, under: old)
            }
            _ = try await c.succeededPayment(2)
            let refund = try await c.store.insert(c.records.refund(1, of: 2))
            try await c.expectRefusal(.leaseLost, "a refund write under a stale lease") {
                try await c.store.replace(refund, under: old)
            }
        },
        check("recoveryWorkIsClaimedByOneOwnerAtATime") { c in
            for n in 1...3 { try await c.store.insert(c.records.payment(n)) }
            _ = try await c.succeededPayment(4)
            for n in 5...6 { try await c.store.insert(c.records.refund(n, of: 4)) }
            let now = c.records.now
            // A charge holds its payment's lease: recovery leaves it alone.
            let charging = try await c.store.acquireLease("payment:\(c.records.paymentId(2))", owner: "A", ttl: ttl, now: now)
            try c.expect(charging != nil, "a free payment lease could not be acquired")
            let (a, b) = try await (
                c.store.claimRecoveryWork(owner: "A", ttl: ttl, now: now, limit: 2),
                c.store.claimRecoveryWork(owner: "B", ttl: ttl, now: now, limit: 10)
            )
            let claimedA = a.map(\.requestId), claimedB = b.map(\.requestId)
            let all = [1, 3].map(c.records.paymentId) + [5, 6].map { c.records.refund($0, of: 4).refundRequestId }
            try c.expect(Set(claimedA).isDisjoint(with: claimedB), "both owners claimed \(Set(claimedA).intersection(claimedB))")
            try c.expect(Set(claimedA + claimedB) == Set(all) && claimedA.count == 2,
                         "owners claimed \(claimedA) and \(claimedB); expected \(all) between them, two for A")
            try c.expect(a.allSatisfy { $0.lease.owner == "A" } && b.allSatisfy { $0.lease.owner == "B" },
                         "a claim's lease is not held by the claiming owner")
            for (claims, owner) in [(a, "A"), (b, "B")] {
                let ids = claims.map(\.requestId)
                try c.expect(ids == all.filter(ids.contains), "owner \(owner)'s claims \(ids) are not oldest first")
            }
            let none = try await c.store.claimRecoveryWork(owner: "C", ttl: ttl, now: now.addingTimeInterval(29), limit: 10)
            try c.expect(none.isEmpty, "claims held unexpired were claimed again: \(none.map(\.requestId))")
            let expired = try await c.store.claimRecoveryWork(owner: "C", ttl: ttl, now: now.addingTimeInterval(31), limit: 10)
            try c.expect(expired.count == 5, "after expiry \(expired.count) of the 5 unfinished items were claimable")
            if case .payment(var payment, let lease)? = a.first {
                payment.state = .pending
                try await c.expectRefusal(.leaseLost, "a write under a claim taken over since") {
                    try await c.store.replace(payment, under: lease, deliveryKey: nil)
                }
            }
        },
    ]
}
