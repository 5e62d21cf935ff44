import AlipayPlus
import AlipayPlusSigning

// The check made when the store opens: the ring holds every key the stored records are sealed under.

extension PostgresAutoDebitStore {
    /// Checks that the key ring holds every key id the stored records are sealed or hashed under,
    /// reading only the key-id indexes and changing nothing.
    ///
    /// ``open(client:keyRing:schema:logger:roundTrips:reachableWithin:)`` and
    /// ``withStore(configuration:keyRing:schema:migrating:logger:roundTrips:_:)`` call it, so an
    /// instance given the wrong ring (or one a key was removed from before its rotation finished)
    /// refuses to start instead of failing on each record it reads.
    /// - Throws: ``AlipayPlus/StoreError`` `sealingFailed` naming every missing key id (its
    ///   `underlyingError` is the ``AlipayPlusSigning/SealingError`` `unknownKeyId` of the first);
    ///   ``PostgresStoreError`` `databaseUnreachable`, `schemaTooOld`, `queryFailed` when the ids cannot be read.
    public func checkKeyRing() async throws {
        let inUse: Set<String>
        do {
            inUse = try await keyIdsInUse()
        } catch let error as StoreError {
            if let cause = error.underlyingError as? PostgresStoreError { throw cause }
            throw error
        }
        let missing = Self.missingKeyIds(inUse: inUse, ring: sealer.keyRing)
        guard !missing.isEmpty else { return }
        let named = missing.map { "'\($0)'" }.joined(separator: ", ")
        do {
            try sealer.keyRing.requireKeys(missing)
        } catch let error as SealingError {
            throw StoreError(
                code: .sealingFailed,
                message: "schema \(schema) holds records sealed under key id(s) \(named), which the key ring does not hold "
                    + "(it holds \(sealer.keyRing.keyIds.map { "'\($0)'" }.joined(separator: ", "))); nothing was changed. "
                    + "Add the missing key(s) back to the ring (the same 32 bytes they had), rotate with both, then remove them",
                underlyingError: error)
        }
    }

    /// The ids in `inUse` that `ring` does not hold, sorted.
    static func missingKeyIds(inUse: Set<String>, ring: TokenKeyRing) -> [String] {
        inUse.filter { !ring.contains(keyId: $0) }.sorted()
    }
}
