/// The leases this coordinator instance is working under, by name: a flight that wants a name another
/// flight of the same instance holds waits here for its end instead of polling the store (only
/// another instance's hold is waited for by polling).
actor LocalLeaseGate {
    private var held: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// Held leases (name and fencing token) the store released with a flight's last write.
    private var releasedWithWrite: Set<Lease.Identity> = []

    /// Returns once no other flight of this instance works under `name`, and marks it taken.
    func enter(_ name: String) async {
        while held.contains(name) {
            await withCheckedContinuation { waiters[name, default: []].append($0) }
        }
        held.insert(name)
    }

    /// Ends this flight's work under `name` and wakes the flights waiting for it.
    func leave(_ name: String) {
        held.remove(name)
        for waiter in waiters.removeValue(forKey: name) ?? [] { waiter.resume() }
    }

    /// Notes that the store released `lease` together with the flight's last write under it.
    func noteReleasedWithWrite(_ lease: Lease) {
        releasedWithWrite.insert(lease.identity)
    }

    /// Ends the flight's work under `lease` (as ``leave(_:)`` does) when the store released the lease
    /// with a write already, forgetting the note; `false`, leaving nothing, when the flight has still
    /// to release it before it leaves.
    func leaveIfReleasedWithWrite(_ lease: Lease) -> Bool {
        guard releasedWithWrite.remove(lease.identity) != nil else { return false }
        leave(lease.name)
        return true
    }
}

extension Lease {
    /// A lease's name and fencing token: one acquisition.
    struct Identity: Hashable {
        let name: String
        let fencingToken: Int64
    }

    var identity: Identity { Identity(name: name, fencingToken: fencingToken) }
}
