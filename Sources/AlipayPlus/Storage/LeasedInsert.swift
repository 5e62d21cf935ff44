public import Foundation

/// What ``PaymentStore/insertLeased(_:owner:ttl:now:)`` did once it held the payment's lease: the
/// lease, and the insert's outcome.
public struct LeasedInsert: Sendable {
    /// The payment's lease, held for the caller (who releases it).
    public var lease: Lease
    /// The payment as stored, or why it was not (a ``StoreError`` refusal or a failure).
    public var inserted: Result<PaymentRecord, any Error>

    /// Creates the outcome of a leased insert.
    public init(lease: Lease, inserted: Result<PaymentRecord, any Error>) {
        self.lease = lease
        self.inserted = inserted
    }
}

extension PaymentStore where Self: LeaseStore {
    /// The two calls: ``LeaseStore/acquireLease(_:owner:ttl:now:)``, then ``PaymentStore/insert(_:)``
    /// only when the lease was taken.
    ///
    /// - Throws: a ``StoreError`` when the lease could not be taken.
    public func insertLeased(_ payment: PaymentRecord, owner: String, ttl: Duration, now: Date) async throws -> LeasedInsert? {
        guard let lease = try await acquireLease(Lease.payment(payment.paymentRequestId), owner: owner, ttl: ttl, now: now) else {
            return nil
        }
        do {
            return LeasedInsert(lease: lease, inserted: .success(try await insert(payment)))
        } catch {
            return LeasedInsert(lease: lease, inserted: .failure(error))
        }
    }
}
