import AlipayPlusTransport
import Foundation
import XCTest

final class EndpointSecurityTests: XCTestCase {
    func testAllowedURLs() throws {
        for string in [
            "https://open-sea-global.alipayplus.com/aps/api/v1/payments/pay",
            "HTTPS://example.com/x",
            "http://127.0.0.1:8080/aps",
            "http://127.9.9.9/",
            "http://[::1]:9000/",
            "http://localhost/",
            "http://LOCALHOST:1234/a",
        ] {
            let url = try XCTUnwrap(URL(string: string))
            XCTAssertNoThrow(try EndpointSecurity.check(url), string)
        }
    }

    func testRejectedURLs() throws {
        for string in [
            "http://example.com/",
            "http://10.0.0.1/",
            "http://127.0.0.1.evil.com/",
            "http://128.0.0.1/",
            "http://localhost.evil.com/",
            "http://[::2]/",
            "ftp://127.0.0.1/",
            "file:///etc/passwd",
        ] {
            let url = try XCTUnwrap(URL(string: string))
            XCTAssertThrowsError(try EndpointSecurity.check(url), string) { error in
                let transportError = error as? TransportError
                XCTAssertEqual(transportError?.code, .insecureURL, string)
                XCTAssertEqual(transportError?.delivery, .notSent, string)
            }
        }
    }

    func testIsLoopback() {
        XCTAssertTrue(EndpointSecurity.isLoopback(host: "127.0.0.1"))
        XCTAssertTrue(EndpointSecurity.isLoopback(host: "127.255.255.254"))
        XCTAssertTrue(EndpointSecurity.isLoopback(host: "::1"))
        XCTAssertTrue(EndpointSecurity.isLoopback(host: "[::1]"))
        XCTAssertTrue(EndpointSecurity.isLoopback(host: "0:0:0:0:0:0:0:1"))
        XCTAssertTrue(EndpointSecurity.isLoopback(host: "::ffff:127.0.0.1"))
        XCTAssertTrue(EndpointSecurity.isLoopback(host: "localhost"))
        XCTAssertFalse(EndpointSecurity.isLoopback(host: "127.1"))
        XCTAssertFalse(EndpointSecurity.isLoopback(host: "0177.0.0.1"))
        XCTAssertFalse(EndpointSecurity.isLoopback(host: "127.0.0.1.evil.com"))
        XCTAssertFalse(EndpointSecurity.isLoopback(host: "::ffff:10.0.0.1"))
        XCTAssertFalse(EndpointSecurity.isLoopback(host: "0.0.0.0"))
        XCTAssertFalse(EndpointSecurity.isLoopback(host: ""))
    }

    func testTransportRejectsInsecureURLBeforeAnyIO() async throws {
        // Port 9 on a routable-looking host: if any I/O happened this would not be .insecureURL.
        let transport = URLSessionTransport()
        let request = HTTPRequest(url: try XCTUnwrap(URL(string: "http://10.0.0.1:9/aps")), body: Data("{}".utf8))
        do {
            _ = try await transport.send(request)
            XCTFail("expected insecureURL")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .insecureURL)
            XCTAssertEqual(error.delivery, .notSent)
            XCTAssertTrue(error.description.contains("https://"), error.description)
        }
    }
}
