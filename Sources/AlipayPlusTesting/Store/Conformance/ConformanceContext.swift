import AlipayPlus
import AlipayPlusModels
import Foundation

/// What one conformance check works with: its store, its record factory and its assertions.
struct ConformanceContext: Sendable {
    /// The check's name, put on every failure.
    let check: String
    /// The store under test (empty when the check starts).
    let store: any AutoDebitStore
    let reopenStore: (@Sendable (any AutoDebitStore) async throws -> any AutoDebitStore)?
    /// Records with ids unique to this run of the check.
    let records: ConformanceRecords

    init(check: String, store: any AutoDebitStore,
         reopen: (@Sendable (any AutoDebitStore) async throws -> any AutoDebitStore)?) {
        self.check = check
        self.store = store
        self.reopenStore = reopen
        self.records = ConformanceRecords(prefix: String(UUID().uuidString.prefix(8)))
    }

    /// The same storage closed and opened again.
    func reopened(_ store: any AutoDebitStore) async throws -> any AutoDebitStore {
        guard let reopenStore else { throw failure("the check needs a reopen function") }
        return try await reopenStore(store)
    }

    func failure(_ message: String) -> ConformanceFailure {
        ConformanceFailure(check: check, message: message)
    }

    /// Fails the check with `message` unless `condition` holds.
    func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw failure(message()) }
    }

    /// Fails the check unless `work` throws a ``StoreError`` with `code`; `what` says what was tried.
    func expectRefusal<T>(_ code: StoreError.Code, _ what: String, _ work: () async throws -> T) async throws {
        do {
            let value = try await work()
            throw failure("\(what) was accepted (\(value)); the contract refuses it with StoreError.\(code)")
        } catch let error as StoreError {
            try expect(error.code == code, "\(what) was refused with \(error), expected StoreError.\(code)")
        }
    }

    /// The stored payment, or a failure naming it.
    func storedPayment(_ id: String) async throws -> PaymentRecord {
        guard let payment = try await store.payment(requestId: id) else { throw failure("payment \(id) is not stored") }
        return payment
    }
}

/// Record factories for the checks: ids carry a per-run prefix; creation times are one second apart.
struct ConformanceRecords: Sendable {
    let prefix: String
    /// The checks' clock: a fixed instant, so lease expiry is exact.
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func at(_ second: Int) -> Date { now.addingTimeInterval(TimeInterval(second)) }

    func authorization(_ n: Int = 1) -> PendingAuthorization {
        PendingAuthorization(authState: "\(prefix)-STATE-\(n)", merchantUserId: "\(prefix)-USER",
                             referenceAgreementId: "\(prefix)-AGR-\(n)", createdAt: at(n))
    }

    func binding(_ n: Int = 1, token: String? = nil, user: String? = nil) -> BindingRecord {
        BindingRecord(
            bindingId: "\(prefix)-BND-\(n)", merchantUserId: user ?? "\(prefix)-USER",
            accessToken: Secret(token ?? "\(prefix)-AT-\(n)"), accessTokenExpiryTime: at(86_400),
            refreshToken: Secret("\(prefix)-RT-\(n)"), refreshTokenExpiryTime: at(864_000), wallet: nil,
            createdAt: at(n), updatedAt: at(n)
        )
    }

    func payment(
        _ n: Int = 1, order: Int? = nil, minor: Int64 = 10_000, currency: String = "HKD",
        state: PaymentRecord.State = .created
    ) -> PaymentRecord {
        PaymentRecord(
            paymentRequestId: paymentId(n), merchantUserId: "\(prefix)-USER", bindingId: "\(prefix)-BND-1",
            amount: Amount(currency: currency, minorUnits: minor), referenceOrderId: "\(prefix)-ORDER-\(order ?? n)",
            state: state, createdAt: at(n)
        )
    }

    func paymentId(_ n: Int) -> String { "\(prefix)-PAY-\(n)" }

    func refund(_ n: Int, of payment: Int = 1, minor: Int64 = 100, currency: String = "HKD", second: Int? = nil) -> RefundRecord {
        RefundRecord(refundRequestId: "\(prefix)-REF-\(n)", paymentRequestId: paymentId(payment),
                     amount: Amount(currency: currency, minorUnits: minor), reason: nil, createdAt: at(second ?? n))
    }
}
