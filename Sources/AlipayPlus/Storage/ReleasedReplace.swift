public import Foundation

/// What ``PaymentStore/replace(_:releasing:)`` did: the payment as stored and, when the lease could
/// not be released after the write, why.
public struct ReleasedReplace: Sendable {
    /// The payment as stored by the write.
    public var stored: PaymentRecord
    /// The error of a release that failed after the write succeeded (the write stands; the lease
    /// lapses after its time to live); `nil` when the lease was released.
    public var releaseFailure: (any Error)?

    /// Creates the outcome of a releasing replace.
    public init(stored: PaymentRecord, releaseFailure: (any Error)? = nil) {
        self.stored = stored
        self.releaseFailure = releaseFailure
    }
}

extension PaymentStore where Self: LeaseStore {
    /// The two calls: ``PaymentStore/replace(_:under:deliveryKey:)`` under `lease`, then, only when it
    /// wrote, ``LeaseStore/releaseLease(_:)`` (a failure of the release is handed back, not thrown).
    ///
    /// - Throws: what the replace throws (nothing was written; the lease is still held).
    public func replace(_ payment: PaymentRecord, releasing lease: Lease) async throws -> ReleasedReplace {
        let stored = try await replace(payment, under: lease, deliveryKey: nil)
        do {
            try await releaseLease(lease)
            return ReleasedReplace(stored: stored)
        } catch {
            return ReleasedReplace(stored: stored, releaseFailure: error)
        }
    }
}
