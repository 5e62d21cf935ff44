public import AlipayPlus
import AlipayPlusModels
import Foundation
import PostgresNIO

// RefundStore: every refund rule is checked by `insert_refund` while it holds the payment row's lock.

extension PostgresAutoDebitStore {
    /// Stores a pending refund if the refund rules allow it, counting it in its payment's row in the
    /// same transaction (see ``AlipayPlus/RefundStore/insert(_:)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `duplicate`, `notFound`, `invalidAmount`, `refundNotAllowed`,
    ///   `refundLimitExceeded`, `persistence`.
    @discardableResult
    public func insert(_ refund: RefundRecord) async throws -> RefundRecord {
        var stored = refund
        stored.version = 1
        let rows = try await runner.storeRows("""
            SELECT outcome, record_id, stored_version, left_minor, payment_state, payment_currency
            FROM \(unescaped: table("insert_refund"))(
                \(stored.refundRequestId)::text, \(stored.paymentRequestId)::text, \(stored.amount.currency)::text,
                \(stored.amount.minorUnits)::bigint, \(stored.createdAt.storedSeconds)::double precision,
                \(try RecordBody.encode(stored))::jsonb)
            """, "insert refund \(refund.refundRequestId)")
        guard let row = rows.first else { throw StoreError(code: .persistence, message: "the database did not answer the refund") }
        let (outcome, recordId, version, left, state, currency) = try decodeColumns(
            row, (String, String?, Int64?, Int64?, String?, String?).self)
        let detail: String
        switch outcome {
        case "notFound":
            try WriteOutcome(outcome: outcome).check(record: "payment \(refund.paymentRequestId) to refund")
            detail = ""
        case "invalidAmount": detail = " (\(refund.amount))"
        case "refundNotAllowed":
            detail = "payment \(refund.paymentRequestId) is \(state ?? "?"), not succeeded"
        case "currencyMismatch":
            detail = "refund currency \(refund.amount.currency) differs from payment \(refund.paymentRequestId)'s \(currency ?? "?")"
        case "refundLimitExceeded":
            detail = ": \(refund.amount) asked, \(left ?? 0) minor units left on payment \(refund.paymentRequestId)"
        default: detail = ""
        }
        try WriteOutcome(outcome: outcome, recordId: recordId, storedVersion: version)
            .check(record: "refund \(refund.refundRequestId)", detail: detail)
        return stored
    }

    /// Replaces the refund by compare-and-set; its payment's tally and version change in the same
    /// transaction when the refund starts or stops counting (see ``AlipayPlus/RefundStore/replace(_:under:)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `notFound`, `leaseLost`, `versionConflict`, `persistence`.
    @discardableResult
    public func replace(_ refund: RefundRecord, under lease: Lease?) async throws -> RefundRecord {
        var stored = refund
        stored.version = refund.version + 1
        let rows = try await runner.storeRows("""
            SELECT outcome, record_id, stored_version FROM \(unescaped: table("replace_refund"))(
                \(stored.refundRequestId)::text, \(refund.version)::bigint, \(stored.paymentRequestId)::text,
                \(stored.state.rawValue)::text, \(stored.amount.currency)::text, \(stored.amount.minorUnits)::bigint,
                \(try RecordBody.encode(stored))::jsonb, \(lease?.name)::text, \(lease?.fencingToken)::bigint)
            """, "replace refund \(refund.refundRequestId)")
        try writeOutcome(rows).check(record: "refund \(refund.refundRequestId)", lease: lease)
        return stored
    }

    /// The refund with this request id.
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func refund(requestId: String) async throws -> RefundRecord? {
        try await runner.storeRows("""
            SELECT version, body::text FROM \(unescaped: table("refunds")) WHERE refund_request_id = \(requestId)
            """, "read refund \(requestId)").first.map(refundRecord)
    }

    /// Every refund of a payment, oldest first (the index `refunds_by_payment`).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        try await runner.storeRows("""
            SELECT version, body::text FROM \(unescaped: table("refunds")) WHERE payment_request_id = \(paymentRequestId)
            ORDER BY created_at, refund_request_id
            """, "read a payment's refunds").map(refundRecord)
    }

    /// Up to `limit` pending refunds, oldest first (the partial index `refunds_pending_oldest_first`).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func pendingRefunds(limit: Int) async throws -> [RefundRecord] {
        try await runner.storeRows("""
            SELECT version, body::text FROM \(unescaped: table("refunds")) WHERE state = 'pending'
            ORDER BY created_at, refund_request_id LIMIT \(max(0, limit))
            """, "read pending refunds").map(refundRecord)
    }

    func refundRecord(_ row: PostgresRow) throws -> RefundRecord {
        let (version, body) = try decodeColumns(row, (Int64, String).self)
        return try refundRecord(version: version, body: body)
    }

    func refundRecord(version: Int64, body: String) throws -> RefundRecord {
        var refund = try RecordBody.decode(RefundRecord.self, from: body, what: "a refund")
        refund.version = version
        return refund
    }

    // MARK: NotificationLog

    /// Records `key`; `true` the first time it is seen (the table `delivery_keys`).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func recordFirstDelivery(key: String) async throws -> Bool {
        !(try await runner.storeRows("""
            INSERT INTO \(unescaped: table("delivery_keys")) (delivery_key) VALUES (\(key)) ON CONFLICT DO NOTHING RETURNING 1
            """, "record a notification's delivery key").isEmpty)
    }
}
