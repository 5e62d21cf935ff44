public import AlipayPlus
import AlipayPlusModels
public import Foundation
import PostgresNIO

// PaymentStore: one unfinished payment per order is the partial unique index
// `payments_one_unfinished_per_order`; the refund tally lives in the payment's row.

extension PostgresAutoDebitStore {
    /// The columns a payment is read with, in `paymentRecord(_:)`'s order.
    static let paymentColumns = "version, refund_count, refunded_minor, body::text"

    /// Stores a new payment intent unless its id is known or its order has an unfinished payment.
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `duplicate`, `orderHasUnfinishedPayment`, `persistence`.
    @discardableResult
    public func insert(_ payment: PaymentRecord) async throws -> PaymentRecord {
        let stored = Self.intent(payment)
        let rows = try await runner.storeRows("""
            SELECT outcome, record_id, stored_version FROM \(unescaped: table("insert_payment"))(
                \(stored.paymentRequestId)::text, \(stored.referenceOrderId)::text, \(stored.merchantUserId)::text,
                \(stored.bindingId)::text, \(stored.state.rawValue)::text, \(stored.amount.currency)::text,
                \(stored.amount.minorUnits)::bigint, \(stored.createdAt.storedSeconds)::double precision,
                \(try RecordBody.encode(stored))::jsonb)
            """, "insert payment \(payment.paymentRequestId)")
        try writeOutcome(rows).check(record: "payment \(payment.paymentRequestId)")
        return stored
    }

    /// Takes the payment's lease and, only when it was taken, stores the intent, in one statement
    /// (see ``AlipayPlus/PaymentStore/insertLeased(_:owner:ttl:now:)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence` (nothing was stored, no lease taken).
    public func insertLeased(_ payment: PaymentRecord, owner: String, ttl: Duration, now: Date) async throws -> LeasedInsert? {
        let stored = Self.intent(payment)
        let name = Lease.payment(payment.paymentRequestId)
        let expiresAt = now.adding(ttl: ttl)
        let rows = try await runner.storeRows("""
            SELECT fencing_token, outcome, record_id, stored_version FROM \(unescaped: table("insert_payment_under_lease"))(
                \(name)::text, \(owner)::text, \(now.storedSeconds)::double precision, \(expiresAt.storedSeconds)::double precision,
                \(stored.paymentRequestId)::text, \(stored.referenceOrderId)::text, \(stored.merchantUserId)::text,
                \(stored.bindingId)::text, \(stored.state.rawValue)::text, \(stored.amount.currency)::text,
                \(stored.amount.minorUnits)::bigint, \(stored.createdAt.storedSeconds)::double precision,
                \(try RecordBody.encode(stored))::jsonb)
            """, "insert payment \(payment.paymentRequestId) under its lease")
        guard let row = rows.first else { throw StoreError(code: .persistence, message: "the database did not answer the leased insert") }
        let (token, outcome, recordId, version) = try decodeColumns(row, (Int64?, String?, String?, Int64?).self)
        guard let token else { return nil }
        let lease = Lease(name: name, owner: owner, fencingToken: token, expiresAt: expiresAt)
        do {
            try WriteOutcome(outcome: outcome ?? "no answer", recordId: recordId, storedVersion: version)
                .check(record: "payment \(payment.paymentRequestId)")
            return LeasedInsert(lease: lease, inserted: .success(stored))
        } catch {
            return LeasedInsert(lease: lease, inserted: .failure(error))
        }
    }

    /// A new payment as the insert stores it: version 1, no refunds.
    private static func intent(_ payment: PaymentRecord) -> PaymentRecord {
        var stored = payment
        stored.version = 1
        stored.refunds = RefundTally()
        return stored
    }

    /// Replaces the payment by compare-and-set, with its rules (see
    /// ``AlipayPlus/PaymentStore/replace(_:under:deliveryKey:)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `notFound`, `leaseLost`, `duplicateDelivery`, `versionConflict`,
    ///   `cancelNotAllowed`, `orderHasUnfinishedPayment`, `persistence`.
    @discardableResult
    public func replace(_ payment: PaymentRecord, under lease: Lease?, deliveryKey: String?) async throws -> PaymentRecord {
        var stored = payment
        stored.version = payment.version + 1
        let rows = try await runner.storeRows("""
            SELECT outcome, record_id, stored_version, refund_count, refunded_minor FROM \(unescaped: table("replace_payment"))(
                \(stored.paymentRequestId)::text, \(payment.version)::bigint, \(stored.referenceOrderId)::text,
                \(stored.merchantUserId)::text, \(stored.bindingId)::text, \(stored.state.rawValue)::text,
                \(stored.amount.currency)::text, \(stored.amount.minorUnits)::bigint, \(try RecordBody.encode(stored))::jsonb,
                \(lease?.name)::text, \(lease?.fencingToken)::bigint, \(deliveryKey)::text)
            """, "replace payment \(payment.paymentRequestId)")
        return try replaced(stored, rows, lease: lease, deliveryKey: deliveryKey)
    }

