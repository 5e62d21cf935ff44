public import AlipayPlus
import AlipayPlusSigning
import PostgresNIO

// Key rotation: re-sealing the rows under an older key than the ring's sealing key, batch by batch,
// each batch one compare-and-set statement, safe while other instances write the same rows.

extension PostgresAutoDebitStore {
    /// How many batches in a row may lose every row to concurrent writers before a rotation stops
    /// (reporting what remains) instead of chasing them.
    static let rotationConflictRounds = 5

    /// Re-seals every binding and authorization that is under another key than the ring's sealing
    /// key, `batchSize` rows per statement, oldest first within each key; returns the report.
    ///
    /// Safe while other instances run: each batch is one statement (one transaction) that replaces a
    /// row only if its `version` and body are still the ones read (a compare-and-set), so a write that
    /// landed in between wins and the row is read again and retried. Resumable: a batch is written
    /// whole or not at all, and a rerun finds only the rows still under an older key (through the
    /// `bindings_by_key_ids` and `authorizations_by_key_id` indexes). Versions do not change (the
    /// tokens did not), so a coordinator's copy read before stays valid. Bindings keep working
    /// throughout: lookups query every ring key's hash.
    ///
    /// Give every instance the ring with the new sealing key first (instances still sealing under the
    /// old key keep writing rows under it), then rotate from one of them; once the report
    /// ``AlipayPlus/KeyRotationReport/isComplete`` (and ``keyIdsInUse()`` is the sealing key only),
    /// the older keys can be removed from the ring.
    /// - Parameters:
    ///   - limit: stop after re-sealing this many records (to spread the work; the report says how
    ///     many remain).
    ///   - batchSize: rows per statement (at least 1).
    /// - Throws: ``AlipayPlus/StoreError`` `sealingFailed` when a row does not open with the ring
    ///   (nothing of its batch is written), `persistence` when a statement fails (that batch is not
    ///   applied; earlier batches are).
    @discardableResult
    public func rotate(limit: Int = .max, batchSize: Int = 100) async throws -> KeyRotationReport {
        try await rotate(limit: limit, batchSize: batchSize, beforeWritingBatch: nil)
    }

    /// ``rotate(limit:batchSize:)`` calling `beforeWritingBatch` after each batch is read and re-sealed
    /// and before it is written (for tests to land a concurrent write there).
    func rotate(
        limit: Int, batchSize: Int, beforeWritingBatch: (@Sendable () async -> Void)?
    ) async throws -> KeyRotationReport {
        let sealingKeyId = sealer.keyRing.sealingKeyId
        var report = KeyRotationReport(sealingKeyId: sealingKeyId)
        let size = max(1, batchSize)
        var budget = max(0, limit)
        var conflictRounds = 0
        while budget > 0, conflictRounds < Self.rotationConflictRounds {
            let read = try await bindingsToReseal(limit: min(size, budget))
            guard !read.isEmpty else { break }
            let resealed = try read.map { row in
                try sealing("re-seal binding \(row.sealed.bindingId)") { try sealer.resealed(row.sealed) } ?? row.sealed
            }
            await beforeWritingBatch?()
            let written = try await writeResealed(read, resealed)
            report.resealedBindings += written
            budget -= written
            conflictRounds = written == 0 ? conflictRounds + 1 : 0
        }
        conflictRounds = 0
        while budget > 0, conflictRounds < Self.rotationConflictRounds {
            let read = try await authorizationsToReseal(limit: min(size, budget))
            guard !read.isEmpty else { break }
            let resealed = try read.map { row in
                try sealing("re-seal an authorization's auth code") { try sealer.resealed(row.sealed) } ?? row.sealed
            }
            await beforeWritingBatch?()
            let written = try await writeResealed(read, resealed)
            report.resealedAuthorizations += written
            budget -= written
            conflictRounds = written == 0 ? conflictRounds + 1 : 0
        }
        report.remaining = try await countToReseal()
        return report
    }

