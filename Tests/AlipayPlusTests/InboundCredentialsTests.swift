import AlipayPlusTransport
import XCTest
@testable import AlipayPlus

/// The headers an inbound call is authenticated by: each exactly once, any case, and a refusal
/// naming the first one absent or repeated.
final class InboundCredentialsTests: XCTestCase {
    func testEachCredentialHeaderIsRequiredExactlyOnceInAnyCase() {
        let complete: [(String, String)] = [("Client-Id", "C"), ("Request-Time", "T"), ("Signature", "S")]
        let table: [(name: String, headers: [(String, String)], read: Result<InboundCredentials, InboundCredentials.Refusal>)] = [
            ("all three", complete + [("Content-Type", "application/json")],
             .success(InboundCredentials(clientId: "C", time: "T", signature: "S"))),
            ("any case, any order", [("signature", "S"), ("CLIENT-ID", "C"), ("request-time", "T")],
             .success(InboundCredentials(clientId: "C", time: "T", signature: "S"))),
            ("no headers", [], .failure(.init(reason: "exactly one Client-Id header is required"))),
            ("Signature absent", Array(complete.prefix(2)), .failure(.init(reason: "exactly one Signature header is required"))),
            ("Request-Time repeated", complete + [("request-time", "T2")],
             .failure(.init(reason: "exactly one Request-Time header is required"))),
            ("Client-Id repeated and Signature absent", [("Client-Id", "C"), ("Client-Id", "C"), ("Request-Time", "T")],
             .failure(.init(reason: "exactly one Client-Id header is required"))),
        ]
        for row in table {
            XCTAssertEqual(InboundCredentials.read(HTTPHeaders(row.headers.map { (name: $0.0, value: $0.1) })), row.read, row.name)
        }
    }
}
