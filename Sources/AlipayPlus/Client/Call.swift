import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import Foundation

/// One call of one operation: the attempt loop with its retry, deadline and cancellation rules.
struct Call<Operation: AlipayPlusOperation> {
    let client: AlipayPlusClient
    let operation: Operation

    private var configuration: AlipayPlusClient.Configuration { client.configuration }
    private var clock: any AlipayPlusClock { configuration.clock }

    /// What one attempt came to.
    private enum AttemptResult {
        /// A final answer: return it.
        case answer(Operation.Response)
        /// A failure that may be retried; `fallback` is returned instead of throwing when retries run out.
        case retryable(AlipayPlusError, fallback: Operation.Response?, retryAfter: Duration?)
        /// A failure that must not be retried.
        case fatal(AlipayPlusError)
        /// A transport's ``UnrecoverableTransportError`` (a programming error): rethrown at once, unchanged.
        case unrecoverable(any UnrecoverableTransportError)
    }

    /// The idempotency key when it is safe to log (cancelToken's key is the access token itself).
    static func loggableRequestId(of operation: Operation) -> String? {
        Operation.self == CancelTokenRequest.self ? nil : operation.idempotencyKey
    }

    func run() async throws -> Operation.Response {
        let started = clock.now
        let deadline = started.adding(configuration.timeouts.overall)
        client.emit(event(.requestStarted, startedAt: started))
        do {
            let body = try serializedBody()
            let (response, attemptCount) = try await attempts(body: body, started: started, deadline: deadline)
            var finished = event(.requestFinished, startedAt: started, latency: started.duration(to: clock.now))
            finished.attempt = attemptCount
            finished.resultCode = response.result.resultCode
            finished.resultStatus = response.result.resultStatus
            finished.httpStatus = 200
            client.emit(finished)
            return response
        } catch let error as AlipayPlusError {
            var failed = event(.requestFailed, startedAt: started, latency: started.duration(to: clock.now))
            failed.attempt = error.attempts
            failed.httpStatus = error.httpStatus
            failed.resultCode = error.resultCode
            failed.resultStatus = error.resultStatus
            failed.message = "\(error.code): \(error.message)"
            client.emit(failed)
            throw error
        } catch {
            var failed = event(.requestFailed, startedAt: started, latency: started.duration(to: clock.now))
            failed.message = "\(type(of: error)) from the transport, rethrown unchanged"
            client.emit(failed)
            throw error
        }
    }

    /// Validates, then serializes exactly once: every attempt sends these bytes.
    private func serializedBody() throws -> Data {
        let problems = operation.validate()
        guard problems.isEmpty else {
            throw error(.validation, "the request breaks \(problems.count) API rule(s); nothing was sent",
                        problems: problems, processed: false)
        }
        do {
            return try AlipayPlusJSON.encode(operation)
        } catch {
            throw self.error(.validation, "the request could not be serialized: \(CodingFailureSummary.summary(of: error))",
                             processed: false, cause: CodingFailure(error))
        }
    }