    /// Replaces the payment under `lease` and, only when that wrote, releases the lease, in one
    /// statement (see ``AlipayPlus/PaymentStore/replace(_:releasing:)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `notFound`, `leaseLost`, `versionConflict`, `cancelNotAllowed`,
    ///   `orderHasUnfinishedPayment`, `persistence` (nothing was written; the lease is still held).
    public func replace(_ payment: PaymentRecord, releasing lease: Lease) async throws -> ReleasedReplace {
        var stored = payment
        stored.version = payment.version + 1
        let rows = try await runner.storeRows("""
            SELECT outcome, record_id, stored_version, refund_count, refunded_minor FROM \(unescaped: table("replace_payment_releasing"))(
                \(stored.paymentRequestId)::text, \(payment.version)::bigint, \(stored.referenceOrderId)::text,
                \(stored.merchantUserId)::text, \(stored.bindingId)::text, \(stored.state.rawValue)::text,
                \(stored.amount.currency)::text, \(stored.amount.minorUnits)::bigint, \(try RecordBody.encode(stored))::jsonb,
                \(lease.name)::text, \(lease.fencingToken)::bigint)
            """, "replace payment \(payment.paymentRequestId) releasing its lease")
        return ReleasedReplace(stored: try replaced(stored, rows, lease: lease, deliveryKey: nil))
    }

    /// The payment a replacement stored, from the function's row (its outcome checked, the refund
    /// tally the database keeps filled in).
    private func replaced(_ written: PaymentRecord, _ rows: [PostgresRow], lease: Lease?, deliveryKey: String?) throws -> PaymentRecord {
        guard let row = rows.first else { throw StoreError(code: .persistence, message: "the database did not answer the replacement") }
        let (outcome, recordId, version, count, minor) = try decodeColumns(row, (String, String?, Int64?, Int32?, Int64?).self)
        try WriteOutcome(outcome: outcome, recordId: recordId, storedVersion: version)
            .check(record: "payment \(written.paymentRequestId)", lease: lease, deliveryKey: deliveryKey)
        var stored = written
        stored.refunds = RefundTally()
        stored.refunds.count = Int(count ?? 0)
        stored.refunds.minorUnits = minor ?? 0
        return stored
    }

    /// The payment with this request id.
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func payment(requestId: String) async throws -> PaymentRecord? {
        try await runner.storeRows("""
            SELECT \(unescaped: Self.paymentColumns) FROM \(unescaped: table("payments")) WHERE payment_request_id = \(requestId)
            """, "read payment \(requestId)").first.map(paymentRecord)
    }

    /// The payments of the merchant's order that are not final yet, oldest first (the partial index
    /// `payments_one_unfinished_per_order`).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await runner.storeRows("""
            SELECT \(unescaped: Self.paymentColumns) FROM \(unescaped: table("payments"))
            WHERE reference_order_id = \(referenceOrderId) AND state IN \(unescaped: SchemaMigration.unfinishedStates)
            ORDER BY created_at, payment_request_id
            """, "read an order's unfinished payments").map(paymentRecord)
    }

    /// Up to `limit` payments that are not final, oldest first (the partial index
    /// `payments_unfinished_oldest_first`).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func unfinishedPayments(limit: Int) async throws -> [PaymentRecord] {
        try await runner.storeRows("""
            SELECT \(unescaped: Self.paymentColumns) FROM \(unescaped: table("payments"))
            WHERE state IN \(unescaped: SchemaMigration.unfinishedStates)
            ORDER BY created_at, payment_request_id LIMIT \(max(0, limit))
            """, "read unfinished payments").map(paymentRecord)
    }

    /// A payment from a row of ``paymentColumns``.
    func paymentRecord(_ row: PostgresRow) throws -> PaymentRecord {
        let (version, count, minor, body) = try decodeColumns(row, (Int64, Int32, Int64, String).self)
        return try paymentRecord(version: version, refundCount: count, refundedMinor: minor, body: body)
    }

    func paymentRecord(version: Int64, refundCount: Int32, refundedMinor: Int64, body: String) throws -> PaymentRecord {
        var payment = try RecordBody.decode(PaymentRecord.self, from: body, what: "a payment")
        payment.version = version
        payment.refunds = RefundTally()
        payment.refunds.count = Int(refundCount)
        payment.refunds.minorUnits = refundedMinor
        return payment
    }
}
