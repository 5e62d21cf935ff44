import AlipayPlusSigning
import AlipayPlusModels
import Foundation

// How LocalAutoDebitStore keeps tokens sealed: records are sealed by `TokenSealer` before they reach
// the state or the journal, opened when read, checked when the journal opens, and re-sealed by `rotate`.

extension LocalAutoDebitStore {
    /// Re-seals every binding and authorization that is under another key than the ring's sealing
    /// key, `batchSize` records per journal record, oldest first; returns once all are durable.
    ///
    /// Crash-safe and resumable: each batch is one journal record, written in order (a crash keeps a
    /// prefix of them), a record is re-sealed only from its current stored value (the actor is held
    /// for the whole rotation, so no write can land in between), and a rerun skips every record
    /// already under the sealing key. Versions do not change
    /// (the tokens did not), so a coordinator's copy read before stays valid. Bindings keep working
    /// throughout: lookups query every ring key's hash. Once the report ``KeyRotationReport/isComplete``,
    /// the older keys can be removed from the ring.
    /// - Parameters:
    ///   - limit: stop after re-sealing this many records (to spread the work; the report says how
    ///     many remain).
    ///   - batchSize: records per journal write (at least 1).
    /// - Throws: ``StoreError`` `sealingFailed` when a record does not open (nothing of its batch is
    ///   written), `persistence` when a journal write fails (that batch is not applied).
    @discardableResult
    public func rotate(limit: Int = .max, batchSize: Int = 100) async throws -> KeyRotationReport {
        var report = KeyRotationReport(sealingKeyId: sealer.keyRing.sealingKeyId)
        var budget = max(0, limit)
        var batch: [StoreChange] = []
        func flush() throws {
            guard !batch.isEmpty else { return }
            try stage(batch)
            batch.removeAll()
        }
        let bindings = state.bindings.values.filter(sealer.needsResealing)
            .sorted { ($0.createdAt, $0.bindingId) < ($1.createdAt, $1.bindingId) }
        for binding in bindings where budget > 0 {
            guard let resealed = try sealing("re-seal binding \(binding.bindingId)", { try sealer.resealed(binding) }) else { continue }
            batch.append(.binding(.sealed(resealed)))
            report.resealedBindings += 1
            budget -= 1
            if batch.count >= max(1, batchSize) { try flush() }
        }
        let authorizations = state.authorizations.values.filter(sealer.needsResealing)
            .sorted { ($0.createdAt, $0.authState) < ($1.createdAt, $1.authState) }
        for authorization in authorizations where budget > 0 {
            guard let resealed = try sealing("re-seal an authorization's auth code", { try sealer.resealed(authorization) }) else { continue }
            batch.append(.authorization(.sealed(resealed)))
            report.resealedAuthorizations += 1
            budget -= 1
            if batch.count >= max(1, batchSize) { try flush() }
        }
        try flush()
        report.remaining = state.bindings.values.filter(sealer.needsResealing).count
            + state.authorizations.values.filter(sealer.needsResealing).count
        return try await settled(report)
    }

    /// The ids of the ring keys the stored records are sealed under (after a complete rotation, the
    /// sealing key's only).
    public func keyIdsInUse() -> Set<String> {
        state.bindings.values.reduce(into: Set<String>()) { $0.formUnion($1.keyIds) }
            .union(state.authorizations.values.reduce(into: Set<String>()) { $0.formUnion($1.keyIds) })
    }

    // MARK: - Sealing and opening records

    func sealed(_ binding: BindingRecord) throws -> SealedBindingRecord {
        openedBindingsForBenchmark?[binding.bindingId] = binding
        return try sealing("seal binding \(binding.bindingId)'s tokens") { try sealer.seal(binding) }
    }

    func sealed(_ authorization: PendingAuthorization) throws -> SealedAuthorization {
        try sealing("seal an authorization's auth code") { try sealer.seal(authorization) }
    }

    func opened(_ binding: SealedBindingRecord) throws -> BindingRecord {
        if let kept = openedBindingsForBenchmark?[binding.bindingId], kept.version == binding.version { return kept }
        return try sealing("open binding \(binding.bindingId)'s tokens") { try sealer.open(binding) }
    }

