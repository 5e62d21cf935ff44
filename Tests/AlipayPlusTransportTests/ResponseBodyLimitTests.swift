@testable import AlipayPlusTransport
import AlipayPlusTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// A response body larger than the transport accepts is refused with a typed error, not buffered.
final class ResponseBodyLimitTests: XCTestCase {
    override func tearDown() {
        StubURLProtocol.registry.reset(.hang)
        super.tearDown()
    }

    func testTheDefaultResponseBodyLimitIsFourMiB() {
        XCTAssertEqual(URLSessionTransport.Configuration().maximumResponseBodySize, 4 << 20)
    }

    /// A body with no Content-Length is cut off while it streams in.
    func testAStreamedBodyPastTheLimitIsRefused() async throws {
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.protocolClasses = [StubURLProtocol.self]
        let transport = URLSessionTransport(configuration: .init(maximumResponseBodySize: 1024),
                                            sessionConfiguration: sessionConfiguration)
        let url = URL(string: "https://open-sea-global.alipayplus.com/aps/api/v1/payments/pay")!
        StubURLProtocol.registry.reset(.respond(status: 200, headers: [:], body: Data(repeating: 0x41, count: 1025)))
        do {
            _ = try await transport.send(HTTPRequest(method: "POST", url: url, body: Data("{}".utf8)))
            XCTFail("expected responseTooLarge")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .responseTooLarge)
            XCTAssertEqual(error.delivery, .possiblySent)
        }
        StubURLProtocol.registry.reset(.respond(status: 200, headers: [:], body: Data(repeating: 0x41, count: 1024)))
        let exact = try await transport.send(HTTPRequest(method: "POST", url: url, body: Data("{}".utf8)))
        XCTAssertEqual(exact.body.count, 1024, "a body of exactly the limit is accepted")
    }
}
