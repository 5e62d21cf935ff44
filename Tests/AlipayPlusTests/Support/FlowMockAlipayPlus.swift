import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import Foundation

/// One request the mock received, decoded enough for assertions.
struct FlowRecordedRequest: Sendable {
    /// The operation name: the last component of the path (`pay`, `inquiryPayment`, ...).
    let operation: String
    let path: String
    let headers: HTTPHeaders
    let body: Data

    /// A JSON string at a dotted path of the body, such as `paymentMethod.paymentMethodId`.
    func json(_ path: String) -> String? {
        var value: Any? = try? JSONSerialization.jsonObject(with: body)
        for key in path.split(separator: ".") { value = (value as? [String: Any])?[String(key)] }
        return value as? String
    }

    /// A top-level JSON string field of the body.
    func field(_ name: String) -> String? {
        json(name)
    }
}

/// What the mock does with one request.
struct FlowReply: Sendable {
    enum Kind: Sendable {
        case body(Data)
        case error(TransportError)
    }

    let kind: Kind
    /// Whether the answer is signed with the Alipay+ key (false: sent without a signature).
    var signed = true

    /// A response model, serialized and signed as Alipay+ would.
    static func response(_ value: some Encodable) -> FlowReply {
        FlowReply(kind: .body((try? AlipayPlusJSON.encode(value)) ?? Data()))
    }

    /// A transport failure thrown by `send`.
    static func failure(_ error: TransportError) -> FlowReply { FlowReply(kind: .error(error)) }

    /// The request timed out after it was written: Alipay+ may have processed it.
    static var timedOutAfterSending: FlowReply { .failure(.timedOut(underlying: "scripted timeout")) }
    /// The connection could not be opened: nothing was sent.
    static var connectionRefused: FlowReply { .failure(.connectionFailed(underlying: "scripted refusal")) }

    /// `{"result": ...}` only, for any operation.
    static func result(_ status: ResultStatus, _ code: ResultCode, _ message: String? = nil) -> FlowReply {
        .response(NotificationAcknowledgement(result: APIResult(resultCode: code, resultStatus: status, resultMessage: message)))
    }
}

/// A scripted Alipay+ gateway: decodes each request by path, answers from per-operation queues or
/// handlers, records every request, and signs every answer with the Alipay+ test key.
actor FlowMockAlipayPlus: HTTPTransport {
    typealias Handler = @Sendable (FlowRecordedRequest) async throws -> FlowReply

    private let signerKey: RSAPrivateKey
    private let clock: any AlipayPlusClock
    private var queues: [String: [FlowReply]] = [:]
    private var handlers: [String: Handler] = [:]
    private var onReceive: [String: @Sendable (FlowRecordedRequest) async -> Void] = [:]
    private(set) var requests: [FlowRecordedRequest] = []
    private var answeringClientId: String?

    init(alipayKey: RSAPrivateKey, clock: any AlipayPlusClock) {
        signerKey = alipayKey
        self.clock = clock
    }

    /// Signs every answer for `clientId` instead of the requesting client's id.
    func setAnsweringClientId(_ clientId: String) {
        answeringClientId = clientId
    }

    /// Answers the next requests of `operation` with `replies`, in order, before any handler.
    func enqueue(_ operation: String, _ replies: FlowReply...) {
        queues[operation, default: []].append(contentsOf: replies)
    }

    /// Answers `operation` with `handler` whenever its queue is empty.
    func handle(_ operation: String, _ handler: @escaping Handler) {
        handlers[operation] = handler
    }

    /// Runs `hook` when a request of `operation` arrives, before it is answered.
    func whenReceiving(_ operation: String, _ hook: @escaping @Sendable (FlowRecordedRequest) async -> Void) {
        onReceive[operation] = hook
    }

    /// The recorded requests of one operation.
    func requests(_ operation: String) -> [FlowRecordedRequest] {
        requests.filter { $0.operation == operation }
    }

    /// How many requests of `operation` were received.
    func count(_ operation: String) -> Int { requests(operation).count }

    nonisolated func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let recorded = FlowRecordedRequest(
            operation: request.url.lastPathComponent, path: request.url.path,
            headers: request.headers, body: request.body
        )
        let (hook, reply) = try await take(recorded)
        if let hook { await hook(recorded) }
        let answer = try await reply()
        switch answer.kind {
        case .error(let error):
            throw error
        case .body(let body):
            return try await sign(body, for: recorded, signed: answer.signed)
        }
    }

    private func take(
        _ recorded: FlowRecordedRequest
    ) throws -> ((@Sendable (FlowRecordedRequest) async -> Void)?, @Sendable () async throws -> FlowReply) {
        requests.append(recorded)
        let hook = onReceive[recorded.operation]
        if var queue = queues[recorded.operation], !queue.isEmpty {
            let reply = queue.removeFirst()
            queues[recorded.operation] = queue
            return (hook, { reply })
        }
        guard let handler = handlers[recorded.operation] else {
            return (hook, { FlowReply.result(.failure, .invalidAPI, "no script for \(recorded.operation)") })
        }
        return (hook, { try await handler(recorded) })
    }

    private func sign(_ body: Data, for request: FlowRecordedRequest, signed: Bool) throws -> HTTPResponse {
        let clientId = answeringClientId ?? request.headers["Client-Id"] ?? ""
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
        if signed {
            let now = clock.now
            let signer = MessageSigner(clientId: clientId, privateKey: signerKey, now: { now })
            let message = try signer.sign(path: request.path, body: body)
            headers.add(name: "Client-Id", value: message.clientId)
            headers.add(name: "Response-Time", value: message.time)
            headers.add(name: "Signature", value: message.headerValue)
        }
        return HTTPResponse(status: 200, headers: headers, body: body)
    }
}
