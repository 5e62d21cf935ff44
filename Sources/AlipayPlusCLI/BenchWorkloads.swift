import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation

/// The things `alipayplus bench` measures, each built once outside the timed loops.
enum BenchWorkloads {
    static let userId = "bench-user"
    static let amount = Amount(currency: "HKD", minorUnits: 599)
    static let merchant = Merchant(referenceMerchantId: "M0001", merchantMCC: "5732", merchantName: "Demo Ltd",
                                   merchantAddress: Address(region: "HK"))

    /// A full Auto Debit pay request, as a merchant builds one per charge.
    static func payRequest(id: String, token: Secret) -> PayRequest {
        PayRequest.autoDebit(
            paymentRequestId: id, accessToken: token, amount: amount,
            order: Order(referenceOrderId: "ORDER-" + id, orderDescription: "Monthly plan", orderAmount: amount,
                         merchant: merchant, env: Env(terminalType: .app, osType: .iOS)),
            settlementCurrency: "HKD")
    }

    static func signer(clock: VirtualClock) -> MessageSigner {
        MessageSigner(clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey, now: { clock.now })
    }

    /// The raw-sign baseline: EVP_DigestSign with the parsed key over `content`.
    static func rawSign(_ content: Data) -> BenchSlice {
        let key = TestKeys.merchantPrivateKey
        return BenchRunner.syncLoop { _ = try key.signature(for: content) }
    }

    /// The limit's sign: libcrypto on one reused context, the way `openssl speed` signs.
    static func limitSign(_ content: Data, key: RSAPrivateKey = TestKeys.merchantPrivateKey) throws -> BenchSlice {
        guard let limit = LibcryptoLimit(signingWith: key) else { throw BenchError("libcrypto could not prepare a signing context") }
        guard limit.sign(content) else { throw BenchError("the limit's sign failed") }
        return BenchRunner.syncLoop {
            guard limit.sign(content) else { throw BenchError("the limit's sign failed") }
        }
    }

    /// The limit's verify: libcrypto on one reused context, the way `openssl speed` verifies.
    static func limitVerify(_ signature: Data, for content: Data, key: RSAPublicKey) throws -> BenchSlice {
        guard let limit = LibcryptoLimit(verifyingWith: key) else { throw BenchError("libcrypto could not prepare a verifying context") }
        guard limit.verify(signature, for: content) else { throw BenchError("the limit's verify failed") }
        return BenchRunner.syncLoop {
            guard limit.verify(signature, for: content) else { throw BenchError("the limit's verify failed") }
        }
    }

    // MARK: sign

    /// build → validate → serialize → content → sign → header, the raw sign of the same content and
    /// the limit's sign of it.
    static func sign() throws -> (subject: BenchSlice, baseline: BenchSlice, limit: BenchSlice) {
        let clock = VirtualClock()
        let signer = signer(clock: clock)
        let token = Secret("bench-access-token-0123456789abcdef")
        let subject = BenchRunner.syncLoop {
            let request = payRequest(id: "PAY-BENCH-0001", token: token)
            guard request.validate().isEmpty else { throw BenchError("the pay request does not validate") }
            let body = try AlipayPlusJSON.encode(request)
            let signed = try signer.sign(path: PayRequest.path, body: body)
            guard !signed.headerValue.isEmpty else { throw BenchError("empty signature header") }
        }
        let body = try AlipayPlusJSON.encode(payRequest(id: "PAY-BENCH-0001", token: token))
        let content = SigningContent(path: PayRequest.path, clientId: TestKeys.merchantClientId,
                                     time: AlipayPlusTimestamp.string(from: clock.now, precision: .seconds), body: body).bytes
        return (subject, rawSign(content), try limitSign(content))
    }

    // MARK: verify

