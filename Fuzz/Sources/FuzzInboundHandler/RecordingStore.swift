import AlipayPlus
import Foundation

/// An in-memory store that counts every call that may change it.
final class RecordingStore: AutoDebitStore, @unchecked Sendable {
    private let inner = LocalAutoDebitStore()
    private let lock = NSLock()
    private var writeCalls: [String] = []

    /// The names of the mutating calls made so far.
    var writes: [String] { lock.withLock { writeCalls } }

    private func note(_ name: String) { lock.withLock { writeCalls.append(name) } }

    func save(_ authorization: PendingAuthorization) async throws { note("save(authorization)"); try await inner.save(authorization) }
    func authorization(authState: String) async throws -> PendingAuthorization? { try await inner.authorization(authState: authState) }
    func save(_ binding: BindingRecord) async throws { note("save(binding)"); try await inner.save(binding) }
    func update(bindingId: String, _ transition: @escaping @Sendable (inout BindingRecord) -> Bool) async throws -> BindingRecord? {
        note("update(binding)"); return try await inner.update(bindingId: bindingId, transition)
    }
    func binding(id: String) async throws -> BindingRecord? { try await inner.binding(id: id) }
    func bindings(merchantUserId: String) async throws -> [BindingRecord] { try await inner.bindings(merchantUserId: merchantUserId) }
    func binding(accessToken: String) async throws -> BindingRecord? { try await inner.binding(accessToken: accessToken) }
    func insert(_ payment: PaymentRecord) async throws { note("insert(payment)"); try await inner.insert(payment) }
    func update(paymentRequestId: String, _ transition: @escaping @Sendable (inout PaymentRecord) -> Bool) async throws -> PaymentRecord? {
        note("update(payment)"); return try await inner.update(paymentRequestId: paymentRequestId, transition)
    }
    func payment(requestId: String) async throws -> PaymentRecord? { try await inner.payment(requestId: requestId) }
    func allPayments() async throws -> [PaymentRecord] { try await inner.allPayments() }
    func insert(_ refund: RefundRecord, limitMinorUnits: Int64) async throws {
        note("insert(refund)"); try await inner.insert(refund, limitMinorUnits: limitMinorUnits)
    }
    func update(refundRequestId: String, _ transition: @escaping @Sendable (inout RefundRecord) -> Bool) async throws -> RefundRecord? {
        note("update(refund)"); return try await inner.update(refundRequestId: refundRequestId, transition)
    }
    func refund(requestId: String) async throws -> RefundRecord? { try await inner.refund(requestId: requestId) }
    func refunds(paymentRequestId: String) async throws -> [RefundRecord] { try await inner.refunds(paymentRequestId: paymentRequestId) }
    func allRefunds() async throws -> [RefundRecord] { try await inner.allRefunds() }
    func recordFirstDelivery(key: String) async throws -> Bool { note("recordFirstDelivery"); return try await inner.recordFirstDelivery(key: key) }
}
