import AlipayPlusModels
import Foundation

// The coordinator's read-apply-replace helpers over the store contract: each reads the record, applies
// a pure change, and replaces it by compare-and-set; on `versionConflict` (another writer won) it reads
// again and re-applies, a bounded number of times. The store itself never runs a closure.

/// How many times a change is re-applied after losing a compare-and-set before the conflict is thrown.
let compareAndSetAttempts = 64

/// Reads, applies `transition` and writes until the write is not refused as stale.
///
/// `transition` returns `false` (or leaves the record equal) when nothing is to change: then nothing is
/// written and the update's `before` and `after` are the record read.
///
/// `known` is a copy the caller was just given by the store (the record an insert or a replace
/// returned): the first attempt applies `transition` to it and writes without reading, and the
/// compare-and-set refuses it when it is stale, so the change is then re-applied to the record read.
/// A `known` copy on which `transition` changes nothing is never believed: the record is read.
func compareAndSet<Record: Sendable & Equatable>(
    known: Record? = nil, read: () async throws -> Record?, _ transition: (inout Record) -> Bool,
    write: (Record) async throws -> Record
) async throws -> RecordUpdate<Record>? {
    if let known {
        var after = known
        if transition(&after), after != known {
            do {
                return RecordUpdate(before: known, after: try await write(after))
            } catch let error as StoreError where error.code == .versionConflict {
                // Stale: another writer changed it since; read it below.
            }
        }
    }
    var lastConflict: StoreError?
    for _ in 0..<compareAndSetAttempts {
        guard let before = try await read() else { return nil }
        var after = before
        guard transition(&after), after != before else { return RecordUpdate(before: before, after: before) }
        do {
            return RecordUpdate(before: before, after: try await write(after))
        } catch let error as StoreError where error.code == .versionConflict {
            lastConflict = error
        }
    }
    throw lastConflict ?? StoreError(code: .versionConflict, message: "the record kept changing; try again")
}

extension BindingStore {
    /// Stores a new pending authorization (the insert of the contract).
    func save(_ authorization: PendingAuthorization) async throws {
        try await insert(authorization)
    }

    /// Stores a new binding and completes the authorization read before, in one atomic write.
    func save(_ binding: BindingRecord, completing authorization: PendingAuthorization) async throws {
        try await insert(binding, completing: authorization, under: nil)
    }

    /// Applies `transition` to the stored binding by compare-and-set; the record before and after it.
    func update(
        bindingId: String, _ transition: @escaping @Sendable (inout BindingRecord) -> Bool
    ) async throws -> RecordUpdate<BindingRecord>? {
        try await compareAndSet(read: { try await binding(id: bindingId) }, transition) {
            try await replace($0, under: nil, deliveryKey: nil)
        }
    }

    /// The binding whose current access token is `accessToken`.
    func binding(accessToken: String) async throws -> BindingRecord? {
        try await binding(accessToken: Secret(accessToken))
    }
}

extension PaymentStore {
    /// Applies `transition` to the stored payment by compare-and-set; the record before and after it.
    ///
    /// Changes to ``PaymentRecord/refunds`` are ignored (the store keeps the tally).
    func update(
        paymentRequestId: String, _ transition: @escaping @Sendable (inout PaymentRecord) -> Bool
    ) async throws -> RecordUpdate<PaymentRecord>? {
        try await compareAndSet(read: { try await payment(requestId: paymentRequestId) }, { record in
            let tally = record.refunds
            guard transition(&record) else { return false }
            record.refunds = tally
            return true
        }, write: { try await replace($0, under: nil, deliveryKey: nil) })
    }
}

extension RefundStore {
    /// Applies `transition` to the stored refund by compare-and-set; the record before and after it.
    func update(
        refundRequestId: String, _ transition: @escaping @Sendable (inout RefundRecord) -> Bool
    ) async throws -> RecordUpdate<RefundRecord>? {
        try await compareAndSet(read: { try await refund(requestId: refundRequestId) }, transition) {
            try await replace($0, under: nil)
        }
    }
}
