@testable import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// What the client believes: answers about this request only, made while it was in flight, and
/// failures that keep their typed cause.
final class ClientAnswerTrustTests: XCTestCase {
    private let clockStart = "2026-11-29T05:25:09Z"   // VirtualClock()'s start

    private func answering(
        _ side: ClientAlipaySide = ClientAlipaySide(responseTime: "2026-11-29T13:25:09+08:00"),
        path: String, json: String, skew: Duration? = .seconds(300), events: ClientEventCollector? = nil
    ) -> (AlipayPlusClient, ClientMockTransport) {
        let transport = ClientMockTransport { _, _ in side.response(path: path, json: json) }
        let configuration = ClientTestSupport.configuration(retryPolicy: .none, responseTimeSkew: skew, events: events)
        return (AlipayPlusClient(configuration: configuration, transport: transport), transport)
    }

    private func error<O: AlipayPlusOperation>(
        sending operation: O, through client: AlipayPlusClient, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> AlipayPlusError {
        do {
            let response = try await client.send(operation)
            XCTFail("expected an error, got \(response.result)", file: file, line: line)
            throw XCTSkip("unreachable")
        } catch let error as AlipayPlusError {
            return error
        }
    }

    private static let inquirySuccess = #"{"paymentRequestId":"PAY-1","paymentId":"AP-1","paymentAmount":{"currency":"HKD","value":"599"},"paymentResult":{"resultCode":"SUCCESS","resultStatus":"S"},"result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#

    // MARK: Response-Time freshness (item 3, item 12)

    func testTheResponseTimeWindowRuleTable() throws {
        let sent = try XCTUnwrap(AlipayPlusTimestamp.date(from: clockStart))
        let received = sent.addingTimeInterval(8)
        let cases: [(String, ResponseFreshness)] = [
            ("2026-11-29T05:25:09Z", .fresh),
            ("2026-11-29T13:25:17+08:00", .fresh),            // the same instant as received, another offset
            ("2026-11-29T05:20:09Z", .fresh),                 // exactly the skew before sending
            ("2026-11-29T05:20:08Z", .beforeRequest),         // one second more
            ("2026-11-29T05:30:17Z", .fresh),                 // exactly the skew after receiving
            ("2026-11-29T05:30:18Z", .inTheFuture),
            ("2025-11-29T05:25:09Z", .beforeRequest),         // a year old
            ("yesterday", .unreadable),
            ("", .unreadable),
        ]
        for (time, expected) in cases {
            XCTAssertEqual(ResponseFreshness.check(responseTime: time, sentAt: sent, receivedAt: received,
                                                   skew: .seconds(300)), expected, time)
        }
    }

    func testAnAnswerSignedBeforeItsRequestWasSentIsRefusedAsStale() async throws {
        let events = ClientEventCollector()
        let yearOld = ClientAlipaySide(responseTime: "2025-11-29T13:25:09+08:00")
        let (client, transport) = answering(yearOld, path: InquiryPaymentRequest.path, json: Self.inquirySuccess,
                                            events: events)
        let error = try await error(sending: InquiryPaymentRequest(paymentRequestId: "PAY-1"), through: client)
        XCTAssertEqual(error.code, .staleResponse)
        XCTAssertTrue(error.requestMayHaveBeenProcessed, "an unbelievable answer leaves the outcome unknown")
        XCTAssertTrue(error.message.contains("2025-11-29T13:25:09+08:00"), error.message)
        XCTAssertEqual(transport.requests.count, 1)
        XCTAssertEqual(events.events.filter { $0.kind == .answerMismatch }.count, 1)
    }

    func testAnAnswerFromBeyondTheSkewInTheFutureIsRefused() async throws {
        let ahead = ClientAlipaySide(responseTime: "2026-11-29T14:25:09+08:00")
        let (client, _) = answering(ahead, path: InquiryPaymentRequest.path, json: Self.inquirySuccess)
        let error = try await error(sending: InquiryPaymentRequest(paymentRequestId: "PAY-1"), through: client)
        XCTAssertEqual(error.code, .staleResponse)
    }

    func testAnAnswerWithinTheSkewIsBelievedAndTheCheckCanBeTurnedOff() async throws {
        let skewed = ClientAlipaySide(responseTime: "2026-11-29T13:22:09+08:00")   // 3 minutes behind
        let (client, _) = answering(skewed, path: InquiryPaymentRequest.path, json: Self.inquirySuccess)
        let response = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))
        XCTAssertEqual(response.paymentResult?.resultStatus, .success)
        let yearOld = ClientAlipaySide(responseTime: "2025-11-29T13:25:09+08:00")
        let (unchecked, _) = answering(yearOld, path: InquiryPaymentRequest.path, json: Self.inquirySuccess, skew: nil)
        let old = try await unchecked.send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))
        XCTAssertEqual(old.paymentResult?.resultStatus, .success)
    }

    func testTheDefaultResponseTimeSkewIsFiveMinutes() throws {
        let configuration = try AlipayPlusClient.Configuration(
            clientId: "C", privateKey: ClientTestKeys.merchant,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(ClientTestKeys.alipay.publicKey),
            environment: .custom(ClientTestSupport.sandboxURL))
        XCTAssertEqual(configuration.responseTimeSkew, .seconds(300))
    }

    func testACancelAnswerRecordedBeforeThisCancelIsRefused() async throws {
        // cancelPayment's answer names no payment: only its time binds it to this request.
        let old = ClientAlipaySide(responseTime: "2026-11-29T12:00:00+08:00")
        let (client, _) = answering(old, path: CancelPaymentRequest.path,
                                    json: #"{"pspId":"PSP","result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#)
        let error = try await error(sending: CancelPaymentRequest(paymentRequestId: "PAY-1"), through: client)
        XCTAssertEqual(error.code, .staleResponse)
        XCTAssertTrue(error.requestMayHaveBeenProcessed)
    }

    func testACancelAnswerThatNamesAnotherPaymentIsRefused() async throws {
        let (client, _) = answering(path: CancelPaymentRequest.path,
                                    json: #"{"paymentRequestId":"PAY-OTHER","result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#)
        let error = try await error(sending: CancelPaymentRequest(paymentRequestId: "PAY-1"), through: client)
        XCTAssertEqual(error.code, .answerMismatch)
    }

    // MARK: Answers about another payment (item 3)

    func testTheAnswerEchoRuleTable() {
        let hkd599 = Amount(currency: "HKD", minorUnits: 599)
        let asked = AnswerEcho(paymentRequestId: "PAY-1", refundRequestId: "REF-1", paymentAmount: hkd599,
                               refundAmount: Amount(currency: "HKD", minorUnits: 100))
        let cases: [(AnswerEcho, [String])] = [
            (AnswerEcho(), []),                                                         // names nothing
            (AnswerEcho(paymentRequestId: "PAY-1", paymentAmount: hkd599), []),
            (AnswerEcho(paymentRequestId: "PAY-2"), ["paymentRequestId"]),
            (AnswerEcho(paymentId: "AP-9"), []),                                        // not asked
            (AnswerEcho(refundRequestId: "REF-2"), ["refundRequestId"]),
            (AnswerEcho(paymentAmount: Amount(currency: "HKD", minorUnits: 1)), ["paymentAmount.value"]),
            (AnswerEcho(paymentAmount: Amount(currency: "USD", minorUnits: 599)), ["paymentAmount.currency"]),
            (AnswerEcho(refundAmount: Amount(currency: "PHP", minorUnits: 5)), ["refundAmount.currency", "refundAmount.value"]),
        ]
        for (answered, fields) in cases {
            XCTAssertEqual(asked.mismatches(in: answered).map(\.field), fields, "\(answered)")
        }
        XCTAssertEqual(AnswerEcho(paymentRequestId: "PAY-1").mismatches(in: AnswerEcho(paymentRequestId: "PAY-1")), [])
    }

    func testEachOperationNamesWhatItsAnswerMustRepeat() {
        let amount = Amount(currency: "HKD", minorUnits: 599)
        XCTAssertEqual(ClientTestSupport.payRequest(id: "PAY-9").expectedEcho.paymentRequestId, "PAY-9")
        XCTAssertEqual(ClientTestSupport.payRequest().expectedEcho.paymentAmount, Amount(currency: "USD", minorUnits: 1999))
        XCTAssertEqual(InquiryPaymentRequest(paymentId: "AP-1").expectedEcho, AnswerEcho(paymentId: "AP-1"))
        XCTAssertEqual(CancelPaymentRequest(paymentRequestId: "PAY-1").expectedEcho, AnswerEcho(paymentRequestId: "PAY-1"))
        XCTAssertEqual(RefundRequest(paymentRequestId: "PAY-1", refundRequestId: "REF-1", refundAmount: amount).expectedEcho,
                       AnswerEcho(paymentRequestId: "PAY-1", refundRequestId: "REF-1", refundAmount: amount))
    }

    func testAnInquiryAnswerAboutAnotherPaymentIsNotBelieved() async throws {
        let events = ClientEventCollector()
        let (client, transport) = answering(path: InquiryPaymentRequest.path, json: Self.inquirySuccess, events: events)
        let error = try await error(sending: InquiryPaymentRequest(paymentRequestId: "PAY-2"), through: client)
        XCTAssertEqual(error.code, .answerMismatch)
        XCTAssertTrue(error.requestMayHaveBeenProcessed)
        XCTAssertTrue(error.message.contains("paymentRequestId: asked PAY-2, answered PAY-1"), error.message)
        XCTAssertEqual(transport.requests.count, 1)
        let mismatch = events.events.first { $0.kind == .answerMismatch }
        XCTAssertEqual(mismatch?.paymentRequestId, "PAY-2")
    }

    func testARefundAnswerNamingAnotherRefundIsNotBelieved() async throws {
        // refundRequestId is not in the typed RefundResponse; the rule reads it from the verified body.
        let (client, _) = answering(path: RefundRequest.path,
                                    json: #"{"refundRequestId":"REF-OTHER","refundId":"R-1","result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#)
        let refund = RefundRequest(paymentRequestId: "PAY-1", refundRequestId: "REF-1",
                                   refundAmount: Amount(currency: "HKD", minorUnits: 100))
        let error = try await error(sending: refund, through: client)
        XCTAssertEqual(error.code, .answerMismatch)
        XCTAssertTrue(error.message.contains("refundRequestId"), error.message)
    }

    // MARK: Any HTTP status means the request left (item 6)

    func testEveryNon200StatusCountsAsPossiblyProcessed() async throws {
        for status in [301, 302, 400, 403, 404, 407, 409, 429, 451, 500, 502, 503] {
            let transport = ClientMockTransport { _, _ in HTTPResponse(status: status, body: Data("<html/>".utf8)) }
            let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(retryPolicy: .none),
                                          transport: transport)
            let error = try await error(sending: ClientTestSupport.payRequest(), through: client)
            XCTAssertEqual(error.code, .httpStatus, "\(status)")
            XCTAssertTrue(error.requestMayHaveBeenProcessed, "HTTP \(status) came after the pay left")
            XCTAssertEqual(transport.requests.count, 1, "\(status): a pay is sent once")
        }
    }

    // MARK: Typed causes and unrecoverable transport errors (item 15)

    private struct MisconfiguredTestTransport: UnrecoverableTransportError, Equatable {
        let marker: UUID
    }

    func testAnUnrecoverableTransportErrorIsRethrownAtOnceAndUnchanged() async throws {
        let marker = UUID()
        let transport = ClientMockTransport { _, _ in throw MisconfiguredTestTransport(marker: marker) }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(), transport: transport)
        do {
            _ = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))
            XCTFail("expected the transport's error")
        } catch let error as MisconfiguredTestTransport {
            XCTAssertEqual(error.marker, marker)
        }
        XCTAssertEqual(transport.requests.count, 1, "an idempotent inquiry is not retried either")
    }

    func testEveryWrappedFailureCarriesItsTypedCause() async throws {
        let timedOut = ClientMockTransport { _, _ in throw TransportError.timedOut(underlying: "scripted") }
        let client = AlipayPlusClient(configuration: ClientTestSupport.configuration(retryPolicy: .none), transport: timedOut)
        let transportFailure = try await error(sending: InquiryPaymentRequest(paymentRequestId: "PAY-1"), through: client)
        XCTAssertEqual((transportFailure.underlyingError as? TransportError)?.code, .timedOut)

        let secret = "TOKEN-IN-THE-WRONG-PLACE"
        let (decodingClient, _) = answering(path: InquiryPaymentRequest.path,
                                            json: #"{"paymentTime":"\#(secret)","result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#)
        let decoding = try await error(sending: InquiryPaymentRequest(paymentRequestId: "PAY-1"), through: decodingClient)
        XCTAssertEqual(decoding.code, .decoding)
        let cause = try XCTUnwrap(decoding.underlyingError as? CodingFailure)
        XCTAssertEqual(cause.kind, .dataCorrupted)
        XCTAssertEqual(cause.path, "paymentTime")
        XCTAssertFalse("\(cause)".contains(secret), "the typed cause quotes no value")

        let stranger = ClientMockTransport { _, _ in struct Odd: Error {}; throw Odd() }
        let oddClient = AlipayPlusClient(configuration: ClientTestSupport.configuration(retryPolicy: .none), transport: stranger)
        let odd = try await error(sending: InquiryPaymentRequest(paymentRequestId: "PAY-1"), through: oddClient)
        XCTAssertNotNil(odd.underlyingError, "a transport's own error type is kept as the cause")
        XCTAssertFalse(odd.underlyingError is TransportError)
    }

    func testTheMerchantsOwnPublicKeyIsRefusedAsAlipayPlusKey() throws {
        let own = ClientTestKeys.merchant.publicKey
        let configurations: [AlipayPlusPublicKeys] = [
            AlipayPlusPublicKeys(own),
            AlipayPlusPublicKeys(keysByVersion: ["1": ClientTestKeys.alipay.publicKey, "2": own]),
            AlipayPlusPublicKeys(keysByVersion: ["1": ClientTestKeys.alipay.publicKey], fallback: own),
        ]
        for keys in configurations {
            XCTAssertThrowsError(try AlipayPlusClient.Configuration(
                clientId: "C", privateKey: ClientTestKeys.merchant, alipayPlusPublicKeys: keys,
                environment: .custom(ClientTestSupport.sandboxURL))) { error in
                let configurationError = error as? AlipayPlusError
                XCTAssertEqual(configurationError?.code, .configuration)
                XCTAssertTrue(configurationError?.message.contains("merchant's own public key") ?? false, "\(error)")
                XCTAssertTrue(configurationError?.message.contains("Developer Center") ?? false, "says the fix")
                XCTAssertEqual(configurationError?.requestMayHaveBeenProcessed, false)
            }
        }
        XCTAssertNoThrow(try AlipayPlusClient.Configuration(
            clientId: "C", privateKey: ClientTestKeys.merchant,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(ClientTestKeys.alipay.publicKey),
            environment: .custom(ClientTestSupport.sandboxURL)))
    }

    // MARK: Redaction reads only what it shows (item 8)

    func testAnExcerptOfAHugeBodyReadsOnlyTheShownPrefix() throws {
        var body = Data(#"{"note":"x","accessToken":""#.utf8)
        body.append(Data(repeating: UInt8(ascii: "A"), count: 32 << 20))
        body.append(Data(#""}"#.utf8))
        body.append(Data([0xFF, 0xFE, 0xC0]))   // invalid UTF-8, far past the prefix
        let excerpt = try XCTUnwrap(Redaction.excerpt(of: body))
        XCTAssertTrue(excerpt.hasPrefix(#"{"note":"x","accessToken":"<redacted>"#), excerpt)
        XCTAssertTrue(excerpt.hasSuffix("…"), "the rest of the body is cut, not read")
        XCTAssertFalse(excerpt.contains("\u{FFFD}"), "bytes after the prefix were never decoded")
        XCTAssertFalse(excerpt.contains("A"), "the secret's start inside the prefix is redacted too")
        XCTAssertLessThanOrEqual(excerpt.count, 513)
    }

    func testAShortBodyExcerptIsWholeAndRedacted() {
        let body = Data(#"{"accessToken":"AT-SECRET","result":{"resultStatus":"F"}}"#.utf8)
        XCTAssertEqual(Redaction.excerpt(of: body), #"{"accessToken":"<redacted>","result":{"resultStatus":"F"}}"#)
        XCTAssertNil(Redaction.excerpt(of: Data()))
    }
}
