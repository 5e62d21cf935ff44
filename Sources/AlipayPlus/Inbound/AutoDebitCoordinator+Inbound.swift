import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import Foundation

extension AutoDebitCoordinator {
    /// Handles one call from Alipay+ (notifyPayment, authNotify, consultUnbinding,
    /// notifyRegistrationStatus) and returns the signed answer.
    ///
    /// Fail closed: a call whose signature is missing or wrong, whose `Client-Id` is not this
    /// merchant's, whose `Request-Time` is outside ``AutoDebitCoordinator/Configuration-swift.struct/Inbound-swift.struct/timeWindow`` (5 minutes
    /// by default), whose `Content-Type` is present and not `application/json` (415), whose body is too
    /// large or malformed, or that lacks a field its checks need (a successful notifyPayment without
    /// `paymentAmount`: 400) is refused and changes nothing. A 400 names the field at most, never a value. A verified call is
    /// applied exactly once (duplicates and out-of-order deliveries are safe) and acknowledged.
    /// The call is recognised by the last component of its path, so mount the endpoints anywhere.
    public func handleInbound(_ request: InboundRequest) async -> InboundResponse {
        let started = clock.now
        let target = InboundPath(request.path)
        let (path, name) = (target.path, target.name)
        guard request.method.uppercased() == "POST" else {
            return refuse(405, name: name, path: path, started: started, "only POST is accepted")
        }
        guard request.body.count <= configuration.inbound.bodyLimit else {
            return refuse(413, name: name, path: path, started: started, "body of \(request.body.count) bytes exceeds the limit")
        }
        if let type = request.headers["Content-Type"], !Self.isJSON(contentType: type) {
            return refuse(415, name: name, path: path, started: started, "the Content-Type is not application/json")
        }
        guard let call = InboundCall(rawValue: name) else {
            return refuse(404, name: name, path: path, started: started, "not an Alipay+ inbound call")
        }
        if let reason = authenticationFailure(of: request, path: path) {
            return refuse(401, name: name, path: path, started: started, reason)
        }
        do {
            // The key is written in the same store write as the change the call makes (one fsync);
            // only a call that changes no record records it on its own.
            let deliveryKey = "\(name):\(SHA256Digest.hex(of: request.body))"
            let body = try AlipayPlusJSON.parse(request.body)
            let (answer, applied) = try await apply(call, body: body, deliveryKey: deliveryKey)
            let firstDelivery: Bool
            if let applied { firstDelivery = applied } else { firstDelivery = try await store.recordFirstDelivery(key: deliveryKey) }
            // The ids the verified body names, for the event (a notifyPayment's payment, for instance).
            let named = try? body.decode(AnswerEcho.self)
            emit(AlipayPlusEvent(.notificationApplied, operation: name, path: path, httpStatus: 200,
                                 startedAt: started, latency: started.duration(to: clock.now),
                                 paymentRequestId: named?.paymentRequestId, refundRequestId: named?.refundRequestId,
                                 message: firstDelivery ? nil : "a repeated delivery: already applied, acknowledged again"))
            return signedAnswer(answer, path: path)
        } catch let error as DecodingError {
            // Never the DecodingError's own text: it quotes the offending value (a token, a customer id).
            return refuse(400, name: name, path: path, started: started, InboundRefusal.malformedBody(name, CodingFailure(error)).reason)
        } catch let refusal as InboundRefusal {
            return refuse(400, name: name, path: path, started: started, refusal.reason)
        } catch {
            emit(AlipayPlusEvent(.notificationRejected, operation: name, path: path, httpStatus: 500,
                                 startedAt: started, latency: started.duration(to: clock.now),
                                 message: "could not be applied, Alipay+ will retry: \(error)"))
            let retry = APIResult(resultCode: .unknownException, resultStatus: .unknown,
                                  resultMessage: "temporary failure, please retry")
            var response = signedAnswer(try? AlipayPlusJSON.encode(NotificationAcknowledgement(result: retry)), path: path)
            response.status = 500
            return response
        }
    }

    /// Why the call cannot be believed, or `nil` when it verified.
    private func authenticationFailure(of request: InboundRequest, path: String) -> String? {
        let credentials: InboundCredentials
        switch InboundCredentials.read(request.headers) {
        case .success(let read): credentials = read
        case .failure(let refusal): return refusal.reason
        }
        let (clientId, time) = (credentials.clientId, credentials.time)
        guard clientId == client.configuration.clientId else {
            return "Client-Id \(clientId) is not this merchant's client id"
        }
        let verdict = client.verifier.verify(
            path: path, clientId: clientId, time: time, body: request.body, signatureHeader: credentials.signature
        )
        if case .invalid(let mismatch) = verdict { return mismatch.description }
        if let window = configuration.inbound.timeWindow {
            guard let sent = AlipayPlusTimestamp.date(from: time) else { return "Request-Time \(time) is not ISO 8601" }
            guard abs(sent.timeIntervalSince(clock.now)) <= window.timeInterval else {
                return "Request-Time \(time) is outside the accepted window: a replay or a wrong clock"
            }
        }
        return nil
    }

    /// Whether a Content-Type names JSON (`application/json`, any parameters, any case). A missing
    /// header is accepted: some frameworks do not pass it on.
    static func isJSON(contentType: String) -> Bool {
        // Bytes, not Foundation: this runs on every inbound call.
        var media = contentType.utf8[...]
        if let parameters = media.firstIndex(of: UInt8(ascii: ";")) { media = media[..<parameters] }
        while let first = media.first, first == 0x20 || first == 0x09 { media = media.dropFirst() }
        while let last = media.last, last == 0x20 || last == 0x09 { media = media.dropLast() }
        return media.elementsEqual("application/json".utf8) { byte, wanted in
            ((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte) == wanted
        }
    }

    /// A plain, unsigned refusal: nothing was applied. An unauthenticated caller learns only that
    /// authentication failed; the detail (key versions, content checked) goes to the event.
    private func refuse(_ status: Int, name: String, path: String, started: Date, _ reason: String) -> InboundResponse {
        emit(AlipayPlusEvent(.notificationRejected, operation: name, path: path, httpStatus: status,
                             startedAt: started, latency: started.duration(to: clock.now), message: reason))
        let publicReason = status == 401 ? "the request could not be authenticated" : reason
        let result = APIResult(resultCode: status == 401 ? .invalidSignature : .paramIllegal, resultStatus: .failure,
                               resultMessage: publicReason)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
        let body = (try? AlipayPlusJSON.encode(NotificationAcknowledgement(result: result))) ?? Data()
        return InboundResponse(status: status, headers: headers, body: body)
    }

    /// `body` signed with the merchant's key over the same path, as Alipay+ requires.
    private func signedAnswer(_ body: Data?, path: String) -> InboundResponse {
        let body = body ?? Data()
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
        if let signed = try? client.signer.sign(path: path, body: body) {
            headers.add(name: "Client-Id", value: signed.clientId)
            headers.add(name: "Response-Time", value: signed.time)
            headers.add(name: "Signature", value: signed.headerValue)
        }
        return InboundResponse(status: 200, headers: headers, body: body)
    }
}

/// The inbound calls Alipay+ makes, by the last component of their path.
enum InboundCall: String {
    case notifyPayment, authNotify, consultUnbinding, notifyRegistrationStatus
}
