import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation

/// Keys generated once per test run (RSA generation is slow).
enum FlowKeys {
    static let merchant = try! RSAPrivateKey.generate()
    static let alipay = try! RSAPrivateKey.generate()
    static let clientId = "TEST_MERCHANT_CLIENT"
}

/// Collects events for assertions.
final class FlowEventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [AlipayPlusEvent] = []
    private var waiters: [(matches: @Sendable (AlipayPlusEvent) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []

    func record(_ event: AlipayPlusEvent) {
        let woken = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            events.append(event)
            let ready = waiters.filter { $0.matches(event) }.map(\.continuation)
            waiters.removeAll { $0.matches(event) }
            return ready
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns once an event of `kind` (for `paymentRequestId`, when given) has been recorded.
    func until(_ kind: AlipayPlusEvent.Kind, paymentRequestId: String? = nil) async {
        let matches: @Sendable (AlipayPlusEvent) -> Bool = {
            $0.kind == kind && (paymentRequestId == nil || $0.paymentRequestId == paymentRequestId)
        }
        await withCheckedContinuation { continuation in
            let seen = lock.withLock {
                guard !events.contains(where: matches) else { return true }
                waiters.append((matches, continuation))
                return false
            }
            if seen { continuation.resume() }
        }
    }

    /// The events of one kind, optionally for one payment.
    func events(_ kind: AlipayPlusEvent.Kind, paymentRequestId: String? = nil) -> [AlipayPlusEvent] {
        lock.withLock {
            events.filter { $0.kind == kind && (paymentRequestId == nil || $0.paymentRequestId == paymentRequestId) }
        }
    }
}

/// A coordinator over a scripted Alipay+ and a store, all on a virtual clock.
struct FlowFixture {
    let clock: VirtualClock
    let mock: FlowMockAlipayPlus
    let store: any AutoDebitStore
    let coordinator: AutoDebitCoordinator
    let events: FlowEventLog

    static let user = "user-42"
    static func hkd(_ minor: Int64) -> Amount { Amount(currency: "HKD", minorUnits: minor) }

    /// Builds a fixture; `store` defaults to a fresh in-memory store, `mock` to a new gateway with
    /// the default script (see ``FlowMockAlipayPlus/installDefaults()``).
    static func make(
        store: (any AutoDebitStore)? = nil, clock: VirtualClock = VirtualClock(), mock: FlowMockAlipayPlus? = nil,
        retryPolicy: any RetryPolicy = .default,
        configure: (inout AutoDebitCoordinator.Configuration) -> Void = { _ in }
    ) async -> FlowFixture {
        let events = FlowEventLog()
        let mock = mock ?? FlowMockAlipayPlus(alipayKey: FlowKeys.alipay, clock: clock)
        await mock.installDefaults()
        let client = AlipayPlusClient(
            configuration: try! AlipayPlusClient.Configuration(  // distinct test keys: never throws
                clientId: FlowKeys.clientId, privateKey: FlowKeys.merchant,
                alipayPlusPublicKeys: AlipayPlusPublicKeys(FlowKeys.alipay.publicKey),
                environment: .custom(URL(string: "https://gateway.test")!),
                retryPolicy: retryPolicy, clock: clock, eventHandler: { events.record($0) }
            ),
            transport: mock
        )
        var configuration = AutoDebitCoordinator.Configuration(
            authClientId: "AUTH_CLIENT", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://merchant.test/alipayplus/return")!,
            merchant: Merchant(referenceMerchantId: "M0001", merchantMCC: "5732", merchantName: "Demo Ltd"),
            settlementCurrency: "HKD"
        )
        configuration.coordination.recoveryInterval = nil  // the virtual clock would turn a recovery loop into a busy loop
        configure(&configuration)
        let store = store ?? LocalAutoDebitStore()
        let coordinator = try! AutoDebitCoordinator(client: client, store: store, configuration: configuration)
        return FlowFixture(clock: clock, mock: mock, store: store, coordinator: coordinator, events: events)
    }

    /// Stores an active binding for `user` directly (tests that are not about binding).
    @discardableResult
    func bound(
        _ user: String = FlowFixture.user, id: String = "BND-1", token: String = "AT-1",
        accessExpiry: TimeInterval = 86_400, refreshExpiry: TimeInterval = 30 * 86_400
    ) async throws -> BindingRecord {
        let now = clock.now
        let binding = BindingRecord(
            bindingId: id, merchantUserId: user, accessToken: Secret(token),
            accessTokenExpiryTime: now.addingTimeInterval(accessExpiry), refreshToken: Secret("RT-\(token)"),
            refreshTokenExpiryTime: now.addingTimeInterval(refreshExpiry), wallet: Wallet(walletName: "GCash"),
            createdAt: now, updatedAt: now
        )
        try await store.insert(binding)
        return binding
    }

    /// A charge of `minor` HKD cents for the default user.
    static func charge(_ minor: Int64 = 599, id: String? = nil) -> ChargeRequest {
        ChargeRequest(merchantUserId: user, amount: hkd(minor), referenceOrderId: "ORDER-1",
                      orderDescription: "Monthly plan", paymentRequestId: id)
    }
}

extension FlowMockAlipayPlus {
    /// The happy path for every operation; tests override what they are about.
    func installDefaults() {
        handle("prepare") { _ in
            .response(PrepareResponse(result: .success, normalUrl: "https://wallet.test/page?session=1"))
        }
        handle("applyToken") { request in
            let seed = request.field("authCode") ?? "refreshed-\(request.field("refreshToken") ?? "")"
            return .response(ApplyTokenResponse(
                result: .success, accessToken: Secret("AT-\(seed)"),
                accessTokenExpiryTime: Date(timeIntervalSince1970: 1_900_000_000),
                refreshToken: Secret("RT-\(seed)"), refreshTokenExpiryTime: Date(timeIntervalSince1970: 1_950_000_000),
                walletForAccountBinding: Wallet(walletName: "GCash", walletBrandName: "GCash")
            ))
        }
        handle("pay") { request in
            .response(PayResponse(result: .success, paymentId: "AP-\(request.field("paymentRequestId") ?? "")"))
        }
        handle("inquiryPayment") { _ in .result(.failure, .orderNotExist) }
        handle("cancelPayment") { _ in .result(.success, .success) }
        handle("cancelToken") { _ in .result(.success, .success) }
        handle("refund") { request in
            .response(RefundResponse(result: .success, refundId: "RF-\(request.field("refundRequestId") ?? "")"))
        }
    }
}

extension APIResult {
    /// A result with status and code, for scripts.
    static func status(_ status: ResultStatus, _ code: ResultCode) -> APIResult {
        APIResult(resultCode: code, resultStatus: status)
    }
}
