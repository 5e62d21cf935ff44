import Foundation

/// The leases a ``LocalAutoDebitStore`` has issued and not released, kept in memory.
///
/// Leases are not journaled: one process at a time opens a journal folder, so after a restart every
/// holder of an earlier lease is gone and every name is free. Fencing tokens still grow across
/// restarts: they come from a reserve the journal records (``StoreChange/fencingReserve(_:)``), and a
/// lease issued before the restart is refused (its name is unknown to the new table).
struct LeaseTable: Sendable {
    private var leases: [String: Lease] = [:]

    /// The lease held on `name`, expired or not.
    func current(_ name: String) -> Lease? { leases[name] }

    /// Whether another lease than an expired one blocks `owner` from taking `name`.
    func isHeld(_ name: String, byAnotherThan owner: String?, at now: Date) -> Bool {
        guard let lease = leases[name], !lease.isExpired(at: now) else { return false }
        return lease.owner != owner
    }

    /// Whether writes under `lease` are still allowed: it is the newest issued for its name.
    func isNewest(_ lease: Lease) -> Bool { leases[lease.name]?.fencingToken == lease.fencingToken }

    mutating func hold(_ lease: Lease) { leases[lease.name] = lease }

    mutating func release(_ lease: Lease) {
        if isNewest(lease) { leases[lease.name] = nil }
    }
}