    /// verify a signed pay response → decode, the raw verify of the same content and the limit's
    /// verify of it.
    static func verify() async throws -> (subject: BenchSlice, baseline: BenchSlice, limit: BenchSlice) {
        let fixture = try await ChargeFixture(store: LocalAutoDebitStore())
        let token = try await fixture.accessToken()
        let body = try AlipayPlusJSON.encode(payRequest(id: "PAY-VERIFY-0001", token: token))
        let signed = try signer(clock: fixture.clock).sign(path: PayRequest.path, body: body)
        let response = try await fixture.simulator.send(HTTPRequest(
            url: AlipayPlusSimulator.baseURL.appendingPathComponent(PayRequest.path),
            headers: ["Content-Type": "application/json; charset=UTF-8", "Client-Id": signed.clientId,
                      "Request-Time": signed.time, "Signature": signed.headerValue],
            body: body))
        let decodedOnce = try AlipayPlusJSON.decode(PayResponse.self, from: response.body)
        guard decodedOnce.result.resultStatus == .success else { throw BenchError("the simulator refused the pay: \(decodedOnce.result)") }
        let publicKey = fixture.simulator.alipayPlusPublicKey
        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(publicKey))
        let subject = BenchRunner.syncLoop {
            let headers = response.headers
            let verdict = verifier.verify(path: PayRequest.path, clientId: headers["Client-Id"] ?? "",
                                          time: headers["Response-Time"] ?? "", body: response.body,
                                          signatureHeader: headers["Signature"])
            guard verdict.isValid else { throw BenchError("the response does not verify") }
            let decoded = try AlipayPlusJSON.decode(PayResponse.self, from: response.body)
            guard decoded.result.resultStatus == .success else { throw BenchError("unexpected result") }
        }
        let header = try SignatureHeader(parsing: response.headers["Signature"] ?? "")
        let content = SigningContent(path: PayRequest.path, clientId: response.headers["Client-Id"] ?? "",
                                     time: response.headers["Response-Time"] ?? "", body: response.body).bytes
        guard publicKey.isValidSignature(header.signature, for: content) else { throw BenchError("raw verify failed") }
        let signature = header.signature
        let baseline = BenchRunner.syncLoop {
            guard publicKey.isValidSignature(signature, for: content) else { throw BenchError("raw verify failed") }
        }
        return (subject, baseline, try limitVerify(signature, for: content, key: publicKey))
    }

    // MARK: notification

    /// notifyPayment through `handleInbound` (verify → decode → apply → signed answer) with the
    /// in-memory store, a raw sign of the answer's content and the limit's sign of it.
    static func notification() async throws -> (subject: BenchSlice, baseline: BenchSlice, limit: BenchSlice) {
        let feeder = try await NotificationFeeder(store: LocalAutoDebitStore())
        let content = SigningContent(path: NotifyPaymentRequest.path, clientId: TestKeys.merchantClientId,
                                     time: AlipayPlusTimestamp.string(from: feeder.clock.now, precision: .seconds),
                                     body: try AlipayPlusJSON.encode(NotificationAcknowledgement.success)).bytes
        return ({ seconds in try await feeder.run(seconds: seconds) }, rawSign(content), try limitSign(content))
    }

    /// The journal's fsyncs per notification: `count` notifications through a journal store, counted
    /// (not timed) around `handleInbound` only.
    static func notificationFsyncs(count: Int) async throws -> Double {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try LocalAutoDebitStore(directory: directory, keyRing: TestKeys.tokenKeyRing)
        let feeder = try await NotificationFeeder(store: store)
        let rate = try await feeder.run(count: count)
        await store.close()
        return rate.fsyncsPerOperation
    }

    /// A charge fixture on a journal store in a fresh directory (the caller closes the store and
    /// removes the directory); `openedBindings` keeps the bindings opened (the unsealed variant).
    static func durableFixture(openedBindings: Bool = false) async throws -> (fixture: ChargeFixture, store: LocalAutoDebitStore, directory: URL) {
        let directory = try temporaryDirectory()
        let store = try LocalAutoDebitStore(directory: directory, keyRing: TestKeys.tokenKeyRing)
        if openedBindings { await store.keepOpenedBindingsForBenchmark() }
        return (try await ChargeFixture(store: store), store, directory)
    }

    /// A charge fixture on an in-memory store whose bindings are kept opened: a charge without
    /// opening sealed tokens, the baseline of the sealing rows (bench only; no merchant's store can do this).
    static func unsealedMemoryFixture() async throws -> ChargeFixture {
        let store = LocalAutoDebitStore()
        await store.keepOpenedBindingsForBenchmark()
        return try await ChargeFixture(store: store)
    }

    /// A fresh directory for a journal store, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("alipayplus-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    // MARK: charge

    /// One charge through the coordinator, client and simulator, each for its own order (charges of one
    /// order without a request id would resume each other instead of paying).
    static func chargeOperation(_ fixture: ChargeFixture) -> @Sendable () async throws -> Void {
        let coordinator = fixture.coordinator
        let orders = OrderNumbers()
        return {
            let outcome = try await coordinator.charge(ChargeRequest(
                merchantUserId: userId, amount: amount, referenceOrderId: "ORDER-BENCH-\(orders.next())",
                orderDescription: "Monthly plan"))
            guard case .succeeded = outcome else { throw BenchError("a charge did not succeed: \(outcome)") }
        }
    }

    /// The content a raw sign of the charge row signs: a pay request of the same size.
    static func payContent() throws -> Data {
        let body = try AlipayPlusJSON.encode(payRequest(id: "PAY17959299090123456789abcdef", token: Secret("bench-access-token-0123456789abcdef")))
        return SigningContent(path: PayRequest.path, clientId: TestKeys.merchantClientId,
                              time: "2026-11-29T05:05:09+00:00", body: body).bytes
    }

    /// 10,000 charges at once against the simulator with the in-memory store: wall seconds.
    static func concurrentCharges(_ count: Int) async throws -> Double {
        let fixture = try await ChargeFixture(store: LocalAutoDebitStore())
        let charge = chargeOperation(fixture)
        let start = benchNow()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask { try await charge() }
            }
            try await group.waitForAll()
        }
        return benchNow() - start
    }
}

