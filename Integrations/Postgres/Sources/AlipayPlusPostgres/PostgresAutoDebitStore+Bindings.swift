public import AlipayPlus
public import AlipayPlusModels
import AlipayPlusSigning
import Foundation
import PostgresNIO

// BindingStore: authorizations and bindings, tokens sealed before they reach a statement.

extension PostgresAutoDebitStore {
    /// Stores a new pending authorization (see ``AlipayPlus/BindingStore/insert(_:)-(PendingAuthorization)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `duplicate`, `sealingFailed`, `persistence`.
    @discardableResult
    public func insert(_ authorization: PendingAuthorization) async throws -> PendingAuthorization {
        var stored = authorization
        stored.version = 1
        let body = try RecordBody.encode(try sealed(stored))
        let rows = try await runner.storeRows("""
            INSERT INTO \(unescaped: table("authorizations")) (auth_state, merchant_user_id, created_at, version, body)
            VALUES (\(stored.authState), \(stored.merchantUserId), \(stored.createdAt.storedSeconds), 1, \(body)::jsonb)
            ON CONFLICT DO NOTHING RETURNING version
            """, "insert an authorization")
        if rows.isEmpty { try WriteOutcome(outcome: "duplicate").check(record: "authorization with this authState") }
        return stored
    }

    /// The pending authorization with this state value.
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `sealingFailed`, `persistence`.
    public func authorization(authState: String) async throws -> PendingAuthorization? {
        let rows = try await runner.storeRows("""
            SELECT version, body::text FROM \(unescaped: table("authorizations")) WHERE auth_state = \(authState)
            """, "read an authorization")
        return try rows.first.map { row in
            let (version, body) = try decodeColumns(row, (Int64, String).self)
            var sealed = try RecordBody.decode(SealedAuthorization.self, from: body, what: "an authorization")
            sealed.version = version
            return try sealing("open an authorization's auth code") { try sealer.open(sealed) }
        }
    }

    /// Stores a binding made elsewhere (see ``AlipayPlus/BindingStore/insert(_:)-(BindingRecord)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `duplicate`, `sealingFailed`, `persistence`.
    @discardableResult
    public func insert(_ binding: BindingRecord) async throws -> BindingRecord {
        var stored = binding
        stored.version = 1
        let row = try sealed(stored)
        let rows = try await runner.storeRows("""
            INSERT INTO \(unescaped: table("bindings"))
                (binding_id, merchant_user_id, access_token_lookup_hash, status, created_at, version, body)
            VALUES (\(row.bindingId), \(row.merchantUserId), \(row.accessTokenLookupHash.stringRepresentation), \(row.status.rawValue),
                    \(row.createdAt.storedSeconds), 1, \(try RecordBody.encode(row))::jsonb)
            ON CONFLICT DO NOTHING RETURNING version
            """, "insert binding \(binding.bindingId)")
        if rows.isEmpty { try WriteOutcome(outcome: "duplicate").check(record: "binding \(binding.bindingId)") }
        return stored
    }

    /// Stores a new binding and completes its authorization in one transaction.
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `duplicate`, `notFound`, `versionConflict`, `leaseLost`,
    ///   `sealingFailed`, `persistence`.
    @discardableResult
    public func insert(
        _ binding: BindingRecord, completing authorization: PendingAuthorization, under lease: Lease?
    ) async throws -> (binding: BindingRecord, authorization: PendingAuthorization) {
        var storedBinding = binding
        storedBinding.version = 1
        var storedAuthorization = authorization
        storedAuthorization.version = authorization.version + 1
        let row = try sealed(storedBinding)
        let rows = try await runner.storeRows("""
            SELECT outcome, record_id, stored_version FROM \(unescaped: table("complete_authorization"))(
                \(row.bindingId)::text, \(row.merchantUserId)::text, \(row.accessTokenLookupHash.stringRepresentation)::text,
                \(row.status.rawValue)::text, \(row.createdAt.storedSeconds)::double precision, \(try RecordBody.encode(row))::jsonb,
                \(authorization.authState)::text, \(authorization.version)::bigint,
                \(try RecordBody.encode(try sealed(storedAuthorization)))::jsonb,
                \(lease?.name)::text, \(lease?.fencingToken)::bigint)
            """, "insert binding \(binding.bindingId) completing its authorization")
        let outcome = try writeOutcome(rows)
        let name = outcome.outcome == "duplicate" ? "binding \(binding.bindingId)" : "the authorization completed by binding \(binding.bindingId)"
        try outcome.check(record: name, lease: lease)
        return (storedBinding, storedAuthorization)
    }