    /// The ids of the ring keys the stored records are sealed and hashed under (after a complete
    /// rotation, the sealing key's only).
    ///
    /// Reads the distinct values of the key-id indexes (one index probe per distinct value), not the rows.
    /// - Throws: ``AlipayPlus/StoreError`` `persistence`.
    public func keyIdsInUse() async throws -> Set<String> {
        let rows = try await runner.storeRows(keyIdsInUseQuery(), "read the key ids in use")
        var ids = Set<String>()
        for row in rows {
            let (list) = try decodeColumns(row, (String).self)
            ids.formUnion(list.split(separator: ",").map(String.init))
        }
        return ids
    }

    /// The distinct key-id values of both indexes, each found by one probe from the previous one
    /// (a loose index scan: `DISTINCT` would read every entry).
    func keyIdsInUseQuery() -> PostgresQuery {
        let bindingKeys = bindingKeyIdsExpression, authorizationKey = authorizationKeyIdExpression
        return PostgresQuery(unsafeSQL: """
            WITH RECURSIVE binding_keys(ids) AS (
                SELECT min(\(bindingKeys)) FROM \(table("bindings"))
                UNION ALL
                SELECT (SELECT min(\(bindingKeys)) FROM \(table("bindings")) WHERE \(bindingKeys) > binding_keys.ids)
                FROM binding_keys WHERE binding_keys.ids IS NOT NULL
            ), authorization_keys(id) AS (
                SELECT min(\(authorizationKey)) FROM \(table("authorizations"))
                UNION ALL
                SELECT (SELECT min(\(authorizationKey)) FROM \(table("authorizations")) WHERE \(authorizationKey) > authorization_keys.id)
                FROM authorization_keys WHERE authorization_keys.id IS NOT NULL
            )
            SELECT ids FROM binding_keys WHERE ids IS NOT NULL
            UNION SELECT id FROM authorization_keys WHERE id IS NOT NULL
            """)
    }

    // MARK: - Reading what is under an older key

    /// A binding row's key ids (sorted, comma-separated), as `bindings_by_key_ids` indexes them.
    var bindingKeyIdsExpression: String { "\(table("binding_key_ids"))(access_token_lookup_hash, body)" }

    /// An authorization row's auth-code key id (`NULL` without one), as `authorizations_by_key_id` indexes it.
    var authorizationKeyIdExpression: String { "\(table("authorization_key_id"))(body)" }

    /// A row as read for re-sealing: its record and the exact body it was read with (the
    /// compare-and-set's expected value, with its version).
    struct ReadForResealing<Sealed: Sendable>: Sendable {
        var sealed: Sealed
        var body: String
    }

    /// The first `limit` bindings not (only) under the sealing key, by key ids then age.
    private func bindingsToReseal(limit: Int) async throws -> [ReadForResealing<SealedBindingRecord>] {
        let rows = try await runner.storeRows(underOlderKeys(
            select: "version, body::text", from: "bindings", keyExpression: bindingKeyIdsExpression, order: "created_at, binding_id", limit: limit),
            "read bindings to re-seal")
        return try rows.map { row in
            let (version, body) = try decodeColumns(row, (Int64, String).self)
            var sealed = try RecordBody.decode(SealedBindingRecord.self, from: body, what: "a binding")
            sealed.version = version
            return ReadForResealing(sealed: sealed, body: body)
        }
    }

    /// The first `limit` authorizations whose auth code is under another key than the sealing key.
    private func authorizationsToReseal(limit: Int) async throws -> [ReadForResealing<SealedAuthorization>] {
        let rows = try await runner.storeRows(underOlderKeys(
            select: "version, body::text", from: "authorizations", keyExpression: authorizationKeyIdExpression,
            order: "created_at, auth_state", limit: limit),
            "read authorizations to re-seal")
        return try rows.map { row in
            let (version, body) = try decodeColumns(row, (Int64, String).self)
            var sealed = try RecordBody.decode(SealedAuthorization.self, from: body, what: "an authorization")
            sealed.version = version
            return ReadForResealing(sealed: sealed, body: body)
        }
    }

