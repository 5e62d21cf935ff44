import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// Hostile inputs at the inbound handler: each is refused with a clear status and message, changes
/// nothing in the store, and does not crash.
final class HostileInputInboundTests: XCTestCase {
    static let path = "/alipayplus/notifyPayment"

    struct Case {
        var name: String
        var status: Int
        var message: String
        var request: (HostileWorld) throws -> InboundRequest
    }

    static func notification(_ id: String = "PAY-H") -> Data {
        Data(#"{"acquirerId":"ACQ","paymentAmount":{"currency":"HKD","value":"599"},"paymentId":"AP-1","paymentRequestId":"\#(id)","paymentResult":{"resultCode":"SUCCESS","resultStatus":"S"}}"#.utf8)
    }

    static var cases: [Case] {
        let valid = notification()
        let deepArrays = Data(repeating: UInt8(ascii: "["), count: 100_000)
        let deepObjects = Data(String(repeating: #"{"a":"#, count: 100_000).utf8)
        var invalidUTF8 = Data(#"{"paymentRequestId":"PAY-"#.utf8)
        invalidUTF8 += Data([0xFF, 0xC0, 0x80])
        invalidUTF8 += Data(#"","paymentResult":{"resultCode":"SUCCESS","resultStatus":"S"},"paymentAmount":{"currency":"HKD","value":"599"}}"#.utf8)
        let duplicateKeys = Data(#"{"paymentRequestId":"PAY-OTHER","paymentRequestId":"PAY-H","paymentResult":{"resultCode":"SUCCESS","resultStatus":"S"},"paymentAmount":{"currency":"HKD","value":"599"}}"#.utf8)
        let numberForObject = Data(#"{"paymentRequestId":"PAY-H","paymentResult":5,"paymentAmount":{"currency":"HKD","value":"599"}}"#.utf8)
        let nullForString = Data(#"{"paymentRequestId":null,"paymentResult":{"resultCode":"SUCCESS","resultStatus":"S"}}"#.utf8)
        return [
            Case(name: "truncated body, signed as sent", status: 400, message: "not a valid notifyPayment") {
                try $0.signed(body: valid.prefix(valid.count / 2))
            },
            Case(name: "truncated body, signature of the whole", status: 401, message: "") { world in
                var request = try world.signed(body: valid)
                request.body = valid.prefix(valid.count / 2)
                return request
            },
            Case(name: "oversized body (1 MiB + 1)", status: 413, message: "exceeds the limit") {
                try $0.signed(body: Data(repeating: 0x20, count: (1 << 20) + 1))
            },
            Case(name: "oversized body, unsigned", status: 413, message: "exceeds the limit") { _ in
                InboundRequest(path: path, headers: [:], body: Data(repeating: UInt8(ascii: "["), count: 2 << 20))
            },
            Case(name: "invalid UTF-8 in a string", status: 400, message: "UTF-8") { try $0.signed(body: invalidUTF8) },
            Case(name: "invalid UTF-8 bytes only", status: 400, message: "not a valid notifyPayment") {
                try $0.signed(body: Data([0xFF, 0xFE, 0xFD]))
            },
            Case(name: "100,000 nested arrays", status: 400, message: "nesting deeper") { try $0.signed(body: deepArrays) },
            Case(name: "100,000 nested objects", status: 400, message: "nesting deeper") { try $0.signed(body: deepObjects) },
            Case(name: "duplicate keys", status: 400, message: "duplicate key") { try $0.signed(body: duplicateKeys) },
            Case(name: "number where an object belongs", status: 400, message: "not a valid notifyPayment") {
                try $0.signed(body: numberForObject)
            },
            Case(name: "null where a string belongs", status: 400, message: "not a valid notifyPayment") {
                try $0.signed(body: nullForString)
            },
            Case(name: "empty body", status: 400, message: "not a valid notifyPayment") { try $0.signed(body: Data()) },
            Case(name: "top-level array", status: 400, message: "not a valid notifyPayment") { try $0.signed(body: Data("[]".utf8)) },
            Case(name: "wrong Content-Type", status: 415, message: "Content-Type") { world in
                var request = try world.signed(body: valid)
                request.headers["Content-Type"] = "text/plain"
                return request
            },
            Case(name: "missing Signature header", status: 401, message: "exactly one Signature header") { world in
                var request = try world.signed(body: valid)
                request.headers.remove(name: "Signature")
                return request
            },
            Case(name: "duplicated Signature header", status: 401, message: "exactly one Signature header") { world in
                var request = try world.signed(body: valid)
                request.headers.add(name: "Signature", value: request.headers["Signature"]!)
                return request
            },
            Case(name: "missing Client-Id header", status: 401, message: "exactly one Client-Id header") { world in
                var request = try world.signed(body: valid)
                request.headers.remove(name: "Client-Id")
                return request
            },
            Case(name: "duplicated Request-Time header", status: 401, message: "exactly one Request-Time header") { world in
                var request = try world.signed(body: valid)
                request.headers.add(name: "Request-Time", value: request.headers["Request-Time"]!)
                return request
            },
            Case(name: "signature for another path", status: 401, message: "") { world in
                var request = try world.signed(body: valid, path: "/alipayplus/authNotify")
                request.path = path
                return request
            },
            Case(name: "signed for another client id", status: 401, message: "is not this merchant's client id") {
                try $0.signed(body: valid, clientId: "SANDBOX_SOMEONE_ELSE")
            },
            Case(name: "signed for another client id, our Client-Id header", status: 401, message: "") { world in
                var request = try world.signed(body: valid, clientId: "SANDBOX_SOMEONE_ELSE")
                request.headers["Client-Id"] = TestKeys.merchantClientId
                return request
            },
            Case(name: "signed with the merchant's own key", status: 401, message: "") {
                try $0.signed(body: valid, key: TestKeys.merchantPrivateKey)
            },
            Case(name: "replayed an hour later", status: 401, message: "outside the accepted window") {
                try $0.signed(body: valid, at: $0.clock.now.addingTimeInterval(-3600))
            },
            Case(name: "from an hour in the future", status: 401, message: "outside the accepted window") {
                try $0.signed(body: valid, at: $0.clock.now.addingTimeInterval(3600))
            },
            Case(name: "GET", status: 405, message: "only POST") { world in
                var request = try world.signed(body: valid)
                request.method = "GET"
                return request
            },
            Case(name: "unknown endpoint", status: 404, message: "not an Alipay+ inbound call") {
                try $0.signed(body: valid, path: "/alipayplus/notifyEverything")
            },
        ]
    }

    func testEveryHostileInboundCallIsRefusedAndChangesNothing() async throws {
        for hostile in Self.cases {
            let world = try await HostileWorld.make()
            let before = try await world.snapshot()
            let answer = await world.coordinator.handleInbound(try hostile.request(world))
            let after = try await world.snapshot()
            XCTAssertEqual(answer.status, hostile.status, hostile.name)
            let message = (try? AlipayPlusJSON.decode(NotificationAcknowledgement.self, from: answer.body))?.result
            XCTAssertEqual(message?.resultStatus, .failure, hostile.name)
            // An unauthenticated caller only learns that authentication failed; the detail goes to events.
            let expected = hostile.status == 401 ? "could not be authenticated" : hostile.message
            if !expected.isEmpty {
                XCTAssertTrue(message?.resultMessage?.contains(expected) ?? false,
                              "\(hostile.name): \(message?.resultMessage ?? "no message")")
            }
            XCTAssertEqual(before, after, "\(hostile.name) changed the store")
        }
    }

    func testTheSameNotificationWellFormedIsAppliedSoTheRefusalsAreMeaningful() async throws {
        let world = try await HostileWorld.make()
        let answer = await world.coordinator.handleInbound(try world.signed(body: Self.notification()))
        XCTAssertEqual(answer.status, 200)
        let state = try await world.store.payment(requestId: "PAY-H")?.state
        XCTAssertEqual(state, .succeeded)
    }

    /// The wire decoder is a tolerant reader: a number where a string belongs is read as its decimal
    /// text (the signature still covers the exact bytes), so `"value":599` means `"value":"599"`.
    func testANumberWhereAStringBelongsIsReadAsItsText() async throws {
        let world = try await HostileWorld.make()
        let body = Data(#"{"paymentRequestId":"PAY-H","paymentResult":{"resultCode":"SUCCESS","resultStatus":"S"},"paymentAmount":{"currency":"HKD","value":599}}"#.utf8)
        let answer = await world.coordinator.handleInbound(try world.signed(body: body))
        XCTAssertEqual(answer.status, 200)
        let state = try await world.store.payment(requestId: "PAY-H")?.state
        XCTAssertEqual(state, .succeeded)
    }

    func testAConfiguredSmallerBodyCapIsEnforced() async throws {
        let world = try await HostileWorld.make { $0.inbound.bodyLimit = 64 }
        let answer = await world.coordinator.handleInbound(try world.signed(body: Self.notification()))
        XCTAssertEqual(answer.status, 413)
        let state = try await world.store.payment(requestId: "PAY-H")?.state
        XCTAssertEqual(state, .pending)
    }
}

/// A coordinator with one binding and one pending payment PAY-H (599 HKD cents), trusting the public
/// test Alipay+ key, with a 300 s inbound time window; its transport refuses every call.
struct HostileWorld {
    let clock: VirtualClock
    let store: LocalAutoDebitStore
    let coordinator: AutoDebitCoordinator

    static func make(configure: (inout AutoDebitCoordinator.Configuration) -> Void = { _ in }) async throws -> HostileWorld {
        try await make(transport: RefusingTransport(), configure: configure)
    }

    static func make(
        transport: any HTTPTransport, configure: (inout AutoDebitCoordinator.Configuration) -> Void = { _ in }
    ) async throws -> HostileWorld {
        let clock = VirtualClock()
        let client = AlipayPlusClient(configuration: try AlipayPlusClient.Configuration(
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(TestKeys.alipayPlusPublicKey),
            environment: .custom(AlipayPlusSimulator.baseURL), retryPolicy: .none, clock: clock), transport: transport)
        var configuration = AutoDebitCoordinator.Configuration(
            authClientId: "M0001", authClientName: "Demo Ltd",
            authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
            merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd", merchantAddress: Address(region: "HK")),
            settlementCurrency: "HKD",
            inbound: .init(timeWindow: .seconds(300)))
        configure(&configuration)
        let store = LocalAutoDebitStore()
        let now = clock.now
        try await store.insert(BindingRecord(
            bindingId: "BND-H", merchantUserId: "user-h", accessToken: Secret("AT-H"),
            accessTokenExpiryTime: now.addingTimeInterval(86_400), refreshToken: Secret("RT-H"),
            refreshTokenExpiryTime: now.addingTimeInterval(864_000), wallet: nil, createdAt: now, updatedAt: now))
        try await store.insert(PaymentRecord(
            paymentRequestId: "PAY-H", merchantUserId: "user-h", bindingId: "BND-H",
            amount: Amount(currency: "HKD", minorUnits: 599), referenceOrderId: "ORDER-H", state: .pending, createdAt: now))
        return HostileWorld(clock: clock, store: store,
                            coordinator: try AutoDebitCoordinator(client: client, store: store, configuration: configuration))
    }

    /// `body` posted to `path` and signed as Alipay+ would (or with another key, client id, time).
    func signed(
        body: Data, path: String = HostileInputInboundTests.path, clientId: String = TestKeys.merchantClientId,
        key: RSAPrivateKey = TestKeys.alipayPlusPrivateKey, at time: Date? = nil
    ) throws -> InboundRequest {
        let when = time ?? clock.now
        let message = try MessageSigner(clientId: clientId, privateKey: key, now: { when }).sign(path: path, body: body)
        return InboundRequest(path: path, headers: HTTPHeaders(signed: message), body: body)
    }

    /// Everything the store holds that a notification could change.
    func snapshot() async throws -> [String] {
        let stored = await store.snapshot()
        let payments = stored.payments.map { "\($0)" }
        let refunds = stored.refunds.map { "\($0)" }
        let bindings = try await store.bindings(merchantUserId: "user-h").map { "\($0)" }
        return payments + refunds + bindings
    }
}

/// A transport that refuses every call before sending it.
struct RefusingTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw TransportError.connectionFailed(url: request.url, underlying: "hostile-input tests make no calls")
    }
}
