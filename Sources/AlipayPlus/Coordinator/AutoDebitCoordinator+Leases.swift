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
        "\(configuration.instanceId)/\(RandomToken.hex(byteCount: 4))"
    }

    /// Takes the lease `name` for one flight of this instance; `nil` while another holds it.
    ///
    /// - Throws: a ``StoreError`` when the store fails.
    func acquireLease(_ name: String) async throws -> Lease? {
        try await store.acquireLease(name, owner: leaseOwner(), ttl: configuration.leaseTTL, now: clock.now)
    }

    /// Extends a held lease; `nil` when it was lost (another flight took it after it lapsed).
    ///
    /// - Throws: a ``StoreError`` when the store fails.
    func renewLease(_ lease: Lease) async throws -> Lease? {
        try await store.renewLease(lease, ttl: configuration.leaseTTL, now: clock.now)
    }

    /// Frees a lease at the end of its work. A failure to release is reported, never thrown: the
    /// lease then lapses after ``AutoDebitConfiguration/leaseTTL``.
    func releaseLease(_ lease: Lease?) async {
        guard let lease else { return }
        do {
            try await store.releaseLease(lease)
        } catch {
            emit(AlipayPlusEvent(.warning, message: "lease \(lease.name) was not released (it lapses after "
                + "\(configuration.leaseTTL)): \(error)"))
        }
    }

    /// Waits for the lease `name`, or for another holder's result: returns `(nil, value)` as soon as
    /// `settled` finds a result in the store (read before each attempt, and again once the lease is
    /// taken), else `(lease, nil)` with the lease held for the caller's work.
    ///
    /// - Throws: whatever `settled` throws; a ``StoreError``; `CancellationError` from the clock's sleep.
    func leaseOrResult<Value: Sendable>(
        _ name: String, settled: () async throws -> Value?
    ) async throws -> (lease: Lease?, value: Value?) {
        while true {
            if let value = try await settled() { return (nil, value) }
            if let lease = try await acquireLease(name) {
                // The holder may have finished between the read and the acquisition.
                if let value = try await settled() {
                    await releaseLease(lease)
                    return (nil, value)
                }
                return (lease, nil)
            }
            try await clock.sleep(for: configuration.leasePollInterval)
        }
    }

    /// Runs `work` under `lease` and releases it afterwards, whether `work` returned or threw.
    func releasing<Value>(_ lease: Lease?, _ work: () async throws -> Value) async throws -> Value {
        do {
            let value = try await work()
            await releaseLease(lease)
            return value
        } catch {
            await releaseLease(lease)
            throw error
        }
    }
}
