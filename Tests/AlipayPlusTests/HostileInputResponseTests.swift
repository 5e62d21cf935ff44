import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// Hostile responses on the client's response path: each is a clear error (code and message), never
/// a believed answer, never a crash, and a charge resolution fed them changes nothing it should not.
final class HostileInputResponseTests: XCTestCase {
    static let path = InquiryPaymentRequest.path
    static let valid = Data(#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"paymentRequestId":"PAY-H","paymentResult":{"resultCode":"SUCCESS","resultStatus":"S"},"paymentId":"AP-1"}"#.utf8)

    struct Case {
        var name: String
        var code: AlipayPlusError.Code
        var response: (Date) throws -> HTTPResponse
    }

    static func signed(_ body: Data, path: String = path, clientId: String = TestKeys.merchantClientId,
                       key: RSAPrivateKey = TestKeys.alipayPlusPrivateKey, at time: Date,
                       contentType: String = "application/json; charset=UTF-8") throws -> HTTPResponse {
        let message = try MessageSigner(clientId: clientId, privateKey: key, now: { time }).sign(path: path, body: body)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Client-Id", value: message.clientId)
        headers.add(name: "Response-Time", value: message.time)
        headers.add(name: "Signature", value: message.headerValue)
        return HTTPResponse(status: 200, headers: headers, body: body)
    }

    static var cases: [Case] {
        var invalidUTF8 = Data(#"{"result":{"resultCode":"SUCC"#.utf8)
        invalidUTF8 += Data([0xFF, 0xFE])
        invalidUTF8 += Data(#"ESS","resultStatus":"S"}}"#.utf8)
        return [
            Case(name: "truncated, signed as sent", code: .decoding) { try signed(valid.prefix(40), at: $0) },
            Case(name: "truncated, signature of the whole", code: .signature) { time in
                var response = try signed(valid, at: time)
                response.body = valid.prefix(40)
                return response
            },
            Case(name: "oversized garbage (1 MiB + 1)", code: .decoding) {
                try signed(Data(repeating: UInt8(ascii: "x"), count: (1 << 20) + 1), at: $0)
            },
            Case(name: "invalid UTF-8", code: .decoding) { try signed(invalidUTF8, at: $0) },
            Case(name: "100,000 nested arrays", code: .decoding) {
                try signed(Data(repeating: UInt8(ascii: "["), count: 100_000), at: $0)
            },
            Case(name: "duplicate keys turning U into S", code: .decoding) {
                try signed(Data(#"{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultStatus":"S"}}"#.utf8), at: $0)
            },
            Case(name: "number where an object belongs", code: .decoding) {
                try signed(Data(#"{"result":7}"#.utf8), at: $0)
            },
            Case(name: "HTML with 200 and text/html", code: .signature) { _ in
                HTTPResponse(status: 200, headers: ["Content-Type": "text/html"], body: Data("<html>ok</html>".utf8))
            },
            Case(name: "HTTP 502 with HTML", code: .httpStatus) { _ in
                HTTPResponse(status: 502, headers: ["Content-Type": "text/html"], body: Data("<h1>502</h1>".utf8))
            },
            Case(name: "missing Signature", code: .signature) { time in
                var response = try signed(valid, at: time)
                response.headers.remove(name: "Signature")
                return response
            },
            Case(name: "signature for another path", code: .signature) {
                try signed(valid, path: PayRequest.path, at: $0)
            },
            Case(name: "signature for another client id, our Client-Id header", code: .signature) { time in
                var response = try signed(valid, clientId: "SANDBOX_SOMEONE_ELSE", at: time)
                response.headers["Client-Id"] = TestKeys.merchantClientId
                return response
            },
            Case(name: "signed with the merchant's key", code: .signature) {
                try signed(valid, key: TestKeys.merchantPrivateKey, at: $0)
            },
        ]
    }

    func testEveryHostileResponseIsAClearErrorAndChangesNothing() async throws {
        for hostile in Self.cases {
            let transport = CraftedTransport()
            let world = try await HostileWorld.make(transport: transport)
            await transport.set(try hostile.response(world.clock.now))
            do {
                let answer = try await world.coordinator.client.send(InquiryPaymentRequest(paymentRequestId: "PAY-H"))
                XCTFail("\(hostile.name): believed \(answer)")
            } catch let error as AlipayPlusError {
                XCTAssertEqual(error.code, hostile.code, "\(hostile.name): \(error)")
                XCTAssertFalse(error.message.isEmpty, hostile.name)
            }
            // A resolution fed only this answer must not settle the payment: it ends cancelling, and the
            // cancel gets the same hostile answer, so the payment stays unresolved, never succeeded.
            let before = try await world.store.payment(requestId: "PAY-H")
            _ = try? await world.coordinator.resolvePayment(paymentRequestId: "PAY-H")
            let after = try await world.store.payment(requestId: "PAY-H")
            XCTAssertEqual(before?.state, .pending, hostile.name)
            XCTAssertEqual(after?.state, .cancelRequested, hostile.name)
        }
    }
}

/// Answers every request with one crafted response.
actor CraftedTransport: HTTPTransport {
    private var response = HTTPResponse(status: 500)

    func set(_ response: HTTPResponse) { self.response = response }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse { response }
}
