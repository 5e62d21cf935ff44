import AlipayPlus
import AlipayPlusModels
import Foundation

/// Forwards to a store, counts its writes, and runs `onRefusedLease` whenever an acquisition of a
/// lease whose name starts with `gatedLeasePrefix` is refused, before answering (a test holds the
/// refused instance there until it has seen what it needs).
struct FlowObservingStore: ForwardingStore {
    /// The writes the store received, by kind.
    final class Writes: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ kind: String) { lock.withLock { counts[kind, default: 0] += 1 } }
        /// How many writes of `kind` (`replace`, `replaceWithDeliveryKey`, `recordFirstDelivery`, `insert`).
        func count(_ kind: String) -> Int { lock.withLock { counts[kind] ?? 0 } }
    }

    let base: any AutoDebitStore
    var gatedLeasePrefix = "\u{0}"
    var onRefusedLease: @Sendable () async -> Void = {}
    let writes = Writes()

    init(base: any AutoDebitStore, gatedLeasePrefix: String = "\u{0}", onRefusedLease: @escaping @Sendable () async -> Void = {}) {
        self.base = base
        self.gatedLeasePrefix = gatedLeasePrefix
        self.onRefusedLease = onRefusedLease
    }

    private func replaced(deliveryKey: String?) { writes.add(deliveryKey == nil ? "replace" : "replaceWithDeliveryKey") }

    func acquireLease(_ name: String, owner: String, ttl: Duration, now: Date) async throws -> Lease? {
        let lease = try await base.acquireLease(name, owner: owner, ttl: ttl, now: now)
        if lease == nil, name.hasPrefix(gatedLeasePrefix) { await onRefusedLease() }
        return lease
    }

    @discardableResult
    func replace(_ binding: BindingRecord, under lease: Lease?, deliveryKey: String?) async throws -> BindingRecord {
        replaced(deliveryKey: deliveryKey)
        return try await base.replace(binding, under: lease, deliveryKey: deliveryKey)
    }
    func recordFirstDelivery(key: String) async throws -> Bool {
        writes.add("recordFirstDelivery")
        return try await base.recordFirstDelivery(key: key)
    }
    @discardableResult
    func replace(_ payment: PaymentRecord, under lease: Lease?, deliveryKey: String?) async throws -> PaymentRecord {
        replaced(deliveryKey: deliveryKey)
        return try await base.replace(payment, under: lease, deliveryKey: deliveryKey)
    }
}
