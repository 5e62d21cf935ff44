import AlipayPlus
import AlipayPlusModels
import Foundation

extension AutoDebitStoreConformance {
    /// How many concurrent writers the concurrency checks start.
    static let writers = 100

    /// Many writers at once: the rules and compare-and-set hold under contention.
    static let concurrencyChecks: [Check] = [
        check("theRefundLimitHoldsUnderOneHundredConcurrentInserts") { c in
            let payment = try await c.succeededPayment(1, minor: 10_000)
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<writers {
                    group.addTask {
                        do {
                            try await c.store.insert(c.records.refund(n, minor: 150, second: 10))
                            return true
                        } catch let error as StoreError where error.code == .refundLimitExceeded {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            try c.expect(accepted == 66, "\(accepted) refunds of 150 were stored on a payment of 10000; exactly 66 fit")
            let stored = try await c.storedPayment(payment.paymentRequestId)
            try c.expect(stored.refunds.count == 66 && stored.refunds.minorUnits == 9_900,
                         "the tally is \(stored.refunds); expected 66 refunds of 9900")
            try c.expect(stored.version == payment.version + 66,
                         "the payment is at version \(stored.version) after 66 refunds; expected \(payment.version + 66)")
            let listed = try await c.store.refunds(paymentRequestId: payment.paymentRequestId)
            try c.expect(listed.count == 66, "refunds(paymentRequestId:) lists \(listed.count) refunds, not 66")
        },
        check("oneHundredConcurrentReplacesOfOneCopyHaveExactlyOneWinner") { c in
            let binding = try await c.store.insert(c.records.binding())
            let winners = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for n in 0..<writers {
                    group.addTask {
                        var copy = binding
                        copy.customerId = "writer-\(n)"
                        do {
                            return try await c.store.replace(copy, under: nil, deliveryKey: nil).version
                        } catch let error as StoreError where error.code == .versionConflict {
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { if let version = $1 { $0.append(version) } }
            }
            try c.expect(winners == [2], "replacing one copy (version 1) from \(writers) writers gave the versions "
                + "\(winners.sorted()); exactly one write at version 2 is allowed")
        },
        check("oneHundredConcurrentReadModifyWritesLoseNoUpdate") { c in
            let binding = try await c.store.insert(c.records.binding())
            let versions = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<writers {
                    group.addTask {
                        for _ in 0..<(writers * 10) {
                            guard var copy = try await c.store.binding(id: binding.bindingId) else {
                                throw c.failure("the binding disappeared")
                            }
                            copy.customerId = String((Int(copy.customerId ?? "0") ?? 0) + 1)
                            do {
                                return try await c.store.replace(copy, under: nil, deliveryKey: nil).version
                            } catch let error as StoreError where error.code == .versionConflict {
                                continue
                            }
                        }
                        throw c.failure("a writer lost its compare-and-set \(writers * 10) times in a row")
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            try c.expect(Set(versions) == Set(2...Int64(writers + 1)),
                         "the \(writers) successful writes returned versions \(versions.sorted()); expected each of 2...\(writers + 1) once")
            let stored = try await c.store.binding(id: binding.bindingId)
            try c.expect(stored?.version == Int64(writers + 1) && stored?.customerId == "\(writers)",
                         "after \(writers) counted writes the binding is at version \(stored?.version ?? 0) counting "
                            + "\(stored?.customerId ?? "nil"); expected version \(writers + 1) counting \(writers)")
        },
    ]
}
