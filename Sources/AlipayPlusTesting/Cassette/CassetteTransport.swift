public import AlipayPlusSigning
public import AlipayPlusTransport
public import Foundation

/// A transport that records exchanges to a cassette file, or replays them with no server at all.
///
/// Record once against a live transport (an ``AlipayPlusSimulator`` or the Alipay+ sandbox), commit
/// the cassette, and replay it in CI:
/// ```swift
/// // Recording: wraps the simulator; writes the file after every exchange.
/// let recorder = CassetteTransport(recordingTo: file, wrapping: simulator)
/// // Replaying: the client must trust TestKeys.alipayPlusPublicKey.
/// let player = try CassetteTransport(replaying: file)
/// ```
/// Recording redacts `accessToken`, `refreshToken`, `authCode`, `paymentMethodId` and `customerId`
/// in both bodies to stable placeholders (`<redacted-accessToken-1>`; the same secret gets the same
/// placeholder throughout the cassette) and re-signs every redacted response with
/// ``TestKeys/alipayPlusPrivateKey`` (or the key you give), so replay still runs the client's real
/// signature check. Replay never signs anything: a changed response body fails verification.
///
/// Replay serves exchanges in order. A request must match the recorded one on method, path and JSON
/// body, ignoring `Request-Time`, `Signature`, fields ending in `RequestId`, `authState`,
/// `referenceAgreementId` and the redacted secrets; otherwise it throws ``CassetteError`` naming the
/// exchange index and the first differing JSON path.
public actor CassetteTransport: HTTPTransport {
    private enum Mode {
        case record(upstream: any HTTPTransport, file: URL, signingKey: RSAPrivateKey, keyVersion: String,
                    originalKey: RSAPublicKey?)
        case replay
    }

    private let mode: Mode
    private var cassette: Cassette
    private var placeholders = PlaceholderTable()
    private var nextIndex = 0

    /// Records every exchange through `upstream` into `file` (rewritten after each exchange).
    ///
    /// - Parameters:
    ///   - file: where the cassette is written.
    ///   - upstream: the transport that really answers.
    ///   - signingKey: the key that re-signs redacted responses (default: the public test key).
    ///   - keyVersion: the `keyVersion` written in re-signed headers.
    ///   - originalAlipayPlusPublicKey: when given, only responses whose original signature verified
    ///     with it are re-signed; others keep their (now invalid or missing) signature, so recorded
    ///     signature faults replay as faults.
    public init(
        recordingTo file: URL, wrapping upstream: any HTTPTransport,
        resigningWith signingKey: RSAPrivateKey = TestKeys.alipayPlusPrivateKey, keyVersion: String = "1",
        originalAlipayPlusPublicKey: RSAPublicKey? = nil
    ) {
        mode = .record(upstream: upstream, file: file, signingKey: signingKey, keyVersion: keyVersion,
                       originalKey: originalAlipayPlusPublicKey)
        cassette = Cassette()
    }

    /// Replays the cassette in `file`.
    ///
    /// - Throws: ``CassetteError`` with `.unreadableCassette`.
    public init(replaying file: URL) throws {
        mode = .replay
        cassette = try Cassette(contentsOf: file)
    }

    /// Replays an in-memory cassette.
    public init(replaying cassette: Cassette) {
        mode = .replay
        self.cassette = cassette
    }

    /// The exchanges recorded or loaded so far.
    public var recorded: Cassette { cassette }

    /// How many exchanges replay has served.
    public var replayedCount: Int { nextIndex }

    /// Throws when replay has not used every recorded exchange (the code under test made fewer calls).
    ///
    /// - Throws: ``CassetteError`` with `.unusedExchanges`.
    public func assertAllExchangesUsed() throws {
        guard case .replay = mode, nextIndex < cassette.exchanges.count else { return }
        let next = cassette.exchanges[nextIndex]
        throw CassetteError(.unusedExchanges, exchangeIndex: nextIndex, path: nil,
                            message: "\(cassette.exchanges.count - nextIndex) recorded exchange(s) were not replayed; "
                                + "the next is \(next.method) \(next.path)")
    }

    /// Records or replays one exchange.
    ///
    /// - Throws: in record mode, whatever the upstream transport throws (nothing is recorded then);
    ///   in replay mode, ``CassetteError``.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch mode {
        case .replay:
            return try replay(request)
        case .record(let upstream, let file, let key, let keyVersion, let originalKey):
            let response = try await upstream.send(request)
            try record(request, response, file: file, key: key, keyVersion: keyVersion, originalKey: originalKey)
            return response
        }
    }

    // MARK: Recording

    private func record(_ request: HTTPRequest, _ response: HTTPResponse, file: URL, key: RSAPrivateKey,
                        keyVersion: String, originalKey: RSAPublicKey?) throws {
        let path = request.url.path
        var requestHeaders: [String: String] = [:]
        for (name, value) in request.headers where !["request-time", "signature"].contains(name.lowercased()) {
            requestHeaders[name] = value
        }
        let requestBody = redacted(request.body)
        let responseBody = redacted(response.body)
        var responseHeaders: [String: String] = [:]
        for (name, value) in response.headers { responseHeaders[name] = value }

        let clientId = response.headers["Client-Id"]
        let time = response.headers["Response-Time"]
        if response.headers["Signature"] != nil, let clientId, let time {
            var originalVerified = true
            if let originalKey {
                let verdict = SignatureVerifier(keys: AlipayPlusPublicKeys(originalKey)).verify(
                    path: path, clientId: clientId, time: time, body: response.body,
                    signatureHeader: response.headers["Signature"]
                )
                originalVerified = verdict.isValid
            }
            if originalVerified {
                let signer = MessageSigner(clientId: clientId, privateKey: key, keyVersion: keyVersion)
                let signed = try signer.sign(method: request.method, path: path, body: Data(responseBody.utf8), time: time)
                let headerName = response.headers.first { $0.name.lowercased() == "signature" }?.name ?? "Signature"
                responseHeaders[headerName] = signed.headerValue
            }
        }
        cassette.exchanges.append(CassetteExchange(
            method: request.method, path: path, requestHeaders: requestHeaders, requestBody: requestBody,
            status: response.status, responseHeaders: responseHeaders, responseBody: responseBody
        ))
        try cassette.write(to: file)
    }

    /// The body with secrets replaced, re-serialized with sorted keys; non-JSON bodies are kept.
    private func redacted(_ body: Data) -> String {
        guard !body.isEmpty, let value = CassetteJSON.parse(body), value is [String: Any] || value is [Any] else {
            return String(decoding: body, as: UTF8.self)
        }
        let clean = CassetteJSON.redact(value, table: &placeholders)
        guard let data = CassetteJSON.serialize(clean) else { return String(decoding: body, as: UTF8.self) }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Replay

    private func replay(_ request: HTTPRequest) throws -> HTTPResponse {
        let index = nextIndex
        guard index < cassette.exchanges.count else {
            throw CassetteError(.exhausted, exchangeIndex: index, path: nil,
                                message: "the cassette has \(cassette.exchanges.count) exchange(s) but request "
                                    + "\(index + 1) arrived: \(request.method) \(request.url.path)")
        }
        let exchange = cassette.exchanges[index]
        guard exchange.method.uppercased() == request.method.uppercased() else {
            throw CassetteError(.requestMismatch, exchangeIndex: index, path: "method",
                                message: "recorded \(exchange.method), got \(request.method)")
        }
        guard exchange.path == request.url.path else {
            throw CassetteError(.requestMismatch, exchangeIndex: index, path: "path",
                                message: "recorded \(exchange.path), got \(request.url.path)")
        }
        let recordedBody = Data(exchange.requestBody.utf8)
        if let recorded = CassetteJSON.parse(recordedBody), let actual = CassetteJSON.parse(request.body) {
            if let difference = CassetteJSON.firstDifference(recorded, actual) {
                throw CassetteError(.requestMismatch, exchangeIndex: index, path: difference.path,
                                    message: "recorded \(difference.recorded), got \(difference.actual)")
            }
        } else if recordedBody != request.body {
            throw CassetteError(.requestMismatch, exchangeIndex: index, path: "body",
                                message: "the non-JSON bodies differ")
        }
        nextIndex += 1
        var headers = HTTPHeaders()
        for name in exchange.responseHeaders.keys.sorted() {
            headers.add(name: name, value: exchange.responseHeaders[name]!)
        }
        return HTTPResponse(status: exchange.status, headers: headers, body: Data(exchange.responseBody.utf8))
    }
}