    /// Replaces the binding by compare-and-set (see ``AlipayPlus/BindingStore/replace(_:under:deliveryKey:)``).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `notFound`, `leaseLost`, `duplicateDelivery`, `versionConflict`,
    ///   `sealingFailed`, `persistence`.
    @discardableResult
    public func replace(_ binding: BindingRecord, under lease: Lease?, deliveryKey: String?) async throws -> BindingRecord {
        var stored = binding
        stored.version = binding.version + 1
        let row = try sealed(stored)
        let rows = try await runner.storeRows("""
            SELECT outcome, record_id, stored_version FROM \(unescaped: table("replace_binding"))(
                \(row.bindingId)::text, \(binding.version)::bigint, \(row.merchantUserId)::text,
                \(row.accessTokenLookupHash.stringRepresentation)::text, \(row.status.rawValue)::text, \(try RecordBody.encode(row))::jsonb,
                \(lease?.name)::text, \(lease?.fencingToken)::bigint, \(deliveryKey)::text)
            """, "replace binding \(binding.bindingId)")
        try writeOutcome(rows).check(record: "binding \(binding.bindingId)", lease: lease, deliveryKey: deliveryKey)
        return stored
    }

    /// The binding with this id.
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `sealingFailed`, `persistence`.
    public func binding(id: String) async throws -> BindingRecord? {
        try await bindings(where: "binding_id = $1", id, what: "read binding \(id)").first
    }

    /// Every binding of a merchant user, oldest first.
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `sealingFailed`, `persistence`.
    public func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        try await bindings(where: "merchant_user_id = $1", merchantUserId, what: "read a merchant user's bindings")
    }

    /// The binding whose current access token is `accessToken`, found by its keyed hash under every
    /// key of the ring (records not re-sealed by a rotation yet included).
    ///
    /// - Throws: ``AlipayPlus/StoreError`` `sealingFailed`, `persistence`.
    public func binding(accessToken: Secret) async throws -> BindingRecord? {
        let hashes = try sealing("hash an access token") { try sealer.lookupHashes(ofAccessToken: accessToken) }
        let text = "{" + hashes.map(\.stringRepresentation).joined(separator: ",") + "}"
        return try await bindings(where: "access_token_lookup_hash = ANY($1::text[])", text, what: "look a binding up by its token").first
    }

    /// Bindings matching `condition` (with `$1` bound to `value`), oldest first, opened.
    private func bindings(where condition: String, _ value: String, what: String) async throws -> [BindingRecord] {
        var bindings = PostgresBindings()
        bindings.append(value)
        let query = PostgresQuery(
            unsafeSQL: "SELECT version, body::text FROM \(table("bindings")) WHERE \(condition) ORDER BY created_at, binding_id",
            binds: bindings)
        return try await runner.storeRows(query, what).map { row in
            let (version, body) = try decodeColumns(row, (Int64, String).self)
            var sealed = try RecordBody.decode(SealedBindingRecord.self, from: body, what: "a binding")
            sealed.version = version
            return try sealing("open binding \(sealed.bindingId)'s tokens") { try sealer.open(sealed) }
        }
    }

    // MARK: Sealing

    private func sealed(_ binding: BindingRecord) throws -> SealedBindingRecord {
        try sealing("seal binding \(binding.bindingId)'s tokens") { try sealer.seal(binding) }
    }

    private func sealed(_ authorization: PendingAuthorization) throws -> SealedAuthorization {
        try sealing("seal an authorization's auth code") { try sealer.seal(authorization) }
    }

    /// Runs a sealing step, turning its `SealingError` into a ``AlipayPlus/StoreError`` `sealingFailed`.
    func sealing<Result>(_ action: String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as SealingError {
            throw StoreError(code: .sealingFailed, message: "could not \(action): \(error.message); nothing was changed",
                             underlyingError: error)
        }
    }
}
