import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// A simulator, its virtual clock, and a real client wired to it with the public test keys.
struct Harness {
    let clock: VirtualClock
    let simulator: AlipayPlusSimulator
    let client: AlipayPlusClient

    static let redirect = "https://merchant.example/alipayplus/return"
    static let authClientId = "M0001"

    init(seed: UInt64 = 1, transport: ((AlipayPlusSimulator) -> any HTTPTransport)? = nil,
         retryPolicy: any RetryPolicy = .none,
         configure: (inout AlipayPlusSimulator.Configuration) -> Void = { _ in }) throws {
        let clock = VirtualClock()
        var configuration = try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: clock
        )
        configure(&configuration)
        let simulator = AlipayPlusSimulator(configuration: configuration, seed: seed)
        self.clock = clock
        self.simulator = simulator
        client = try simulator.merchantClient(transport: transport?(simulator), retryPolicy: retryPolicy)
    }

    static func clientConfiguration(clock: VirtualClock, alipayPlusKey: RSAPublicKey,
                                    retryPolicy: any RetryPolicy = .none) -> AlipayPlusClient.Configuration {
        try! AlipayPlusClient.Configuration(  // distinct test keys: never throws
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(alipayPlusKey),
            environment: .custom(AlipayPlusSimulator.baseURL), retryPolicy: retryPolicy, clock: clock
        )
    }

    static var merchant: Merchant {
        Merchant(referenceMerchantId: authClientId, merchantMCC: "5732", merchantName: "Demo Ltd",
                 merchantAddress: Address(region: "HK"))
    }

    static func prepareRequest(agreement: String = "AGR-1", state: String = "STATE-1") -> PrepareRequest {
        PrepareRequest(authClientId: authClientId, authClientName: "Demo Ltd", referenceMerchantId: authClientId,
                       referenceAgreementId: agreement, authRedirectUrl: redirect, authState: state, terminalType: .web)
    }

    static func payRequest(_ id: String, token: Secret, minor: Int64 = 599) -> PayRequest {
        let amount = Amount(currency: "HKD", minorUnits: minor)
        return PayRequest.autoDebit(
            paymentRequestId: id, accessToken: token, amount: amount,
            order: Order(referenceOrderId: "ORDER-" + id, orderDescription: "Monthly plan", orderAmount: amount,
                         merchant: merchant),
            settlementCurrency: "HKD"
        )
    }

    /// prepare → approve → applyToken, through the real client; returns the token response.
    func bind(agreement: String = "AGR-1") async throws -> ApplyTokenResponse {
        let prepared = try await client.send(Harness.prepareRequest(agreement: agreement, state: "STATE-" + agreement))
        let page = try XCTUnwrap(prepared.redirectURL(for: .web))
        let back = try await simulator.approve(walletPageURL: page)
        let code = try XCTUnwrap(URLComponents(url: back, resolvingAgainstBaseURL: false)?.queryItems?
            .first { $0.name == "authCode" }?.value)
        return try await client.send(ApplyTokenRequest.authorizationCode(authClientId: Harness.authClientId,
                                                                         authCode: Secret(code)))
    }

    /// Sends raw bytes signed (or not) as the merchant would, returning the decoded `result`.
    func rawResult(path: String, body: Data, clientId: String = TestKeys.merchantClientId,
                   key: RSAPrivateKey = TestKeys.merchantPrivateKey, keyVersion: String = "1",
                   signature: String?? = .none) async throws -> APIResult {
        let signer = MessageSigner(clientId: clientId, privateKey: key, keyVersion: keyVersion, now: { [clock] in clock.now })
        let signed = try signer.sign(path: path, body: body)
        var headers = HTTPHeaders()
        headers.add(name: "Client-Id", value: clientId)
        headers.add(name: "Request-Time", value: signed.time)
        switch signature {
        case .none: headers.add(name: "Signature", value: signed.headerValue)
        case .some(.none): break
        case .some(.some(let value)): headers.add(name: "Signature", value: value)
        }
        let response = try await simulator.send(HTTPRequest(
            url: AlipayPlusSimulator.baseURL.appendingPathComponent(path), headers: headers, body: body))
        XCTAssertEqual(response.status, 200)
        struct Envelope: Decodable { var result: APIResult }
        return try AlipayPlusJSON.decode(Envelope.self, from: response.body).result
    }
}

/// A merchant endpoint for notification tests: records calls, answers as told, signs its answers.
actor FakeMerchant {
    var received: [InboundRequest] = []
    var failuresBeforeAck: Int
    var allowUnbinding = true
    let clock: VirtualClock

    init(clock: VirtualClock, failuresBeforeAck: Int = 0) {
        self.clock = clock
        self.failuresBeforeAck = failuresBeforeAck
    }

    func handle(_ request: InboundRequest) -> InboundResponse {
        received.append(request)
        let body: Data
        if request.path.hasSuffix("consultUnbinding") {
            body = try! AlipayPlusJSON.encode(ConsultUnbindingResponse(allowUnbinding: allowUnbinding))
        } else if failuresBeforeAck > 0 {
            failuresBeforeAck -= 1
            body = try! AlipayPlusJSON.encode(NotificationAcknowledgement.failure())
        } else {
            body = try! AlipayPlusJSON.encode(NotificationAcknowledgement.success)
        }
        let signer = MessageSigner(clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
                                   now: { [clock] in clock.now })
        let signed = try! signer.sign(path: request.path, body: body)
        return InboundResponse(status: 200, headers: [
            "Client-Id": signed.clientId, "Response-Time": signed.time, "Signature": signed.headerValue,
        ], body: body)
    }

    var paths: [String] { received.map(\.path) }
}
