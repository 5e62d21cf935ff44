public import AlipayPlusModels
public import AlipayPlusSigning
public import Foundation

/// The built-in store: all state in memory, optionally backed by a durable journal.
///
/// `LocalAutoDebitStore()` keeps everything in memory (tests, the simulator, short-lived tools).
/// `LocalAutoDebitStore(directory:keyRing:)` also writes every change to an append-only journal, fsync'd
/// before the change is applied, and compacts the journal when it opens: a crash at any moment loses
/// no acknowledged change, and a record torn by a crash mid-write is dropped on reopen. Every atomic
/// operation of the contract (an insert with its rule checks, a replacement with its delivery key, a
/// refund with its payment's tally) is one journal record: one fsync, all or nothing. Open one durable
/// store per folder and per process; several coordinators in that process may share it.
///
/// **Tokens are sealed** (see ``TokenSealer``): access and refresh tokens and completed auth codes
/// are kept, in memory and in every journal byte, only as AES-256-GCM ``SealedSecret``s under the
/// ``TokenKeyRing`` passed in, and lookups by access token use a keyed hash. A durable store needs
/// a ring (`init(directory:)` without one refuses); an in-memory store without one seals under an
/// ephemeral random key that dies with it. Opening a journal checks that the ring holds every key
/// its records name and that every record opens, before anything is written; a journal written
/// before tokens were sealed has them sealed by the compaction done at open. ``rotate(limit:batchSize:)``
/// re-seals every record under the ring's sealing key.
///
/// Leases live in memory only (no fsync per lease): the journal folder is opened by one process at a
/// time, so after a restart no holder of an earlier lease is left. Fencing tokens keep growing across
/// restarts (the journal records a reserve of tokens), and a lease issued before a restart is refused
/// as lost.
public actor LocalAutoDebitStore: AutoDebitStore {
    /// How many fencing tokens are reserved by one journal write.
    private static let fencingReserveBlock: Int64 = 1 << 20

    var state = StoreState()
    private var leases = LeaseTable()
    private var lastFencingToken: Int64
    /// The journal ticket of the last record staged (0: none).
    private var stagedTicket: UInt64 = 0
    /// Bench only: opened bindings served without opening their sealed tokens (see
    /// ``keepOpenedBindingsForBenchmark()``); `nil` in every store a merchant can make.
    var openedBindingsForBenchmark: [String: BindingRecord]?
    let journal: Journal<StoreChange>?
    /// Seals every token before it reaches `state` or the journal.
    let sealer: TokenSealer

    /// Creates an empty in-memory store whose tokens are sealed under an ephemeral random key
    /// (made here, never written anywhere, gone with the store).
    public init() {
        self.init(keyRing: Self.ephemeralKeyRing())
    }

    /// Creates an empty in-memory store whose tokens are sealed with `keyRing`.
    public init(keyRing: TokenKeyRing) {
        journal = nil
        sealer = TokenSealer(keyRing: keyRing)
        lastFencingToken = 0
        state.apply(.fencingReserve(Self.fencingReserveBlock))
    }

    /// Refuses: a durable store seals its tokens and needs a key ring kept apart from the journal.
    ///
    /// Use ``init(directory:keyRing:)``: generate a key with `openssl rand -base64 32`, keep
    /// `k1:<key>` in a secret store (an environment variable such as `ALIPAYPLUS_TOKEN_KEYS`, or a
    /// `chmod 600` file outside the journal's folder) and load it with `TokenKeyRing(environmentVariable:)`
    /// or `TokenKeyRing(contentsOfFile:)`. Nothing is opened or created.
    /// - Throws: ``StoreError`` `keyRingRequired`, always.
    public init(directory: URL) throws {
        throw StoreError(
            code: .keyRingRequired,
            message: "LocalAutoDebitStore(directory: \(directory.path)) needs a key ring to seal tokens at rest; nothing was opened. "
                + "Generate a key with `openssl rand -base64 32`, set ALIPAYPLUS_TOKEN_KEYS=k1:<key> (or a chmod 600 file "
                + "outside the store's folder), and open the store with LocalAutoDebitStore(directory:keyRing: "
                + "TokenKeyRing(environmentVariable: \"ALIPAYPLUS_TOKEN_KEYS\"))")
    }

    /// Opens (or creates) a durable store in `directory` whose tokens are sealed with `keyRing`,
    /// replays its journal, checks it, and compacts it.
    ///
    /// Before anything is written, every record must open with `keyRing`: a record naming a key id
    /// the ring lacks, or one that fails authentication, refuses the open and changes nothing
    /// (repairing a torn last record excepted). Plain tokens of a journal written before sealing are
    /// sealed under the ring's sealing key by the compaction done here.
    /// - Throws: ``JournalError`` when the folder cannot be used, is already open, or a record in the
    ///   middle of the journal is corrupt (a torn last record is repaired, not reported as an error);
    ///   ``StoreError`` `sealingFailed` (its `underlyingError` is the ``SealingError``, whose `keyId`
    ///   names a missing key) when a record does not open with `keyRing`.
    public init(directory: URL, keyRing: TokenKeyRing) throws {
        let journal = try Journal<StoreChange>(directory: directory, name: "autodebit", fileManager: .default,
                                               maximumRecordSize: JournalFraming.maximumPayloadSize,
                                               refusesWritesAfterAFailedWrite: true)
        let sealer = TokenSealer(keyRing: keyRing)
        let changes: [StoreChange]
        do {
            changes = try Self.checkedAndSealed(journal.recoveredEntries, sealer: sealer)
        } catch {
            journal.close()
            throw error
        }
        var state = StoreState()
        for change in changes { state.apply(change) }
        // Tokens issued before this open are at most the recorded reserve; this open issues above it.
        let floor = state.fencingReserve
        state.apply(.fencingReserve(floor + Self.fencingReserveBlock))
        try journal.compact(to: state.compacted)
        self.state = state
        self.journal = journal
        self.sealer = sealer
        lastFencingToken = floor
    }

    /// What opening the journal found and repaired; `nil` for an in-memory store.
    public nonisolated var openReport: JournalOpenReport? { journal?.openReport }

    /// The journal's folder (symbolic links resolved); `nil` for an in-memory store.
    public nonisolated var directory: URL? { journal?.directory }

    /// Closes the journal so another store (for example after a simulated crash) can open the folder.
    public func close() {
        journal?.close()
    }

    /// Everything stored, oldest first: for tests, tools and reconciliation (not part of the store
    /// contract, which never lists every record).
    ///
    /// Tokens and auth codes are opened (every record was checked to open when the store opened).
    public func snapshot() -> StoreSnapshot {
        StoreSnapshot(
            authorizations: state.authorizations.values.sorted { ($0.createdAt, $0.authState) < ($1.createdAt, $1.authState) }
                .map(openChecked),
            bindings: state.bindings.values.sorted { ($0.createdAt, $0.bindingId) < ($1.createdAt, $1.bindingId) }
                .map(openChecked),
            payments: state.payments.values.sorted {
                ($0.createdAt, $0.paymentRequestId) < ($1.createdAt, $1.paymentRequestId)
            },
            refunds: state.refunds.values.sorted { ($0.createdAt, $0.refundRequestId) < ($1.createdAt, $1.refundRequestId) },
            deliveryKeys: state.notifications
        )
    }

    /// Writes `changes` durably in one record (when journaled) and applies them; returns once the
    /// record is durable (see ``stage(_:)``).
    func commit(_ changes: [StoreChange]) async throws {
        try await settled(try stage(changes))
    }

    /// Queues `changes` as one journal record and applies them at once, while the actor is held, so
    /// the next call's checks see them; the caller answers only after ``settled(_:)``.
    ///
    /// Group commit: the actor is free while the record waits for its fsync, so concurrent calls share
    /// writes and fsyncs; a call's answer (every write's and every read's) is returned only once the
    /// journal holds everything it could depend on. A failed write or fsync leaves memory ahead of
    /// the journal: the journal then refuses every later record, and every later answer of this store
    /// throws `persistence` until it is reopened (recovery replays what was acknowledged).
    /// - Throws: ``StoreError`` `persistence` when the record cannot be queued; nothing changed.
    func stage(_ changes: [StoreChange]) throws {
        if let journal {
            do {
                stagedTicket = try journal.stage(changes)
            } catch {
                throw StoreError(code: .persistence, message: "the journal write failed, nothing changed: \(error)")
            }
        }
        for change in changes { state.apply(change) }
    }

    /// `answer`, once every record staged so far is durable.
    ///
    /// - Throws: ``StoreError`` `persistence` when a journal write or fsync failed.
    func settled<Answer>(_ answer: Answer) async throws -> Answer {
        guard let journal else { return answer }
        do {
            try await journal.waitUntilDurable(stagedTicket)
        } catch {
            throw StoreError(code: .persistence,
                             message: "the journal write failed; this store refuses every call until it is reopened "
                                + "(reopening recovers every acknowledged change): \(error)")
        }
        return answer
    }

    // MARK: Checks shared by every replacement

    /// Refuses a write under a lease that is no longer the newest of its name.
    private func refuseLost(_ lease: Lease?, writing record: String) throws {
        guard let lease, !leases.isNewest(lease) else { return }
        throw StoreError(
            code: .leaseLost,
            message: "\(record) was not written: lease \(lease.name) (token \(lease.fencingToken)) was taken over, "
                + "released or issued before the store restarted; stop working on it"
        )
    }

    /// Refuses a delivery key already recorded.
    private func refuseDuplicate(_ deliveryKey: String?, writing record: String) throws {
        guard let deliveryKey, state.notifications.contains(deliveryKey) else { return }
        throw StoreError(code: .duplicateDelivery,
                         message: "\(record) was not written: notification \(deliveryKey) was applied before; answer it as a success")
    }

    /// Refuses a copy whose version is not the stored one.
    private func refuseStale(given: Int64, stored: Int64, record: String) throws {
        guard given != stored else { return }
        throw StoreError(code: .versionConflict,
                         message: "\(record) changed since it was read (version \(given), stored \(stored)); "
                            + "read it again and re-apply the change")
    }

    private func notFound(_ record: String) -> StoreError {
        StoreError(code: .notFound, message: "no \(record) is stored; insert it first")
    }

    private func duplicate(_ record: String) -> StoreError {
        StoreError(code: .duplicate, message: "\(record) exists already; read it instead of inserting it again")
    }

    // MARK: BindingStore

    /// Stores a new pending authorization (see ``BindingStore/insert(_:)-(PendingAuthorization)``).
    ///
    /// - Throws: ``StoreError`` `duplicate`, `persistence`.
    @discardableResult
    public func insert(_ authorization: PendingAuthorization) async throws -> PendingAuthorization {
        guard state.authorizations[authorization.authState] == nil else {
            throw duplicate("authorization with this authState")
        }
        var stored = authorization
        stored.version = 1
        try await commit([.authorization(.sealed(sealed(stored)))])
        return stored
    }

    /// The pending authorization with this state value.
    ///
    /// - Throws: ``StoreError`` `sealingFailed` when its auth code does not open, `persistence` when a
    ///   journal write this answer depends on failed.
    public func authorization(authState: String) async throws -> PendingAuthorization? {
        try await settled(try state.authorizations[authState].map(opened))
    }

    /// Stores a binding made elsewhere (see ``BindingStore/insert(_:)-(BindingRecord)``).
    ///
    /// - Throws: ``StoreError`` `duplicate`, `persistence`.
    @discardableResult
    public func insert(_ binding: BindingRecord) async throws -> BindingRecord {
        guard state.bindings[binding.bindingId] == nil else { throw duplicate("binding \(binding.bindingId)") }
        var stored = binding
        stored.version = 1
        try await commit([.binding(.sealed(sealed(stored)))])
        return stored
    }

    /// Stores a new binding and completes its authorization in one journal record.
    ///
    /// - Throws: ``StoreError`` `duplicate`, `notFound`, `versionConflict`, `leaseLost`, `persistence`.
    @discardableResult
    public func insert(
        _ binding: BindingRecord, completing authorization: PendingAuthorization, under lease: Lease?
    ) async throws -> (binding: BindingRecord, authorization: PendingAuthorization) {
        let name = "the authorization completed by binding \(binding.bindingId)"
        guard state.bindings[binding.bindingId] == nil else { throw duplicate("binding \(binding.bindingId)") }
        guard let current = state.authorizations[authorization.authState] else { throw notFound(name) }
        try refuseLost(lease, writing: "binding \(binding.bindingId)")
        try refuseStale(given: authorization.version, stored: current.version, record: name)
        var storedBinding = binding
        storedBinding.version = 1
        var storedAuthorization = authorization
        storedAuthorization.version = current.version + 1
        try await commit([.binding(.sealed(sealed(storedBinding))), .authorization(.sealed(sealed(storedAuthorization)))])
        return (storedBinding, storedAuthorization)
    }

    /// Replaces the binding by compare-and-set (see ``BindingStore/replace(_:under:deliveryKey:)``).
    ///
    /// - Throws: ``StoreError`` `notFound`, `leaseLost`, `duplicateDelivery`, `versionConflict`, `persistence`.
    @discardableResult
    public func replace(_ binding: BindingRecord, under lease: Lease?, deliveryKey: String?) async throws -> BindingRecord {
        let name = "binding \(binding.bindingId)"
        guard let current = state.bindings[binding.bindingId] else { throw notFound(name) }
        try refuseLost(lease, writing: name)
        try refuseDuplicate(deliveryKey, writing: name)
        try refuseStale(given: binding.version, stored: current.version, record: name)
        var stored = binding
        stored.version = current.version + 1
        try await commit([.binding(.sealed(sealed(stored)))] + (deliveryKey.map { [.notification($0)] } ?? []))
        return stored
    }

    /// The binding with this id.
    ///
    /// - Throws: ``StoreError`` `sealingFailed` when its tokens do not open, `persistence` when a
    ///   journal write this answer depends on failed.
    public func binding(id: String) async throws -> BindingRecord? { try await settled(try state.bindings[id].map(opened)) }

    /// Every binding of a merchant user, oldest first.
    ///
    /// - Throws: ``StoreError`` `sealingFailed` when tokens do not open, `persistence` when a journal
    ///   write this answer depends on failed.
    public func bindings(merchantUserId: String) async throws -> [BindingRecord] {
        try await settled(try state.bindings.values.filter { $0.merchantUserId == merchantUserId }
            .sorted { ($0.createdAt, $0.bindingId) < ($1.createdAt, $1.bindingId) }
            .map(opened))
    }

    /// The binding whose current access token is `accessToken`, found by its keyed hash under
    /// every key of the ring (records not yet re-sealed by a rotation included).
    ///
    /// - Throws: ``StoreError`` `sealingFailed` when hashing fails or its tokens do not open,
    ///   `persistence` when a journal write this answer depends on failed.
    public func binding(accessToken: Secret) async throws -> BindingRecord? {
        let hashes = try sealing("hash an access token") { try sealer.lookupHashes(ofAccessToken: accessToken) }
        return try await settled(try state.binding(lookupHashes: hashes).map(opened))
    }

    // MARK: PaymentStore

    /// Stores a new payment intent unless its id is known or its order has an unfinished payment.
    ///
    /// - Throws: ``StoreError`` `duplicate`, `orderHasUnfinishedPayment`, `persistence`.
    @discardableResult
    public func insert(_ payment: PaymentRecord) async throws -> PaymentRecord {
        guard state.payments[payment.paymentRequestId] == nil else {
            throw duplicate("payment \(payment.paymentRequestId)")
        }
        try refuseSecondUnfinishedPayment(payment)
        var stored = payment
        stored.version = 1
        stored.refunds = RefundTally()
        try await commit([.payment(stored)])
        return stored
    }

    /// Replaces the payment by compare-and-set, with its rules (see
    /// ``PaymentStore/replace(_:under:deliveryKey:)``).
    ///
    /// - Throws: ``StoreError`` `notFound`, `leaseLost`, `duplicateDelivery`, `versionConflict`,
    ///   `cancelNotAllowed`, `orderHasUnfinishedPayment`, `persistence`.
    @discardableResult
    public func replace(_ payment: PaymentRecord, under lease: Lease?, deliveryKey: String?) async throws -> PaymentRecord {
        let name = "payment \(payment.paymentRequestId)"
        guard let current = state.payments[payment.paymentRequestId] else { throw notFound(name) }
        try refuseLost(lease, writing: name)
        try refuseDuplicate(deliveryKey, writing: name)
        try refuseStale(given: payment.version, stored: current.version, record: name)
        var stored = payment
        stored.version = current.version + 1
        stored.refunds = current.refunds
        let cancelling: Set<PaymentRecord.State> = [.cancelRequested, .canceled]
        if cancelling.contains(stored.state), !cancelling.contains(current.state), current.refunds.count > 0 {
            throw StoreError(code: .cancelNotAllowed,
                             message: "\(name) has \(current.refunds.count) refund(s) that are not failed, so it cannot be "
                                + "cancelled; nothing was written. Refund the rest instead")
        }
        if current.state.isFinal || current.referenceOrderId != stored.referenceOrderId {
            try refuseSecondUnfinishedPayment(stored)
        }
        try stage([.payment(stored)] + (deliveryKey.map { [.notification($0)] } ?? []))
        return try await settled(state.payments[stored.paymentRequestId] ?? stored)
    }

    private func refuseSecondUnfinishedPayment(_ payment: PaymentRecord) throws {
        guard let other = state.unfinishedPaymentBlocking(payment) else { return }
        throw StoreError(
            code: .orderHasUnfinishedPayment,
            message: "order \(payment.referenceOrderId) already has the unfinished payment \(other.paymentRequestId); "
                + "payment \(payment.paymentRequestId) was not written. Resume or finish that one first",
            recordId: other.paymentRequestId
        )
    }

    /// The payment with this request id.
    ///
    /// - Throws: ``StoreError`` `persistence` when a journal write this answer depends on failed.
    public func payment(requestId: String) async throws -> PaymentRecord? { try await settled(state.payments[requestId]) }

    /// The payments of the merchant's order that are not final yet, oldest first.
    ///
    /// - Throws: ``StoreError`` `persistence` when a journal write this answer depends on failed.
    public func unfinishedPayments(referenceOrderId: String) async throws -> [PaymentRecord] {
        try await settled(state.unfinishedPayments(referenceOrderId: referenceOrderId))
    }

    /// Up to `limit` payments that are not final, oldest first, from an index.
    ///
    /// - Throws: ``StoreError`` `persistence` when a journal write this answer depends on failed.
    public func unfinishedPayments(limit: Int) async throws -> [PaymentRecord] {
        try await settled(state.unfinishedPaymentIndex.ids.prefix(max(0, limit)).compactMap { state.payments[$0] })
    }

    // MARK: RefundStore

    /// Stores a pending refund if the refund rules allow it (see ``RefundStore/insert(_:)``), with its
    /// payment's tally and version, in one journal record.
    ///
    /// - Throws: ``StoreError`` `duplicate`, `notFound`, `invalidAmount`, `refundNotAllowed`,
    ///   `refundLimitExceeded`, `persistence`.
    @discardableResult
    public func insert(_ refund: RefundRecord) async throws -> RefundRecord {
        if let refusal = state.refusal(of: refund) { throw refusal }
        var stored = refund
        stored.version = 1
        try await commit(paymentBump(for: stored) + [.refund(stored)])
        return stored
    }

    /// The payment of `refund` with its version one higher: its tally changes with the refund.
    private func paymentBump(for refund: RefundRecord) -> [StoreChange] {
        guard var payment = state.payments[refund.paymentRequestId] else { return [] }
        payment.version += 1
        return [.payment(payment)]
    }

    /// Replaces the refund by compare-and-set (see ``RefundStore/replace(_:under:)``).
    ///
    /// - Throws: ``StoreError`` `notFound`, `leaseLost`, `versionConflict`, `persistence`.
    @discardableResult
    public func replace(_ refund: RefundRecord, under lease: Lease?) async throws -> RefundRecord {
        let name = "refund \(refund.refundRequestId)"
        guard let current = state.refunds[refund.refundRequestId] else { throw notFound(name) }
        try refuseLost(lease, writing: name)
        try refuseStale(given: refund.version, stored: current.version, record: name)
        var stored = refund
        stored.version = current.version + 1
        let tallyChanges = current.countsAgainstPayment != stored.countsAgainstPayment || current.amount != stored.amount
        try await commit((tallyChanges ? paymentBump(for: stored) : []) + [.refund(stored)])
        return stored
    }

    /// The refund with this request id.
    ///
    /// - Throws: ``StoreError`` `persistence` when a journal write this answer depends on failed.
    public func refund(requestId: String) async throws -> RefundRecord? { try await settled(state.refunds[requestId]) }

    /// Every refund of a payment, oldest first.
    ///
    /// - Throws: ``StoreError`` `persistence` when a journal write this answer depends on failed.
    public func refunds(paymentRequestId: String) async throws -> [RefundRecord] {
        try await settled(state.refunds(paymentRequestId: paymentRequestId))
    }

    /// Up to `limit` pending refunds, oldest first, from an index.
    ///
    /// - Throws: ``StoreError`` `persistence` when a journal write this answer depends on failed.
    public func pendingRefunds(limit: Int) async throws -> [RefundRecord] {
        try await settled(state.pendingRefundIndex.ids.prefix(max(0, limit)).compactMap { state.refunds[$0] })
    }

    // MARK: NotificationLog

    /// Records `key`; `true` the first time it is seen.
    ///
    /// - Throws: ``StoreError`` `persistence`.
    public func recordFirstDelivery(key: String) async throws -> Bool {
        guard !state.notifications.contains(key) else { return try await settled(false) }
        try await commit([.notification(key)])
        return true
    }

    // MARK: LeaseStore

    /// Takes a lease (see ``LeaseStore/acquireLease(_:owner:ttl:now:)``).
    ///
    /// - Throws: ``StoreError`` `persistence` when a new reserve of fencing tokens cannot be journaled.
    public func acquireLease(_ name: String, owner: String, ttl: Duration, now: Date) async throws -> Lease? {
        guard !leases.isHeld(name, byAnotherThan: owner, at: now) else { return nil }
        let lease = Lease(name: name, owner: owner, fencingToken: try nextFencingToken(), expiresAt: now.adding(ttl))
        leases.hold(lease)
        return try await settled(lease)
    }

    /// A token above every one issued before, journaling a new reserve when the current one is used up.
    private func nextFencingToken() throws -> Int64 {
        if lastFencingToken >= state.fencingReserve {
            try stage([.fencingReserve(state.fencingReserve + Self.fencingReserveBlock)])
        }
        lastFencingToken += 1
        return lastFencingToken
    }

    /// Extends a lease still held (see ``LeaseStore/renewLease(_:ttl:now:)``).
    ///
    /// - Throws: never in this store (the protocol lets a database store throw).
    public func renewLease(_ lease: Lease, ttl: Duration, now: Date) async throws -> Lease? {
        guard leases.isNewest(lease), let current = leases.current(lease.name) else { return nil }
        var renewed = current
        renewed.expiresAt = now.adding(ttl)
        leases.hold(renewed)
        return renewed
    }

    /// Frees a lease that is still the newest of its name.
    ///
    /// - Throws: never in this store (the protocol lets a database store throw).
    public func releaseLease(_ lease: Lease) async throws {
        leases.release(lease)
    }

    /// Claims recovery work, oldest first, from the unfinished-payment and pending-refund indexes
    /// (see ``LeaseStore/claimRecoveryWork(owner:ttl:now:limit:)``).
    ///
    /// - Throws: ``StoreError`` `persistence` when a new reserve of fencing tokens cannot be journaled.
    public func claimRecoveryWork(owner: String, ttl: Duration, now: Date, limit: Int) async throws -> [RecoveryClaim] {
        var claims: [RecoveryClaim] = []
        var payments = state.unfinishedPaymentIndex.keys.makeIterator()
        var refunds = state.pendingRefundIndex.keys.makeIterator()
        var nextPayment = payments.next()
        var nextRefund = refunds.next()
        while claims.count < limit {
            let takePayment: Bool
            switch (nextPayment, nextRefund) {
            case (nil, nil): return try await settled(claims)
            case (.some, nil): takePayment = true
            case (nil, .some): takePayment = false
            case (.some(let payment), .some(let refund)): takePayment = payment.createdAt <= refund.createdAt
            }
            if takePayment, let key = nextPayment {
                nextPayment = payments.next()
                let name = Lease.payment(key.id)
                guard let payment = state.payments[key.id], !leases.isHeld(name, byAnotherThan: nil, at: now) else { continue }
                let lease = Lease(name: name, owner: owner, fencingToken: try nextFencingToken(), expiresAt: now.adding(ttl))
                leases.hold(lease)
                claims.append(.payment(payment, lease))
            } else if let key = nextRefund {
                nextRefund = refunds.next()
                let name = Lease.refund(key.id)
                guard let refund = state.refunds[key.id], !leases.isHeld(name, byAnotherThan: nil, at: now) else { continue }
                let lease = Lease(name: name, owner: owner, fencingToken: try nextFencingToken(), expiresAt: now.adding(ttl))
                leases.hold(lease)
                claims.append(.refund(refund, lease))
            }
        }
        return try await settled(claims)
    }
}