extension BenchWorkloads {
    /// A fresh simulator on `clock` and a coordinator that talks to it (test keys, `M0001`, HKD) through `store`.
    static func simulatedCoordinator(clock: VirtualClock, store: any AutoDebitStore) throws
        -> (simulator: AlipayPlusSimulator, coordinator: AutoDebitCoordinator) {
        let configuration = try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: clock)
        let simulator = AlipayPlusSimulator(configuration: configuration)
        let client = try simulator.merchantClient()
        let coordinator = try AutoDebitCoordinator(client: client, store: store, configuration: AutoDebitCoordinator.Configuration(
            authClientId: "M0001", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://merchant.example/alipayplus/return")!,
            merchant: merchant, settlementCurrency: "HKD"))
        return (simulator, coordinator)
    }
}

/// A coordinator bound to one user of a fresh simulator.
struct ChargeFixture: Sendable {
    let clock: VirtualClock
    let simulator: AlipayPlusSimulator
    let coordinator: AutoDebitCoordinator

    init(store: any AutoDebitStore) async throws {
        let clock = VirtualClock()
        let (simulator, coordinator) = try BenchWorkloads.simulatedCoordinator(clock: clock, store: store)
        let start = try await coordinator.beginBinding(for: BenchWorkloads.userId)
        let redirect = try await simulator.approve(walletPageURL: start.walletPageURL)
        _ = try await coordinator.completeBinding(redirectURL: redirect)
        self.clock = clock
        self.simulator = simulator
        self.coordinator = coordinator
    }

    func accessToken() async throws -> Secret {
        guard let binding = try await coordinator.store.bindings(merchantUserId: BenchWorkloads.userId).last else {
            throw BenchError("no binding")
        }
        return binding.accessToken
    }
}

/// Feeds signed notifyPayment calls for pending payments to a coordinator, preparing each batch
/// (store insert + Alipay+ signature) outside the measured time.
final class NotificationFeeder: @unchecked Sendable {
    let clock = VirtualClock()
    let coordinator: AutoDebitCoordinator
    let alipaySigner: MessageSigner
    private var counter = 0
    private let batchSize = 32

    init(store: any AutoDebitStore) async throws {
        coordinator = try BenchWorkloads.simulatedCoordinator(clock: clock, store: store).coordinator
        let clock = clock
        alipaySigner = MessageSigner(clientId: TestKeys.merchantClientId, privateKey: TestKeys.alipayPlusPrivateKey,
                                     now: { clock.now })
    }

    /// A pending payment in the store and the signed notification that settles it.
    private func prepare() async throws -> InboundRequest {
        counter += 1
        let id = "PAY-NOTIFY-\(counter)"
        try await coordinator.store.insert(PaymentRecord(
            paymentRequestId: id, merchantUserId: BenchWorkloads.userId, bindingId: "B-1",
            amount: BenchWorkloads.amount, referenceOrderId: "ORDER-" + id, state: .pending, createdAt: clock.now))
        let body = try AlipayPlusJSON.encode(NotifyPaymentRequest(
            paymentResult: .success, paymentRequestId: id, paymentId: "2026112919074101000000\(counter)",
            paymentAmount: BenchWorkloads.amount, paymentTime: clock.now, walletBrandName: "AlipayHK"))
        let signed = try alipaySigner.sign(path: NotifyPaymentRequest.path, body: body)
        return InboundRequest(path: NotifyPaymentRequest.path, headers: [
            "Content-Type": "application/json; charset=UTF-8", "Client-Id": signed.clientId,
            "Request-Time": signed.time, "Signature": signed.headerValue,
        ], body: body)
    }

    /// Handles batches until `seconds` of handling have been measured.
    func run(seconds: Double) async throws -> BenchRate {
        var rate = BenchRate()
        repeat {
            rate += try await handleBatch(batchSize)
        } while rate.seconds < seconds
        return rate
    }

    /// Handles `count` notifications (in batches).
    func run(count: Int) async throws -> BenchRate {
        var rate = BenchRate()
        while rate.operations < count {
            rate += try await handleBatch(min(batchSize, count - rate.operations))
        }
        return rate
    }

    /// Prepares `size` notifications, then measures handling them (time, CPU and journal fsyncs).
    private func handleBatch(_ size: Int) async throws -> BenchRate {
        var batch: [InboundRequest] = []
        for _ in 0..<size { batch.append(try await prepare()) }
        let start = benchNow()
        let cpu = benchProcessCPU()
        let fsyncs = JournalFsyncCount.current
        for request in batch {
            let answer = await coordinator.handleInbound(request)
            guard answer.status == 200, answer.headers["Signature"] != nil else {
                throw BenchError("notification refused: \(answer.status) \(String(decoding: answer.body, as: UTF8.self))")
            }
        }
        return BenchRate(operations: batch.count, seconds: benchNow() - start, cpuSeconds: benchProcessCPU() - cpu,
                         fsyncs: JournalFsyncCount.current - fsyncs)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Distinct order numbers for concurrent charges.
final class OrderNumbers: @unchecked Sendable {
    private let lock = NSLock()
    private var last = 0

    /// The next number.
    func next() -> Int {
        lock.withLock {
            last += 1
            return last
        }
    }
}