    /// The final answer and the number of attempts it took.
    private func attempts(body: Data, started: Date, deadline: Date) async throws -> (Operation.Response, Int) {
        var attempt = 0
        var possiblySent = false
        while true {
            attempt += 1
            if Task.isCancelled {
                throw error(.cancelled, "the calling task was cancelled", attempts: attempt - 1, processed: possiblySent)
            }
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw error(.deadlineExceeded, "no answer within \(configuration.timeouts.overall)",
                            attempts: attempt - 1, processed: possiblySent)
            }
            let timeout = min(configuration.timeouts.perAttempt ?? Operation.recommendedTimeout, remaining)
            let result = await perform(attempt: attempt, body: body, timeout: timeout)
            var failure: AlipayPlusError
            switch result {
            case .answer(let response):
                return (response, attempt)
            case .unrecoverable(let unrecoverable):
                throw unrecoverable
            case .fatal(var fatal):
                fatal.attempts = attempt
                fatal.requestMayHaveBeenProcessed = fatal.requestMayHaveBeenProcessed || possiblySent
                throw fatal
            case .retryable(let retryable, let fallback, let retryAfter):
                failure = retryable
                failure.attempts = attempt
                possiblySent = possiblySent || retryable.requestMayHaveBeenProcessed
                failure.requestMayHaveBeenProcessed = possiblySent
                guard let delay = configuration.retryPolicy.delay(beforeRetry: attempt, retryAfter: retryAfter),
                      clock.now.adding(delay) < deadline
                else {
                    if let fallback { return (fallback, attempt) }
                    throw failure
                }
                var retrying = event(.attemptFailed, startedAt: started)
                retrying.attempt = attempt
                retrying.httpStatus = failure.httpStatus
                retrying.resultCode = failure.resultCode
                retrying.resultStatus = failure.resultStatus
                retrying.message = "\(failure.code): \(failure.message); retrying in \(delay.milliseconds) ms"
                client.emit(retrying)
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    throw self.error(.cancelled, "the calling task was cancelled while waiting to retry",
                                     attempts: attempt, processed: possiblySent)
                }
            }
        }
    }

    /// Signs and sends one attempt, then classifies what came back.
    private func perform(attempt: Int, body: Data, timeout: Duration) async -> AttemptResult {
        let sentAt = clock.now
        let signed: SignedMessage
        do {
            signed = try client.signer.sign(path: Operation.path, body: body)
        } catch {
            return .fatal(self.error(.signature, "signing the request failed: \(error)", processed: false, cause: error))
        }
        let request = HTTPRequest(
            method: "POST", url: configuration.environment.url(forPath: Operation.path),
            headers: HTTPHeaders(signed: signed), body: body, timeout: timeout
        )
        let response: HTTPResponse
        do {
            response = try await client.transport.send(request)
        } catch let transportError as TransportError {
            return classify(transportError)
        } catch let cancellation as CancellationError {
            return .fatal(error(.cancelled, "the calling task was cancelled", processed: true, cause: cancellation))
        } catch let unrecoverable as any UnrecoverableTransportError {
            return .unrecoverable(unrecoverable)
        } catch {
            return classify(TransportError(code: .other, delivery: .possiblySent, underlying: "\(type(of: error))"),
                            cause: error)
        }
        return interpret(response, sentAt: sentAt)
    }

    /// A transport failure: retried when it never left or the operation is idempotent; a pay that may
    /// have left is not re-sent. `cause` is what the transport threw, when it was not a `TransportError`.
    private func classify(_ transportError: TransportError, cause: (any Error)? = nil) -> AttemptResult {
        let notSent = transportError.delivery == .notSent
        let cause = cause ?? transportError
        if transportError.code == .cancelled {
            return .fatal(error(.cancelled, "the request was cancelled: \(transportError)", processed: !notSent, cause: cause))
        }
        if transportError.code == .insecureURL {
            return .fatal(error(.transport, "\(transportError)", processed: false, cause: cause))
        }
        let failure = error(.transport, "\(transportError)", processed: !notSent, cause: cause)
        if notSent || Operation.resendSafety == .idempotent {
            return .retryable(failure, fallback: nil, retryAfter: nil)
        }
        var unknown = failure
        unknown.message = "\(transportError); the pay may have reached Alipay+, so it is not re-sent: "
            + "resolve it with inquiryPayment (the payment flow does this)"
        return .fatal(unknown)
    }

    /// HTTP status first, then the signature, the answer's freshness, the body, and whether the answer
    /// is about this request.
    private func interpret(_ response: HTTPResponse, sentAt: Date) -> AttemptResult {
        let traceId = response.headers["Trace-Id"]
        guard response.status == 200 else {
            return interpretStatus(response, traceId: traceId)
        }
        let verdict = client.verifier.verify(
            path: Operation.path,
            clientId: response.headers["Client-Id"] ?? configuration.clientId,
            time: response.headers["Response-Time"] ?? "",
            body: response.body,
            signatureHeader: response.headers["Signature"]
        )
        if case .invalid(let mismatch) = verdict {
            return .fatal(unverified(response, mismatch: mismatch, traceId: traceId))
        }
        if let answeredFor = response.headers["Client-Id"], answeredFor != configuration.clientId {
            var failure = error(.signature, "the response is signed for client id \(answeredFor), not this merchant's "
                + "\(configuration.clientId): not believed", processed: true)
            failure.traceId = traceId
            return .fatal(failure)
        }
        if let stale = staleness(of: response, sentAt: sentAt, traceId: traceId) {
            return .fatal(stale)
        }
        let decoded: Operation.Response
        let parsed: AlipayPlusJSON.ParsedBody
        do {
            parsed = try AlipayPlusJSON.parse(response.body)
            decoded = try parsed.decode(Operation.Response.self)
        } catch {
            var failure = self.error(
                .decoding,
                "the verified body is not a valid \(Operation.name) response: \(CodingFailureSummary.summary(of: error))",
                processed: true, cause: CodingFailure(error))
            failure.traceId = traceId
            failure.bodyExcerpt = Redaction.excerpt(of: response.body)
            return .fatal(failure)
        }
        if let mismatch = mismatch(of: parsed, traceId: traceId) {
            return .fatal(mismatch)
        }
        let result = decoded.result
        let throttled = result.resultCode == .requestTrafficExceedLimit
        let unknownButRepeatable = result.resultStatus == .unknown && Operation.resendSafety == .idempotent
        guard throttled || unknownButRepeatable else { return .answer(decoded) }
        var failure = error(.unknownOutcome, "Alipay+ answered \(result.resultCode.rawValue) (U); retrying with the same request",
                            processed: true)
        failure.resultCode = result.resultCode
        failure.resultStatus = result.resultStatus
        failure.traceId = traceId
        return .retryable(failure, fallback: decoded, retryAfter: retryAfter(of: response))
    }

    /// Any HTTP status other than 200. The request left (a status came back), and a proxy, a WAF or a
    /// load balancer may answer after the upstream took it, so every status counts as possibly
    /// processed: the spec treats non-2xx as unknown. A pay is then resolved by inquiry, never assumed
    /// failed; only failures known to happen before any byte left count as not sent.
    private func interpretStatus(_ response: HTTPResponse, traceId: String?) -> AttemptResult {
        let status = response.status
        var failure = error(
            .httpStatus,
            "HTTP \(status) instead of 200: Alipay+ answers business outcomes with 200, so this is probably a "
                + "proxy, a WAF, a load balancer or a wrong host (check the environment's base URL); the request "
                + "may have reached Alipay+, so its outcome is resolved by asking Alipay+",
            processed: true
        )
        failure.httpStatus = status
        failure.traceId = traceId
        failure.bodyExcerpt = Redaction.excerpt(of: response.body)
        if status == 429 || (status >= 500 && Operation.resendSafety == .idempotent) {
            return .retryable(failure, fallback: nil, retryAfter: retryAfter(of: response))
        }
        return .fatal(failure)
    }

    /// The server's `Retry-After`, if it sent one.
    private func retryAfter(of response: HTTPResponse) -> Duration? {
        response.headers["Retry-After"].flatMap { RetryAfter.parse($0, now: clock.now) }
    }

    /// A 200 whose signature is missing or wrong: never believed.
    private func unverified(_ response: HTTPResponse, mismatch: SignatureMismatch, traceId: String?) -> AlipayPlusError {
        let missing = ["Signature", "Response-Time"].filter { response.headers[$0] == nil }
        var failure = error(
            .signature,
            "the response is not signed by Alipay+'s key, so it is not believed"
                + (missing.isEmpty ? "" : " (missing header: \(missing.joined(separator: ", ")))"),
            processed: true)
        failure.signatureMismatch = mismatch
        failure.traceId = traceId
        failure.bodyExcerpt = Redaction.excerpt(of: response.body)
        if configuration.unsignedErrorBodies == .reportAsUnverifiedError,
           let envelope = try? AlipayPlusJSON.decode(ResultEnvelope.self, from: response.body),
           envelope.result.resultStatus != .success
        {
            failure.code = .unverifiedErrorResponse
            failure.message = "an unsigned error body (\(envelope.result.resultCode.rawValue)); reported as an "
                + "error, never as success"
            failure.resultCode = envelope.result.resultCode
            failure.resultStatus = envelope.result.resultStatus
        }
        return failure
    }

    /// A verified answer whose `Response-Time` is outside this attempt's window, or `nil` when it is fresh.
    ///
    /// The window is [sent − skew, now + skew]: an answer cannot have been made before its request left,
    /// nor after it arrived, except for clock skew. This is what binds an answer that names no payment
    /// (cancelPayment's) to this request: an answer recorded earlier, even a genuine signed one, is refused.
    private func staleness(of response: HTTPResponse, sentAt: Date, traceId: String?) -> AlipayPlusError? {
        guard let skew = configuration.responseTimeSkew else { return nil }
        let time = response.headers["Response-Time"] ?? ""
        let problem: String
        switch ResponseFreshness.check(responseTime: time, sentAt: sentAt, receivedAt: clock.now, skew: skew) {
        case .fresh: return nil
        case .unreadable: problem = "Response-Time \(time) is not an ISO 8601 time"
        case .beforeRequest: problem = "Response-Time \(time) is earlier than the request was sent (a replayed answer?)"
        case .inTheFuture: problem = "Response-Time \(time) is later than the answer arrived (a wrong clock?)"
        }
        var failure = error(
            .staleResponse,
            "\(problem), beyond the allowed skew of \(skew): not believed; the request may have been processed, "
                + "so its outcome is resolved by asking again (check this server's clock if it keeps happening)",
            processed: true)
        failure.traceId = traceId
        emitAnswerMismatch(failure)
        return failure
    }

    /// A verified answer that names another payment or refund than this request, or `nil` when it does not.
    private func mismatch(of body: AlipayPlusJSON.ParsedBody, traceId: String?) -> AlipayPlusError? {
        guard let echoing = operation as? any AnswerEchoing else { return nil }
        let detail: String
        do {
            let answered = try body.decode(AnswerEcho.self)
            let mismatches = echoing.expectedEcho.mismatches(in: answered)
            guard !mismatches.isEmpty else { return nil }
            detail = mismatches.map(\.description).joined(separator: "; ")
        } catch {
            detail = "its payment identifiers are unreadable (\(CodingFailureSummary.summary(of: error)))"
        }
        var failure = error(
            .answerMismatch,
            "the signed answer is about another payment or refund (\(detail)): not believed; the request may have "
                + "been processed, so its outcome is resolved by asking again",
            processed: true)
        failure.traceId = traceId
        emitAnswerMismatch(failure)
        return failure
    }

    private func emitAnswerMismatch(_ failure: AlipayPlusError) {
        var mismatch = event(.answerMismatch)
        mismatch.message = "\(failure.code): \(failure.message)"
        client.emit(mismatch)
    }

    private func error(
        _ code: AlipayPlusError.Code, _ message: String, attempts: Int = 0,
        problems: [ValidationProblem] = [], processed: Bool, cause: (any Error)? = nil
    ) -> AlipayPlusError {
        AlipayPlusError(
            code: code, operation: Operation.name, path: Operation.path, message: message,
            requestId: Self.loggableRequestId(of: operation), attempts: attempts,
            validationProblems: problems, requestMayHaveBeenProcessed: processed, underlyingError: cause
        )
    }

    private func event(_ kind: AlipayPlusEvent.Kind, startedAt: Date? = nil, latency: Duration? = nil) -> AlipayPlusEvent {
        var event = AlipayPlusEvent(kind, operation: Operation.name, path: Operation.path, startedAt: startedAt,
                                    latency: latency)
        // The payment and refund a call concerns, from the request itself (inquiryPayment has no
        // idempotency key, but its events still name the payment).
        switch operation {
        case let pay as PayRequest: event.paymentRequestId = pay.paymentRequestId
        case let inquiry as InquiryPaymentRequest: event.paymentRequestId = inquiry.paymentRequestId
        case let cancel as CancelPaymentRequest: event.paymentRequestId = cancel.paymentRequestId
        case let refund as RefundRequest:
            event.paymentRequestId = refund.paymentRequestId
            event.refundRequestId = refund.refundRequestId
        default: break
        }
        return event
    }
}

/// Just the `result` of any body, for reading unverified error bodies.
private struct ResultEnvelope: Decodable {
    let result: APIResult
}
