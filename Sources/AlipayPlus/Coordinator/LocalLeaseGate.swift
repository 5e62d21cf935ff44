/// The leases this coordinator instance is working under, by name: a flight that wants a name another
/// flight of the same instance holds waits here for its end instead of polling the store (only
/// another instance's hold is waited for by polling).
actor LocalLeaseGate {
    private var held: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

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
}
