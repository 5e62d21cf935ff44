import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import Foundation

/// Builds inbound calls exactly as Alipay+ sends them: JSON body, Client-Id, Request-Time and a
/// Signature made with the Alipay+ key over `POST <path>\n<Client-Id>.<Request-Time>.<body>`.
enum FlowInbound {
    static let notifyPaymentPath = "/alipayplus/notifyPayment"
    static let authNotifyPath = "/alipayplus/authNotify"
    static let consultUnbindingPath = "/alipayplus/consultUnbinding"

    /// A signed inbound request with `value` as its body.
    static func request(
        path: String, body value: some Encodable, at time: Date, key: RSAPrivateKey = FlowKeys.alipay,
        clientId: String = FlowKeys.clientId
    ) throws -> InboundRequest {
        let body = try AlipayPlusJSON.encode(value)
        return try signed(path: path, body: body, at: time, key: key, clientId: clientId)
    }

    /// A signed inbound request over raw `body` bytes.
    static func signed(
        path: String, body: Data, at time: Date, key: RSAPrivateKey = FlowKeys.alipay,
        clientId: String = FlowKeys.clientId
    ) throws -> InboundRequest {
        let signer = MessageSigner(clientId: clientId, privateKey: key, now: { time })
        let message = try signer.sign(path: path, body: body)
        return InboundRequest(path: path, headers: HTTPHeaders(signed: message, contentType: "application/json"), body: body)
    }

    /// A notifyPayment for `paymentRequestId` with status S (with amount) or F (with code).
    static func notifyPayment(
        _ paymentRequestId: String, status: ResultStatus = .success, code: ResultCode = .success,
        amount: Amount?, at time: Date
    ) throws -> InboundRequest {
        let notification = NotifyPaymentRequest(
            paymentResult: APIResult(resultCode: code, resultStatus: status), paymentRequestId: paymentRequestId,
            paymentId: status == .success ? "AP-\(paymentRequestId)" : nil, acquirerId: "ACQ", paymentAmount: amount
        )
        return try request(path: notifyPaymentPath, body: notification, at: time)
    }

    /// An authNotify of `type`.
    static func authNotify(
        _ type: AuthorizationNotifyType, authCode: String? = nil, authState: String? = nil,
        accessToken: String? = nil, at time: Date
    ) throws -> InboundRequest {
        let notification = AuthNotifyRequest(
            authorizationNotifyType: type, authClientId: "AUTH_CLIENT", authCode: authCode.map { Secret($0) },
            authState: authState, accessToken: accessToken.map { Secret($0) }
        )
        return try request(path: authNotifyPath, body: notification, at: time)
    }

    /// A consultUnbinding for `accessToken`.
    static func consultUnbinding(accessToken: String, at time: Date) throws -> InboundRequest {
        let consultation = ConsultUnbindingRequest(
            authClientId: "AUTH_CLIENT", referenceMerchantId: "M0001", accessToken: Secret(accessToken),
            acquirerId: "ACQ", pspId: "PSP"
        )
        return try request(path: consultUnbindingPath, body: consultation, at: time)
    }

    /// Whether the answer is signed by the merchant's key over `path`, as Alipay+ will check it.
    static func answerVerifies(_ response: InboundResponse, path: String) -> Bool {
        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(FlowKeys.merchant.publicKey))
        return verifier.verify(
            path: path, clientId: response.headers["Client-Id"] ?? "", time: response.headers["Response-Time"] ?? "",
            body: response.body, signatureHeader: response.headers["Signature"]
        ).isValid
    }

    /// The `result` of an answer body.
    static func result(of response: InboundResponse) -> APIResult? {
        try? AlipayPlusJSON.decode(NotificationAcknowledgement.self, from: response.body).result
    }
}
