import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation

/// Keys generated once for all client tests: the merchant's pair and Alipay+'s pair.
enum ClientTestKeys {
    static let merchant: RSAPrivateKey = generate()
    static let alipay: RSAPrivateKey = generate()
    /// A key Alipay+ never had, for tampering tests.
    static let stranger: RSAPrivateKey = generate()

    private static func generate() -> RSAPrivateKey {
        do { return try RSAPrivateKey.generate() } catch { preconditionFailure("RSA key generation failed: \(error)") }
    }
}

/// Answers requests exactly as Alipay+ would: the response signed with Alipay+'s key over
/// `POST <path>\n<Client-Id>.<Response-Time>.<body>`.
struct ClientAlipaySide {
    var clientId = "SANDBOX_5YC47N2ZQHJ004124"
    var key: RSAPrivateKey = ClientTestKeys.alipay
    var keyVersion = "1"
    var responseTime = "2026-11-29T13:05:10+08:00"

    /// A signed 200 whose body is `json`, exactly as given.
    func response(path: String, json: String, extraHeaders: [(String, String)] = []) -> HTTPResponse {
        response(path: path, body: Data(json.utf8), extraHeaders: extraHeaders)
    }

    /// A signed 200 for a result-only body.
    func response(path: String, code: String, status: String, message: String? = nil) -> HTTPResponse {
        let messagePart = message.map { #","resultMessage":"\#($0)""# } ?? ""
        return response(path: path, json: #"{"result":{"resultCode":"\#(code)"\#(messagePart),"resultStatus":"\#(status)"}}"#)
    }

    /// A signed 200 whose body is `body`.
    func response(path: String, body: Data, extraHeaders: [(String, String)] = []) -> HTTPResponse {
        var headers = signedHeaders(path: path, body: body)
        for (name, value) in extraHeaders { headers.add(name: name, value: value) }
        return HTTPResponse(status: 200, headers: headers, body: body)
    }

    /// The `Content-Type`, `Client-Id`, `Response-Time` and `Signature` headers Alipay+ sends.
    func signedHeaders(path: String, body: Data) -> HTTPHeaders {
        let signer = MessageSigner(clientId: clientId, privateKey: key, keyVersion: keyVersion)
        let signed: SignedMessage
        do {
            signed = try signer.sign(path: path, body: body, time: responseTime)
        } catch {
            preconditionFailure("signing failed: \(error)")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
        headers.add(name: "Client-Id", value: signed.clientId)
        headers.add(name: "Response-Time", value: signed.time)
        headers.add(name: "Signature", value: signed.headerValue)
        headers.add(name: "Trace-Id", value: "0ba604b41558615600801371953814.0")
        return headers
    }
}

/// Builders for clients and requests used across the client tests.
enum ClientTestSupport {
    static let sandboxURL = URL(string: "https://sandbox-gateway.example")!
    static let clientId = "SANDBOX_5YC47N2ZQHJ004124"
    static let accessToken = "ACCESS-TOKEN-d41d8cd98f00b204e9800998ecf8427e"
    static let refreshToken = "REFRESH-TOKEN-9e107d9d372bb6826bd81d3542a419d6"
    static let authCode = "AUTH-CODE-e4d909c290d0fb1ca068ffaddf22cbd0"

    /// A fast retry policy without jitter: 100 ms, 200 ms, 400 ms, ... up to `maxRetries`.
    static func fastRetries(_ maxRetries: Int = 4) -> any RetryPolicy {
        .exponential(initial: .milliseconds(100), multiplier: 2, cap: .seconds(5), maxRetries: maxRetries, jitter: .none)
    }

    static func configuration(
        clock: VirtualClock = VirtualClock(),
        environment: AlipayPlusEnvironment = .custom(sandboxURL),
        clientId: String = clientId,
        alipayKeys: AlipayPlusPublicKeys = AlipayPlusPublicKeys(ClientTestKeys.alipay.publicKey),
        retryPolicy: any RetryPolicy = fastRetries(),
        timeouts: AlipayPlusClient.Configuration.Timeouts = .init(),
        unsignedErrorBodies: AlipayPlusClient.Configuration.UnsignedErrorBodyPolicy = .reject,
        responseTimeSkew: Duration? = nil,
        events: ClientEventCollector? = nil
    ) -> AlipayPlusClient.Configuration {
        // The scripted answers carry a fixed Response-Time, so the freshness check is off unless a test
        // is about it (the coordinator tests' mock signs with the clock and keeps the default on).
        try! AlipayPlusClient.Configuration(  // distinct test keys: never throws
            clientId: clientId, privateKey: ClientTestKeys.merchant, alipayPlusPublicKeys: alipayKeys,
            environment: environment, timeouts: timeouts, retryPolicy: retryPolicy, clock: clock,
            unsignedErrorBodies: unsignedErrorBodies, responseTimeSkew: responseTimeSkew, eventHandler: events?.handler
        )
    }

    static func payRequest(id: String = "PAY-20261129-0001", token: String = accessToken) -> PayRequest {
        let amount = Amount(currency: "USD", minorUnits: 1999)
        let order = Order(
            referenceOrderId: "ORDER-0001", orderDescription: "Monthly plan", orderAmount: amount,
            merchant: Merchant(referenceMerchantId: "M0001", merchantMCC: "5812", merchantName: "Test Shop")
        )
        return PayRequest.autoDebit(paymentRequestId: id, accessToken: Secret(token), amount: amount, order: order,
                                    settlementCurrency: "USD")
    }

    static let successPayJSON = #"{"paymentAmount":{"currency":"USD","value":"1999"},"paymentId":"2026112919074101000001","paymentTime":"2026-11-29T13:05:10+08:00","result":{"resultCode":"SUCCESS","resultMessage":"Success","resultStatus":"S"}}"#
}
