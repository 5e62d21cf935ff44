import AlipayPlus
import AlipayPlusTransport
import Foundation

/// One process lifetime: once crashed, the store and transport it guards refuse everything, so a
/// task of the dead process that is still running cannot read, write or send anything more.
final class SoakCrashGate: @unchecked Sendable {
    private let lock = NSLock()
    private var crashed = false

    var isCrashed: Bool { lock.withLock { crashed } }

    func crash() { lock.withLock { crashed = true } }

    func check() throws {
        if isCrashed { throw CancellationError() }
    }
}

/// A store as seen by one process: forwards to the real store until the process crashes.
struct SoakGatedStore: AutoDebitStore {
    let base: LocalAutoDebitStore
    let gate: SoakCrashGate

    private func pass<T>(_ work: () async throws -> T) async throws -> T {
        try gate.check()
        let value = try await work()
        try gate.check()  // written, but the process died before it could act on it
        return value
    }

    func save(_ authorization: PendingAuthorization) async throws { try await pass { try await base.save(authorization) } }
    func authorization(authState: String) async throws -> PendingAuthorization? {
        try await pass { try await base.authorization(authState: authState) }
    }
    func save(_ binding: BindingRecord) async throws { try await pass { try await base.save(binding) } }
    func save(_ binding: BindingRecord, completing authorization: PendingAuthorization) async throws {
        try await pass { try await base.save(binding, completing: authorization) }
    }
    func update(bindingId: String, _ transition: @escaping @Sendable (inout BindingRecord) -> Bool) async throws -> RecordUpdate<BindingRecord>? {
        try await pass { try await base.update(bindingId: bindingId, transition) }
    }
    func binding(id: String) async throws -> BindingRecord? { try await pass { try await base.binding(id: id) } }
    func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        try await pass { try await base.bindings(merchantUserId: merchantUserId) }
    }
    func binding(accessToken: String) async throws -> BindingRecord? {
        try await pass { try await base.binding(accessToken: accessToken) }
    }
    func recordFirstDelivery(key: String) async throws -> Bool { try await pass { try await base.recordFirstDelivery(key: key) } }
    func insert(_ payment: PaymentRecord) async throws { try await pass { try await base.insert(payment) } }
    func update(paymentRequestId: String, _ transition: @escaping @Sendable (inout PaymentRecord) -> Bool) async throws -> RecordUpdate<PaymentRecord>? {
        try await pass { try await base.update(paymentRequestId: paymentRequestId, transition) }
    }
    func payment(requestId: String) async throws -> PaymentRecord? { try await pass { try await base.payment(requestId: requestId) } }
    func payments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await pass { try await base.payments(referenceOrderId: referenceOrderId) }
    }
    func allPayments() async throws -> [PaymentRecord] { try await pass { try await base.allPayments() } }
    func insert(_ refund: RefundRecord, limitMinorUnits: Int64) async throws {
        try await pass { try await base.insert(refund, limitMinorUnits: limitMinorUnits) }
    }
    func update(refundRequestId: String, _ transition: @escaping @Sendable (inout RefundRecord) -> Bool) async throws -> RecordUpdate<RefundRecord>? {
        try await pass { try await base.update(refundRequestId: refundRequestId, transition) }
    }
    func refund(requestId: String) async throws -> RefundRecord? { try await pass { try await base.refund(requestId: requestId) } }
    func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        try await pass { try await base.refunds(paymentRequestId: paymentRequestId) }
    }
    func allRefunds() async throws -> [RefundRecord] { try await pass { try await base.allRefunds() } }
}

/// The network as seen by one process: a request of a crashed process is never sent, and an answer
/// arriving after the crash is lost.
struct SoakGatedTransport: HTTPTransport {
    let base: any HTTPTransport
    let gate: SoakCrashGate

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if gate.isCrashed { throw TransportError.connectionFailed(url: request.url, underlying: "the process crashed") }
        let response = try await base.send(request)
        if gate.isCrashed { throw TransportError.timedOut(url: request.url, underlying: "the process crashed") }
        return response
    }
}
