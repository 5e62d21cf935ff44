public import AlipayPlus
public import AlipayPlusModels
public import AlipayPlusSigning
public import AlipayPlusTransport
public import Foundation

/// An in-process Alipay+ for tests: an `HTTPTransport` that verifies, books and answers like
/// Alipay+ (as the project's API digest describes it), with no network.
///
/// Give it to an `AlipayPlusClient` as its transport, and configure the client with
/// ``alipayPlusPublicKey``:
/// ```swift
/// let clock = VirtualClock()
/// let simulator = try AlipayPlusSimulator(configuration: .init(
///     merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
/// let client = AlipayPlusClient(configuration: try AlipayPlusClient.Configuration(
///     clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
///     alipayPlusPublicKeys: AlipayPlusPublicKeys(simulator.alipayPlusPublicKey),
///     environment: .custom(AlipayPlusSimulator.baseURL), clock: clock), transport: simulator)
/// ```
/// ``merchantClient(transport:retryPolicy:eventHandler:)`` builds that client in one call.
///
/// What it does:
/// - checks every request's signature (`INVALID_SIGNATURE`, `INVALID_CLIENT`, `KEY_NOT_FOUND`) and
///   body (all non-array leaves are strings, no `""`, the model's own validation: `PARAM_ILLEGAL`);
/// - keeps bindings, auth codes, token pairs, payments and refunds, with Alipay+'s idempotency rules;
/// - signs every response with its own key;
/// - lets a test script payment outcomes (``scriptNextPay(_:)``, ``script(_:forPaymentRequestId:)``)
///   and transport faults (``injectFault(_:path:count:)``), act as the user (``approve(walletPageURL:wallet:)``,
///   ``deny(walletPageURL:)``, ``walletUnbinds(accessToken:merchant:)``) and deliver notifications
///   (``deliverNotifications(to:)``);
/// - exposes a ``ledger`` and ``assertInvariants()`` (no double charge, refunds within amounts).
///
/// Choices where the digest is silent (documented, simulated): an unknown path answers HTTP 200 with
/// `INVALID_API` (F); over-refunds answer `REFUND_AMOUNT_EXCEED` (F) and refunds of unpaid payments
/// `ORDER_STATUS_INVALID` (F); a cancelPayment for a payment never received answers `ORDER_NOT_EXIST`
/// and closes that paymentRequestId, so a late pay with it answers `ORDER_IS_CLOSED`.
///
/// `dump()` and `Mirror` show only the configuration: the state holds the tokens and auth codes the
/// simulator issued, which are secrets like real ones (query ``ledger`` instead).
public actor AlipayPlusSimulator: HTTPTransport, CustomReflectable {
    /// A base URL to configure the client with; the simulator ignores scheme and host.
    public static let baseURL = URL(string: "https://alipayplus.simulator.invalid")!

    /// A merchant endpoint: receives a signed Alipay+ call and returns its signed answer.
    public typealias MerchantHandler = @Sendable (InboundRequest) async -> InboundResponse

    /// The configuration the simulator was created with.
    public nonisolated let configuration: AlipayPlusSimulator.Configuration

    /// The configuration only; the issued tokens and auth codes are never reflected.
    public nonisolated var customMirror: Mirror {
        Mirror(self, children: ["configuration": configuration, "state": "<redacted: issued tokens and auth codes>"],
               displayStyle: .class)
    }

    /// The simulator's Alipay+ public key: configure the merchant client with it.
    public nonisolated var alipayPlusPublicKey: RSAPublicKey { configuration.alipayPlusPrivateKey.publicKey }

    let clock: any AlipayPlusClock
    let responseSigner: MessageSigner
    let requestVerifier: SignatureVerifier
    var random: SeededGenerator

    // Authorization state.
    var sessions: [AuthSession] = []
    var sessionIndexByKey: [String: Int] = [:]
    var authCodes: [String: AuthCodeRecord] = [:]
    var tokens: [TokenPair] = []
    var tokenIndexByAccessToken: [String: Int] = [:]
    var tokenIndexByRefreshToken: [String: Int] = [:]

    // Payment state.
    var payments: [PaymentState] = []
    var paymentIndexByRequestId: [String: Int] = [:]
    var paymentIndexById: [String: Int] = [:]
    var closedPaymentRequestIds: Set<String> = []
    var refundsByRequestId: [String: RefundState] = [:]
    var nextPayScripts: [PaymentScript] = []
    var scriptsByPaymentRequestId: [String: PaymentScript] = [:]

    // Faults and records.
    var faultRules: [FaultRule] = []
    var calls: [SimulatorCall] = []
    var traceCounter = 0

    // Notifications.
    var pendingNotifications: [QueuedNotification] = []
    var duplicatesRequested = 0
    var shuffleSeed: UInt64?
    var deliveryLog: [NotificationDelivery] = []

    /// Creates a simulator.
    ///
    /// - Parameters:
    ///   - configuration: merchant identity and keys, the simulator's key, clock and lifetimes.
    ///   - seed: seeds the generator of tokens, codes and ids, so runs are repeatable.
    public init(configuration: AlipayPlusSimulator.Configuration, seed: UInt64 = 1) {
        self.configuration = configuration
        let clock = configuration.clock
        self.clock = clock
        responseSigner = MessageSigner(
            clientId: configuration.merchantClientId, privateKey: configuration.alipayPlusPrivateKey,
            keyVersion: configuration.alipayPlusKeyVersion, now: { clock.now }
        )
        requestVerifier = SignatureVerifier(keys: AlipayPlusPublicKeys(keysByVersion: configuration.merchantPublicKeys))
        random = SeededGenerator(seed: seed)
    }

    // MARK: HTTPTransport

    /// Handles one request as Alipay+ would, applying any injected faults.
    ///
    /// The signature check, the body rules and the response signature are pure, so they run outside
    /// the actor: concurrent requests verify and sign in parallel, and only the booking is serialized.
    ///
    /// - Throws: `TransportError` only for injected `connectionFailure` and `responseLost` faults.
    public nonisolated func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.url.path
        let checked = precheck(request, path: path)
        let (body, failure, trace) = try await book(request, path: path, checked: checked)
        switch failure {
        case .httpError(let status)?:
            let html = "<html><head><title>\(status)</title></head><body><h1>\(status) Bad Gateway</h1></body></html>"
            return HTTPResponse(status: status, headers: ["Content-Type": "text/html"], body: Data(html.utf8))
        case .malformedBody?:
            return signedResponse(path: path, body: Data("{\"result\":{\"resultCode\":\"SUCC".utf8), trace: trace)
        case .badSignature?:
            var response = signedResponse(path: path, body: body, trace: trace)
            let tampered = (try? responseSigner.sign(path: path, body: Data("tampered".utf8)).headerValue) ?? "x"
            response.headers["Signature"] = tampered
            return response
        case .missingSignature?:
            var response = signedResponse(path: path, body: body, trace: trace)
            response.headers.remove(name: "Signature")
            return response
        default:
            return signedResponse(path: path, body: body, trace: trace)
        }
    }

    /// Takes the faults, books the request and records the call; returns the answer body, the
    /// failure fault (if any) and the trace number of a signed answer.
    private func book(_ request: HTTPRequest, path: String, checked: Precheck) async throws
        -> (body: Data, failure: TransportFault?, trace: Int)
    {
        let faults = takeFaults(for: request)
        for case .latency(let duration) in faults {
            try await clock.sleep(for: duration)
        }
        let failure = faults.first { if case .latency = $0 { return false } else { return true } }
        if failure == .connectionFailure {
            calls.append(SimulatorCall(path: path, resultCode: nil, fault: .connectionFailure))
            throw TransportError.connectionFailed(url: request.url, underlying: "simulated connection failure")
        }
        let body: Data
        switch checked {
        case .rejected(let rejection): body = rejection
        case .accepted(let operation): body = dispatch(operation, body: request.body)
        }
        calls.append(SimulatorCall(path: path, resultCode: Self.resultCode(of: body), fault: failure))
        switch failure {
        case .responseLost?:
            throw TransportError.timedOut(url: request.url, underlying: "simulated: the response was lost after processing")
        case .httpError?:
            return (body, failure, 0)
        default:
            traceCounter += 1
            return (body, failure, traceCounter)
        }
    }

    /// The top-level `result.resultCode` of a body this simulator encoded. Sorted keys put
    /// `resultCode` first inside `result`, so a scan finds it; anything unusual takes a full decode.
    nonisolated static func resultCode(of body: Data) -> ResultCode? {
        let scanned: String? = body.withUnsafeBytes { buffer in
            let marker = Array(#""result":{"resultCode":""#.utf8)
            guard buffer.count > marker.count else { return nil }
            var start = 0
            while start + marker.count <= buffer.count {
                if buffer[start] == marker[0], zip(marker.indices, start...).allSatisfy({ marker[$0] == buffer[$1] }) {
                    var end = start + marker.count
                    let valueStart = end
                    while end < buffer.count, buffer[end] != UInt8(ascii: "\""), buffer[end] != UInt8(ascii: "\\") { end += 1 }
                    guard end < buffer.count, buffer[end] == UInt8(ascii: "\""), end > valueStart else { return nil }
                    return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[valueStart..<end]), as: UTF8.self)
                }
                start += 1
            }
            return nil
        }
        if let scanned { return ResultCode(rawValue: scanned) }
        return (try? AlipayPlusJSON.decode(ResultOnly.self, from: body))?.result.resultCode
    }

    // MARK: Dispatch

    /// What the checks that need no state concluded.
    enum Precheck: Sendable {
        case rejected(Data)
        case accepted(SimulatedOperation)
    }

    /// Method, path, signature and body rules, in Alipay+'s order (pure: no state is read).
    private nonisolated func precheck(_ request: HTTPRequest, path: String) -> Precheck {
        guard request.method.uppercased() == "POST" else {
            return .rejected(failure(.methodNotSupported, "only POST is supported"))
        }
        guard let operation = SimulatedOperation(path: path) else {
            return .rejected(failure(.invalidAPI, "no Alipay+ API at \(path)"))
        }
        if let rejection = authenticate(request, path: path) { return .rejected(rejection) }
        if let problem = WireRules.check(request.body) {
            return .rejected(failure(.paramIllegal, problem))
        }
        return .accepted(operation)
    }

    /// Decodes and applies a request that passed ``precheck(_:path:)``; returns the response body.
    private func dispatch(_ operation: SimulatedOperation, body: Data) -> Data {
        do {
            switch operation {
            case .prepare: return try prepare(decoded(PrepareRequest.self, body))
            case .applyToken: return try applyToken(decoded(ApplyTokenRequest.self, body))
            case .cancelToken: return try cancelToken(decoded(CancelTokenRequest.self, body))
            case .pay: return try pay(decoded(PayRequest.self, body))
            case .inquiryPayment: return try inquiryPayment(decoded(InquiryPaymentRequest.self, body))
            case .cancelPayment: return try cancelPayment(decoded(CancelPaymentRequest.self, body))
            case .refund: return try refund(decoded(RefundRequest.self, body))
            }
        } catch let problem as BodyProblem {
            return failure(.paramIllegal, problem.message)
        } catch {
            return failure(.paramIllegal, "\(error)")
        }
    }

    /// The signature check, in Alipay+'s order; `nil` when the request is authentic.
    private nonisolated func authenticate(_ request: HTTPRequest, path: String) -> Data? {
        guard let header = request.headers["Signature"], (try? SignatureHeader(parsing: header)) != nil else {
            return failure(.invalidSignature, "the Signature header is missing or cannot be parsed")
        }
        let clientId = request.headers["Client-Id"] ?? ""
        guard clientId == configuration.merchantClientId else {
            return failure(.invalidClient, "unknown Client-Id \(clientId)")
        }
        let time = request.headers["Request-Time"] ?? ""
        guard AlipayPlusTimestamp.date(from: time) != nil else {
            return failure(.paramIllegal, "Request-Time is missing or not ISO 8601")
        }
        let verdict = requestVerifier.verify(
            path: path, clientId: clientId, time: time, body: request.body, signatureHeader: header
        )
        guard case .invalid(let mismatch) = verdict else { return nil }
        if mismatch.code == .unknownKeyVersion {
            return failure(.keyNotFound, "no public key registered for keyVersion \(mismatch.keyVersion ?? "?")")
        }
        return failure(.invalidSignature, "the signature does not verify")
    }

    /// Decodes a request body and runs the model's validation.
    private func decoded<Request: AlipayPlusOperation & Decodable>(_ type: Request.Type, _ body: Data) throws -> Request {
        let value: Request
        do {
            value = try AlipayPlusJSON.decode(Request.self, from: body)
        } catch {
            throw BodyProblem(message: "the body does not decode: \(error)")
        }
        if let first = value.validate().first {
            throw BodyProblem(message: first.description)
        }
        return value
    }

    // MARK: Responses

    /// A body with only `result`.
    nonisolated func failure(_ code: ResultCode, _ message: String, status: ResultStatus = .failure) -> Data {
        encode(ResultOnly(result: APIResult(resultCode: code, resultStatus: status, resultMessage: message)))
    }

    /// Encodes a response with the wire rules.
    nonisolated func encode(_ value: some Encodable) -> Data {
        (try? AlipayPlusJSON.encode(value)) ?? Data("{}".utf8)
    }

    private nonisolated func signedResponse(path: String, body: Data, trace: Int) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
        headers.add(name: "Trace-Id", value: "sim-trace-\(trace)")
        if let signed = try? responseSigner.sign(path: path, body: body) {
            headers.add(name: "Client-Id", value: signed.clientId)
            headers.add(name: "Response-Time", value: signed.time)
            headers.add(name: "Signature", value: signed.headerValue)
        }
        return HTTPResponse(status: 200, headers: headers, body: body)
    }

    // MARK: Ids

    /// A fresh id: `prefix` plus `hexCount` random hex digits from the seeded generator.
    func newId(_ prefix: String, hexCount: Int = 24) -> String {
        var text = prefix
        while text.count < prefix.count + hexCount {
            text += String(random.next(), radix: 16)
        }
        return String(text.prefix(prefix.count + hexCount))
    }

    // MARK: Inspection

    /// Every request the simulator received, in order, with the result code it answered.
    public var receivedCalls: [SimulatorCall] { calls }

    /// How many requests arrived at `path` (for example `InquiryPaymentRequest.path`).
    public func callCount(path: String) -> Int {
        calls.filter { $0.path == path }.count
    }
}

/// One request the simulator received.
public struct SimulatorCall: Sendable, Hashable {
    /// The request path.
    public var path: String
    /// The `result.resultCode` it answered (`nil` when no answer was produced).
    public var resultCode: ResultCode?
    /// The fault injected into this exchange, if any (latency is not listed).
    public var fault: TransportFault?
}

/// A body with only `result`.
struct ResultOnly: Codable {
    var result: APIResult
}

/// A request body that fails the wire rules or the model's validation.
struct BodyProblem: Error {
    var message: String
}

/// The APIs the simulator serves.
enum SimulatedOperation: Sendable {
    case prepare, applyToken, cancelToken, pay, inquiryPayment, cancelPayment, refund

    init?(path: String) {
        switch path {
        case PrepareRequest.path: self = .prepare
        case ApplyTokenRequest.path: self = .applyToken
        case CancelTokenRequest.path: self = .cancelToken
        case PayRequest.path: self = .pay
        case InquiryPaymentRequest.path: self = .inquiryPayment
        case CancelPaymentRequest.path: self = .cancelPayment
        case RefundRequest.path: self = .refund
        default: return nil
        }
    }
}
