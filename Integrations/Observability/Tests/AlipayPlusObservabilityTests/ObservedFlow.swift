import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation

/// A coordinator against ``AlipayPlusSimulator`` whose events go to a sink under test (and to a log
/// of their own), with the secrets the flow handled collected for the no-secret checks.
struct ObservedFlow {
    let clock: VirtualClock
    let simulator: AlipayPlusSimulator
    let coordinator: AutoDebitCoordinator
    let events: EventList
    let seen: SecretsSeen

    /// Builds the flow; every event goes to `sink` and to ``events``.
    static func make(sink: @escaping @Sendable (AlipayPlusEvent) -> Void) throws -> ObservedFlow {
        let clock = VirtualClock()
        let events = EventList()
        let seen = SecretsSeen()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: clock))
        let client = try simulator.merchantClient(
            transport: SignatureRecordingTransport(inner: simulator, seen: seen),
            // No jitter: a full-jitter delay under half a millisecond reads as a latency of zero (whole
            // ms), and a retried call's span would then end where it starts.
            retryPolicy: ExponentialRetryPolicy(jitter: .none),
            eventHandler: { event in
                events.append(event)
                sink(event)
            })
        var configuration = AutoDebitCoordinator.Configuration(
            authClientId: "M0001", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
            merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd", merchantAddress: Address(region: "HK")),
            settlementCurrency: "HKD")
        configuration.coordination.recoveryInterval = nil  // a virtual clock would spin a recovery loop
        let coordinator = try AutoDebitCoordinator(client: client, store: LocalAutoDebitStore(), configuration: configuration)
        return ObservedFlow(clock: clock, simulator: simulator, coordinator: coordinator, events: events, seen: seen)
    }

    /// Binds a wallet, charges 5.99 HKD and refunds 1.00 of it, then delivers the simulator's
    /// notifications; the binding's tokens and the auth code go to ``seen``.
    @discardableResult
    func bindChargeRefund() async throws -> BindingRecord {
        let start = try await coordinator.beginBinding(for: "user-1")
        let redirect = try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK)
        let query = URLComponents(url: redirect, resolvingAgainstBaseURL: false)?.queryItems ?? []
        seen.add(query.first { $0.name == "authCode" }?.value)
        let binding = try await coordinator.completeBinding(redirectURL: redirect)
        seen.add(binding.accessToken.revealed)
        seen.add(binding.refreshToken?.revealed)
        _ = try await coordinator.charge(ChargeRequest(
            merchantUserId: "user-1", amount: Amount(currency: "HKD", minorUnits: 599),
            referenceOrderId: "ORDER-1", orderDescription: "Monthly plan", paymentRequestId: "PAY-1"))
        _ = try await coordinator.refund(paymentRequestId: "PAY-1", amount: Amount(currency: "HKD", minorUnits: 100))
        _ = await simulator.deliverNotifications(to: { await coordinator.handleInbound($0) })
        return binding
    }

    /// Sends `notification` to the coordinator at `path`, signed by Alipay+'s (the simulator's) key.
    func sendSigned(_ notification: some Encodable, path: String) async throws -> InboundResponse {
        let body = try AlipayPlusJSON.encode(notification)
        let now = clock.now
        let signed = try MessageSigner(clientId: TestKeys.merchantClientId, privateKey: TestKeys.alipayPlusPrivateKey,
                                       now: { now }).sign(path: path, body: body)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Client-Id", value: signed.clientId)
        headers.add(name: "Request-Time", value: signed.time)
        headers.add(name: "Signature", value: signed.headerValue)
        return await coordinator.handleInbound(InboundRequest(path: path, headers: headers, body: body))
    }

    /// Sends a forged consultUnbinding carrying the library's redaction test secrets (see
    /// ``RedactionTestValues``) in its body and signature header; the coordinator refuses it.
    func sendForgedNotification() async -> InboundResponse {
        let body = Data("""
            {"authClientId":"M0001","accessToken":"\(RedactionTestValues.accessToken)",\
            "refreshToken":"\(RedactionTestValues.refreshToken)","authCode":"\(RedactionTestValues.authCode)"}
            """.utf8)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Client-Id", value: TestKeys.merchantClientId)
        headers.add(name: "Request-Time", value: AlipayPlusTimestamp.string(from: clock.now, precision: .seconds))
        headers.add(name: "Signature", value: RedactionTestValues.signatureHeader)
        headers.add(name: "Agent-Token", value: RedactionTestValues.agentToken)
        headers.add(name: "Authorization", value: "Bearer \(RedactionTestValues.bearer)")
        return await coordinator.handleInbound(InboundRequest(path: "/alipayplus/consultUnbinding", headers: headers, body: body))
    }
}

/// The secret values of the library's own redaction tests (Tests/AlipayPlusTests/SecretRedactionTests.swift),
/// plus the test merchant key's material.
enum RedactionTestValues {
    static let accessToken = "ACCESS-SECRET-7f3a9c"
    static let refreshToken = "REFRESH-SECRET-51be02"
    static let authCode = "AUTHCODE-SECRET-c0ffee"
    static let agentToken = "AGENT-SECRET-9d1e44"
    static let bearer = "BEARER-SECRET-a8b2"
    static let signatureBytes = Data((0..<256).map { UInt8($0 & 0xFF) ^ 0x5A })
    static var signatureText: String { signatureBytes.base64EncodedString() }
    static var percentEncodedSignature: String {
        signatureText.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F")
            .replacingOccurrences(of: "=", with: "%3D")
    }
    static var signatureHeader: String { "algorithm=RSA256, keyVersion=1, signature=\(percentEncodedSignature)" }
    /// A line from the middle of the test merchant's private key PEM: key material.
    static var keyMaterial: String {
        let lines = TestKeys.merchantPrivateKeyPEM.split(separator: "\n")
        return String(lines[lines.count / 2])
    }

    static var all: [String] {
        [accessToken, refreshToken, authCode, agentToken, bearer, keyMaterial, String(signatureText.prefix(24)),
         String(percentEncodedSignature.suffix(24))]
    }
}

/// Events in the order they were emitted.
final class EventList: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [AlipayPlusEvent] = []

    func append(_ event: AlipayPlusEvent) { lock.withLock { events.append(event) } }
    var all: [AlipayPlusEvent] { lock.withLock { events } }
}

/// Secret values a flow handled: tokens, auth codes and every signature sent or received.
final class SecretsSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var values: Set<String> = []

    func add(_ value: String?) {
        guard let value, !value.isEmpty else { return }
        lock.withLock { _ = values.insert(value) }
    }

    /// A signature header's value part (the last 24 characters are enough to find it in any text).
    func addSignature(header: String?) {
        guard let header, let range = header.range(of: "signature=") else { return }
        add(String(header[range.upperBound...].suffix(24)))
    }

    var all: Set<String> { lock.withLock { values } }
}

/// Passes calls to the simulator and notes the signatures both ways.
struct SignatureRecordingTransport: HTTPTransport {
    let inner: AlipayPlusSimulator
    let seen: SecretsSeen

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        seen.addSignature(header: request.headers["Signature"])
        let response = try await inner.send(request)
        seen.addSignature(header: response.headers["Signature"])
        return response
    }
}
