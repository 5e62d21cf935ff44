import Foundation

// Single flight across every instance that shares the store: each piece of work that must run once
// (a binding's token refresh, an auth code's exchange, a payment's resolution, a refund's sending)
// takes its lease from the store first. An instance that cannot take it waits for the holder's result
// by reading the store every `leasePollInterval`, and takes the work over once the lease lapses.
// In-process SingleFlight comes first, so one instance asks the store once per piece of work.

extension AutoDebitCoordinator {
    /// The owner of one acquisition: the instance id plus a per-flight suffix, so two flights of one
    /// instance exclude each other like two instances do (a store gives an owner its own lease again).
    func leaseOwner() -> String {
        "\(configuration.coordination.instanceId)/\(RandomToken.hex(byteCount: 4))"
    }

    /// Takes the lease `name` for one flight of this instance; `nil` while another holds it.
    ///
    /// - Throws: a ``StoreError`` when the store fails.
    func acquireLease(_ name: String) async throws -> Lease? {
        try await store.acquireLease(name, owner: leaseOwner(), ttl: configuration.coordination.leaseTTL, now: clock.now)
    }

    /// Extends a held lease; `nil` when it was lost (another flight took it after it lapsed).
    ///
    /// - Throws: a ``StoreError`` when the store fails.
    func renewLease(_ lease: Lease) async throws -> Lease? {
        try await store.renewLease(lease, ttl: configuration.coordination.leaseTTL, now: clock.now)
    }

    /// Frees a lease at the end of its work (and wakes this instance's flights waiting for its name).
    /// A failure to release is reported, never thrown: the lease then lapses after
    /// ``AutoDebitCoordinator/Configuration-swift.struct/Coordination-swift.struct/leaseTTL``.
    func releaseLease(_ lease: Lease?) async {
        guard let lease else { return }
        do {
            try await store.releaseLease(lease)
        } catch {
            warnNotReleased(lease, error)
        }
    }

    private func warnNotReleased(_ lease: Lease, _ error: any Error) {
        emit(AlipayPlusEvent(.warning, message: "lease \(lease.name) was not released (it lapses after "
            + "\(configuration.coordination.leaseTTL)): \(error)"))
    }

    /// Waits for the lease `name`, or for another holder's result: returns `(nil, value)` as soon as
    /// `settled` finds a result in the store (read once the lease is taken, and after each attempt
    /// another holder refused), else `(lease, nil)` with the lease held for the caller's work.
    ///
    /// The lease is tried before the store is read: a new charge, the common case, costs one read
    /// (one database round trip on a shared store) instead of two.
    /// - Throws: whatever `settled` throws; a ``StoreError``; `CancellationError` from the clock's sleep.
    func leaseOrResult<Value: Sendable>(
        _ name: String, settled: () async throws -> Value?
    ) async throws -> (lease: Lease?, value: Value?) {
        // Another flight of this instance on the same name: wait for its end, without polling.
        await localLeases.enter(name)
        do {
            while true {
                if let lease = try await acquireLease(name) {
                    // A holder may have finished before the acquisition.
                    if let value = try await settled() {
                        await releaseLease(lease)
                        await localLeases.leave(name)
                        return (nil, value)
                    }
                    return (lease, nil)
                }
                // Another instance holds it: its result may be stored already.
                if let value = try await settled() {
                    await localLeases.leave(name)
                    return (nil, value)
                }
                try await clock.sleep(for: configuration.coordination.leasePollInterval)
            }
        } catch {
            await localLeases.leave(name)
            throw error
        }
    }

    /// Runs `work` under `lease` and releases it afterwards, whether `work` returned or threw (ending
    /// this instance's local hold on its name too).
    func releasing<Value>(_ lease: Lease?, _ work: () async throws -> Value) async throws -> Value {
        do {
            let value = try await work()
            await end(lease)
            return value
        } catch {
            await end(lease)
            throw error
        }
    }

    /// Releases the lease (unless the store released it with the flight's last write) and leaves its name.
    private func end(_ lease: Lease?) async {
        guard let lease, await !localLeases.leaveIfReleasedWithWrite(lease) else { return }
        await releaseLease(lease)
        await localLeases.leave(lease.name)
    }

    /// Notes a lease the store released with the flight's last write, reporting a release that
    /// failed after it (the lease then lapses, as when ``releaseLease(_:)`` fails).
    func releasedWithWrite(_ lease: Lease, failure: (any Error)?) async {
        if let failure { warnNotReleased(lease, failure) }
        await localLeases.noteReleasedWithWrite(lease)
    }
}
