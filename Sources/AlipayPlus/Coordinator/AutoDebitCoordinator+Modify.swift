import AlipayPlusModels
import Foundation

// The coordinator's one way to change a stored record: read it, apply a pure transition, and
// `replace` it by compare-and-set, under the lease the work holds (fencing) and with the delivery
// key of the notification it applies (one atomic write); on `versionConflict` read again and
// re-apply. The store never runs a closure.

extension AutoDebitCoordinator {
    /// Applies `change` to the stored payment by compare-and-set; `nil` when there is no such payment.
    ///
    /// Nothing is written when `change` changes nothing. ``PaymentRecord/refunds`` is the store's
    /// (changes to it are ignored). `known` is the record as the store last returned it to this
    /// flight: the first attempt writes from it without a read (a stale copy is refused by the
    /// compare-and-set and the change re-applied to the record read).
    ///
    /// `releasingWhenFinal`: the flight's work under `lease` ends once the payment is final, so a
    /// write that makes it final releases the lease in the same store call
    /// (``PaymentStore/replace(_:releasing:)``) and the flight's end releases nothing more.
    ///
    /// - Throws: ``StoreError`` (`leaseLost` when a newer `lease` of its name was issued,
    ///   `duplicateDelivery` when `deliveryKey` was recorded before, `versionConflict` when the record
    ///   kept changing, the store's rule codes, `persistence`).
    func modifyPayment(
        _ paymentRequestId: String, under lease: Lease? = nil, deliveryKey: String? = nil, known: PaymentRecord? = nil,
        releasingWhenFinal: Bool = false, _ change: (inout PaymentRecord) -> Bool
    ) async throws -> RecordUpdate<PaymentRecord>? {
        try await compareAndSet(known: known, read: { try await store.payment(requestId: paymentRequestId) }, { record in
            let tally = record.refunds
            guard change(&record) else { return false }
            record.refunds = tally
            return true
        }, write: { record in
            guard releasingWhenFinal, let lease, deliveryKey == nil, record.state.isFinal else {
                return try await store.replace(record, under: lease, deliveryKey: deliveryKey)
            }
            let replaced = try await store.replace(record, releasing: lease)
            await releasedWithWrite(lease, failure: replaced.releaseFailure)
            return replaced.stored
        })
    }

    /// Applies `change` to the stored binding by compare-and-set; `nil` when there is no such binding.
    ///
    /// - Throws: as ``modifyPayment(_:under:deliveryKey:known:releasingWhenFinal:_:)``.
    func modifyBinding(
        _ bindingId: String, under lease: Lease? = nil, deliveryKey: String? = nil,
        _ change: (inout BindingRecord) -> Bool
    ) async throws -> RecordUpdate<BindingRecord>? {
        try await compareAndSet(read: { try await store.binding(id: bindingId) }, change) {
            try await store.replace($0, under: lease, deliveryKey: deliveryKey)
        }
    }

    /// Applies `change` to the stored refund by compare-and-set; `nil` when there is no such refund.
    ///
    /// - Throws: as ``modifyPayment(_:under:deliveryKey:known:releasingWhenFinal:_:)``.
    func modifyRefund(
        _ refundRequestId: String, under lease: Lease? = nil, _ change: (inout RefundRecord) -> Bool
    ) async throws -> RecordUpdate<RefundRecord>? {
        try await compareAndSet(read: { try await store.refund(requestId: refundRequestId) }, change) {
            try await store.replace($0, under: lease)
        }
    }
}
