public import AlipayPlus
public import Foundation
import PostgresNIO

// LeaseStore: the table `leases` (one row per name held), fencing tokens from the sequence
// `lease_fencing_tokens` (strictly growing for every name, across restarts and instances).

extension PostgresAutoDebitStore {
    /// Takes a lease when it is free, expired or already `owner`'s (see
    /// ``AlipayPlus/LeaseStore/acquireLease(_:owner:ttl:now:)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func acquireLease(_ name: String, owner: String, ttl: Duration, now: Date) async throws -> Lease? {
        let expiresAt = now.adding(ttl: ttl)
        let rows = try await runner.storeRows("""
            SELECT \(unescaped: table("acquire_lease"))(\(name)::text, \(owner)::text, \(now.storedSeconds)::double precision,
                \(expiresAt.storedSeconds)::double precision)
            """, "acquire lease \(name)")
        guard let row = rows.first else { return nil }
        let (token) = try decodeColumns(row, (Int64?).self)
        return token.map { Lease(name: name, owner: owner, fencingToken: $0, expiresAt: expiresAt) }
    }

    /// Extends a lease still held (see ``AlipayPlus/LeaseStore/renewLease(_:ttl:now:)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func renewLease(_ lease: Lease, ttl: Duration, now: Date) async throws -> Lease? {
        let expiresAt = now.adding(ttl: ttl)
        let rows = try await runner.storeRows("""
            UPDATE \(unescaped: table("leases")) SET expires_at = \(expiresAt.storedSeconds)
            WHERE name = \(lease.name) AND fencing_token = \(lease.fencingToken) RETURNING owner
            """, "renew lease \(lease.name)")
        guard let row = rows.first else { return nil }
        let (owner) = try decodeColumns(row, (String).self)
        return Lease(name: lease.name, owner: owner, fencingToken: lease.fencingToken, expiresAt: expiresAt)
    }

    /// Frees a lease that is still the newest of its name.
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func releaseLease(_ lease: Lease) async throws {
        try await runner.storeRows("""
            DELETE FROM \(unescaped: table("leases")) WHERE name = \(lease.name) AND fencing_token = \(lease.fencingToken)
            """, "release lease \(lease.name)")
    }

    /// Claims recovery work, oldest first, with `FOR UPDATE SKIP LOCKED` over the partial indexes of
    /// unfinished payments and pending refunds; an item whose lease is held unexpired is skipped (see
    /// ``AlipayPlus/LeaseStore/claimRecoveryWork(owner:ttl:now:limit:)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func claimRecoveryWork(owner: String, ttl: Duration, now: Date, limit: Int) async throws -> [RecoveryClaim] {
        guard limit > 0 else { return [] }
        let expiresAt = now.adding(ttl: ttl)
        let rows = try await runner.storeRows("""
            SELECT kind, request_id, fencing_token, version, refund_count, refunded_minor, body::text
            FROM \(unescaped: table("claim_recovery_work"))(\(owner)::text, \(now.storedSeconds)::double precision,
                \(expiresAt.storedSeconds)::double precision, \(Int32(clamping: limit))::integer)
            """, "claim recovery work")
        return try rows.map { row in
            let (kind, id, token, version, count, minor, body) = try decodeColumns(
                row, (String, String, Int64, Int64, Int32, Int64, String).self)
            if kind == "payment" {
                let lease = Lease(name: Lease.payment(id), owner: owner, fencingToken: token, expiresAt: expiresAt)
                return .payment(try paymentRecord(version: version, refundCount: count, refundedMinor: minor, body: body), lease)
            }
            let lease = Lease(name: Lease.refund(id), owner: owner, fencingToken: token, expiresAt: expiresAt)
            return .refund(try refundRecord(version: version, body: body), lease)
        }
    }
}