    func opened(_ authorization: SealedAuthorization) throws -> PendingAuthorization {
        try sealing("open an authorization's auth code") { try sealer.open(authorization) }
    }

    /// Opens a record checked when the store opened (or sealed by this store): only a broken
    /// libcrypto can make it fail.
    func openChecked(_ binding: SealedBindingRecord) -> BindingRecord {
        do { return try sealer.open(binding) } catch {
            preconditionFailure("binding \(binding.bindingId) was checked to open, and now does not: \(error)")
        }
    }

    func openChecked(_ authorization: SealedAuthorization) -> PendingAuthorization {
        do { return try sealer.open(authorization) } catch {
            preconditionFailure("an authorization was checked to open, and now does not: \(error)")
        }
    }

    /// Runs a sealing step, turning its ``SealingError`` into a ``StoreError`` `sealingFailed`.
    func sealing<Result>(_ action: String, _ body: () throws -> Result) throws -> Result {
        try Self.sealing(action, body)
    }

    static func sealing<Result>(_ action: String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as SealingError {
            throw StoreError(code: .sealingFailed, message: "could not \(action): \(error.message); nothing was changed",
                             underlyingError: error)
        }
    }

    /// A ring of one random key that exists only in this process.
    static func ephemeralKeyRing() -> TokenKeyRing {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        defer { for index in bytes.indices { bytes[index] = 0 } }
        do {
            return try TokenKeyRing(keyId: "ephemeral", key: bytes)
        } catch {
            preconditionFailure("an ephemeral token key could not be made: \(error)")
        }
    }

    // MARK: - Opening a journal

    /// The recovered changes, each binding and authorization reduced to its last journaled form,
    /// checked to open with the ring (plain ones from before sealing sealed now): what the open
    /// applies and compacts. Throws, before anything is written, when a record does not open.
    static func checkedAndSealed(_ entries: [StoreChange], sealer: TokenSealer) throws -> [StoreChange] {
        var lastBinding: [String: Int] = [:]
        var lastAuthorization: [String: Int] = [:]
        for (index, change) in entries.enumerated() {
            switch change {
            case .binding(.sealed(let binding)): lastBinding[binding.bindingId] = index
            case .binding(.plain(let binding)): lastBinding[binding.bindingId] = index
            case .authorization(.sealed(let authorization)): lastAuthorization[authorization.authState] = index
            case .authorization(.plain(let authorization)): lastAuthorization[authorization.authState] = index
            default: break
            }
        }
        let kept = entries.enumerated().filter { index, change in
            switch change {
            case .binding(.sealed(let binding)): return lastBinding[binding.bindingId] == index
            case .binding(.plain(let binding)): return lastBinding[binding.bindingId] == index
            case .authorization(.sealed(let authorization)): return lastAuthorization[authorization.authState] == index
            case .authorization(.plain(let authorization)): return lastAuthorization[authorization.authState] == index
            default: return true
            }
        }.map(\.element)
        var keyIds = Set<String>()
        for change in kept {
            if case .binding(.sealed(let binding)) = change { keyIds.formUnion(binding.keyIds) }
            if case .authorization(.sealed(let authorization)) = change { keyIds.formUnion(authorization.keyIds) }
        }
        try sealing("open the journal (its records are sealed under key(s) \(keyIds.sorted().joined(separator: ", ")))") {
            try sealer.keyRing.requireKeys(keyIds.sorted())
        }
        return try kept.map { change in
            switch change {
            case .binding(.sealed(let binding)):
                try sealing("open binding \(binding.bindingId) of the journal") { try sealer.verify(binding) }
                return change
            case .binding(.plain(let binding)):
                return .binding(.sealed(try sealing("seal binding \(binding.bindingId)'s plain tokens") { try sealer.seal(binding) }))
            case .authorization(.sealed(let authorization)):
                try sealing("open an authorization's auth code of the journal") { try sealer.verify(authorization) }
                return change
            case .authorization(.plain(let authorization)):
                return .authorization(.sealed(try sealing("seal an authorization's plain auth code") { try sealer.seal(authorization) }))
            default:
                return change
            }
        }
    }
}