    /// Rows whose key expression is not the sealing key's id: the ranges below and above it, each an
    /// ordered walk of the key-id index (a `<>` could not use it), `NULL`s (no sealed value) skipped.
    func underOlderKeys(select: String, from name: String, keyExpression: String, order: String, limit: Int) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(sealer.keyRing.sealingKeyId)
        binds.append(Int64(limit))
        let part = { (comparison: String) in
            "(SELECT \(select) FROM \(table(name)) WHERE \(keyExpression) \(comparison) $1 ORDER BY \(keyExpression), \(order) LIMIT $2)"
        }
        return PostgresQuery(unsafeSQL: "\(part("<")) UNION ALL \(part(">")) LIMIT $2", binds: binds)
    }

    /// How many bindings and authorizations are still under another key than the sealing key.
    private func countToReseal() async throws -> Int {
        let rows = try await runner.storeRows(countToResealQuery(), "count the records to re-seal")
        guard let row = rows.first else { return 0 }
        let (count) = try decodeColumns(row, (Int64).self)
        return Int(count)
    }

    /// Counts the rows under another key than the sealing key, through the key-id indexes.
    func countToResealQuery() -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(sealer.keyRing.sealingKeyId)
        let bindingKeys = bindingKeyIdsExpression, authorizationKey = authorizationKeyIdExpression
        return PostgresQuery(unsafeSQL: """
            SELECT (SELECT count(*) FROM \(table("bindings")) WHERE \(bindingKeys) < $1 OR \(bindingKeys) > $1)
                 + (SELECT count(*) FROM \(table("authorizations")) WHERE \(authorizationKey) < $1 OR \(authorizationKey) > $1)
            """, binds: binds)
    }

    // MARK: - Writing a batch

    /// Writes the re-sealed bindings in one statement, each only if its row still has the version and
    /// body it was read with; returns how many were written.
    private func writeResealed(
        _ read: [ReadForResealing<SealedBindingRecord>], _ resealed: [SealedBindingRecord]
    ) async throws -> Int {
        let ids = read.map(\.sealed.bindingId)
        let versions = read.map(\.sealed.version)
        let expected = read.map(\.body)
        let bodies = try resealed.map { try RecordBody.encode($0) }
        let hashes = resealed.map(\.accessTokenLookupHash.stringRepresentation)
        let rows = try await runner.storeRows("""
            UPDATE \(unescaped: table("bindings")) AS stored
            SET body = batch.body::jsonb, access_token_lookup_hash = batch.lookup_hash
            FROM unnest(\(ids)::text[], \(versions)::bigint[], \(expected)::text[], \(bodies)::text[], \(hashes)::text[])
                AS batch(binding_id, version, expected_body, body, lookup_hash)
            WHERE stored.binding_id = batch.binding_id AND stored.version = batch.version
              AND stored.body = batch.expected_body::jsonb
            RETURNING stored.binding_id
            """, "write \(read.count) re-sealed binding(s)")
        return rows.count
    }

    /// Writes the re-sealed authorizations in one statement, by compare-and-set as for bindings.
    private func writeResealed(
        _ read: [ReadForResealing<SealedAuthorization>], _ resealed: [SealedAuthorization]
    ) async throws -> Int {
        let states = read.map(\.sealed.authState)
        let versions = read.map(\.sealed.version)
        let expected = read.map(\.body)
        let bodies = try resealed.map { try RecordBody.encode($0) }
        let rows = try await runner.storeRows("""
            UPDATE \(unescaped: table("authorizations")) AS stored
            SET body = batch.body::jsonb
            FROM unnest(\(states)::text[], \(versions)::bigint[], \(expected)::text[], \(bodies)::text[])
                AS batch(auth_state, version, expected_body, body)
            WHERE stored.auth_state = batch.auth_state AND stored.version = batch.version
              AND stored.body = batch.expected_body::jsonb
            RETURNING stored.auth_state
            """, "write \(read.count) re-sealed authorization(s)")
        return rows.count
    }
}
