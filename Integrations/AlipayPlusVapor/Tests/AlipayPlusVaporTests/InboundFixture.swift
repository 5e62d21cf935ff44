import AlipayPlus
import AlipayPlusTesting
import Foundation

/// A coordinator over the simulator with user-1 bound, and the simulator's way to reach it over
/// real HTTP on a loopback port.
struct InboundFixture {
    let clock: VirtualClock
    let simulator: AlipayPlusSimulator
    let store: LocalAutoDebitStore
    let coordinator: AutoDebitCoordinator

    static func make(bodyLimit: Int = 1 << 20) async throws -> InboundFixture {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try SimulatorConfiguration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
        let client = AlipayPlusClient(configuration: try AlipayPlusConfiguration(
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(simulator.alipayPlusPublicKey),
            environment: .custom(AlipayPlusSimulator.baseURL), clock: clock), transport: simulator)
        let store = LocalAutoDebitStore()
        let coordinator = try AutoDebitCoordinator(client: client, store: store, configuration: AutoDebitConfiguration(
            authClientId: "M0001", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
            merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd", merchantAddress: Address(region: "HK")),
            settlementCurrency: "HKD", inboundBodyLimit: bodyLimit, recoveryInterval: nil))
        return InboundFixture(clock: clock, simulator: simulator, store: store, coordinator: coordinator)
    }

    /// Binds user-1 through the coordinator and the simulated wallet page.
    func bind() async throws {
        let start = try await coordinator.beginBinding(for: "user-1")
        _ = try await coordinator.completeBinding(
            redirectURL: try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK))
    }

    /// A charge of HKD 5.99 for user-1.
    static func charge(_ id: String) -> ChargeRequest {
        ChargeRequest(merchantUserId: "user-1", amount: Amount(currency: "HKD", minorUnits: 599),
                      referenceOrderId: "ORDER-\(id)", orderDescription: "Monthly plan", paymentRequestId: id)
    }

    /// A notifyPayment saying payment `id` succeeded, as Alipay+ would sign it, with a body laid out
    /// the way no JSON encoder here writes it (spaces, key order, an escaped character): only the
    /// exact bytes verify.
    func oddlyFormattedSuccess(of id: String) throws -> InboundRequest {
        let body = Data("""
        { "paymentResult" : {"resultStatus":"S", "resultCode":"SUCCESS","resultMessage":"succ\\u00e8s"},
          "paymentAmount": { "value" : "599", "currency":"HKD" },  "paymentRequestId" : "\(id)", "paymentId":"AP-ODD" }
        """.utf8)
        return try signed(body, by: simulator.configuration.alipayPlusPrivateKey)
    }

    /// A notifyPayment saying payment `id` succeeded, signed with the merchant's key instead of
    /// Alipay+'s: well formed, but not from Alipay+.
    func forgedSuccess(of id: String) throws -> InboundRequest {
        let body = Data("""
        {"paymentRequestId":"\(id)","paymentId":"AP-FORGED","paymentAmount":{"currency":"HKD","value":"599"},\
        "paymentResult":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}
        """.utf8)
        return try signed(body, by: TestKeys.merchantPrivateKey)
    }

    /// A notifyPayment call with `body`, signed with `key` at the clock's time.
    private func signed(_ body: Data, by key: RSAPrivateKey) throws -> InboundRequest {
        let path = "/alipayplus/notifyPayment"
        let clock = self.clock
        let signer = MessageSigner(clientId: TestKeys.merchantClientId, privateKey: key, now: { clock.now })
        let signed = try signer.sign(path: path, body: body)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
        headers.add(name: "Client-Id", value: signed.clientId)
        headers.add(name: "Request-Time", value: signed.time)
        headers.add(name: "Signature", value: signed.headerValue)
        return InboundRequest(path: path, headers: headers, body: body)
    }
}

/// Sends inbound calls to a server on 127.0.0.1 over real HTTP.
struct LoopbackMerchant {
    let port: Int
    let transport = URLSessionTransport()

    /// The simulator's merchant handler: POSTs each signed call and hands back the server's answer.
    var handler: AlipayPlusSimulator.MerchantHandler {
        { inbound in
            do {
                return try await post(inbound)
            } catch {
                return InboundResponse(status: 0, headers: [:], body: Data())
            }
        }
    }

    /// POSTs `inbound` (path, headers, body as they are) and returns the answer.
    func post(_ inbound: InboundRequest) async throws -> InboundResponse {
        let response = try await transport.send(HTTPRequest(
            method: inbound.method, url: URL(string: "http://127.0.0.1:\(port)\(inbound.path)")!,
            headers: inbound.headers, body: inbound.body, timeout: .seconds(10)))
        return InboundResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// GETs `pathAndQuery` and returns the answer.
    func get(_ pathAndQuery: String) async throws -> HTTPResponse {
        try await transport.send(HTTPRequest(
            method: "GET", url: URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)")!,
            headers: [:], body: Data(), timeout: .seconds(10)))
    }
}
