import AlipayPlusTransport
import Foundation
import XCTest

/// Real requests over 127.0.0.1 against a python3 http.server child process.
final class URLSessionTransportLoopbackTests: XCTestCase {
    private var server: LoopbackServer?

    override func setUpWithError() throws {
        try super.setUpWithError()
        server = try LoopbackServer()
    }

    override func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private struct Echo: Decodable {
        let method: String
        let path: String
        let headers: [[String]]
        let body: String
        let clientPort: Int

        func values(_ name: String) -> [String] {
            headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
        }
    }

    func testSendsAndReceivesRealRequests() async throws {
        let server = try XCTUnwrap(server)
        let transport = URLSessionTransport()
        let body = Data((#"{"paymentRequestId":"p-1","note":""# + String(repeating: "x", count: 4000) + #""}"#).utf8)
        let request = HTTPRequest(
            method: "POST",
            url: server.url("/aps/api/v1/payments/pay"),
            headers: [
                "Content-Type": "application/json; charset=UTF-8",
                "Client-Id": "SANDBOX_5YC47N2ZQHJ004124",
                "Request-Time": "2026-11-29T13:05:09+08:00",
                "Signature": "algorithm=RSA256, keyVersion=1, signature=a%2Bb%2F%3D",
            ],
            body: body,
            timeout: .seconds(10)
        )
        let response = try await transport.send(request)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["content-type"], "application/json")
        XCTAssertEqual(response.headers["response-time"], "2026-11-29T13:05:10+08:00")
        let echo = try JSONDecoder().decode(Echo.self, from: response.body)
        XCTAssertEqual(echo.method, "POST")
        XCTAssertEqual(echo.path, "/aps/api/v1/payments/pay")
        XCTAssertEqual(Data(base64Encoded: echo.body), body)
        XCTAssertEqual(echo.values("Client-Id"), ["SANDBOX_5YC47N2ZQHJ004124"])
        XCTAssertEqual(echo.values("Request-Time"), ["2026-11-29T13:05:09+08:00"])
        XCTAssertEqual(echo.values("Signature"), ["algorithm=RSA256, keyVersion=1, signature=a%2Bb%2F%3D"])
        XCTAssertEqual(echo.values("Content-Type"), ["application/json; charset=UTF-8"])
        XCTAssertEqual(echo.values("User-Agent"), ["alipayplus-swift/\(AlipayPlusTransportVersion.current) (Swift; Linux)"])
        XCTAssertEqual(echo.values("Content-Length"), ["\(body.count)"])
    }

    func testReusesTheConnection() async throws {
        let server = try XCTUnwrap(server)
        let transport = URLSessionTransport()
        var ports: [Int] = []
        for _ in 0..<3 {
            let response = try await transport.send(HTTPRequest(url: server.url("/echo"), body: Data("{}".utf8)))
            ports.append(try JSONDecoder().decode(Echo.self, from: response.body).clientPort)
        }
        XCTAssertEqual(Set(ports).count, 1, "expected one kept-alive connection, saw client ports \(ports)")
    }

    func testBadGatewayHTMLComesBackAsAResponse() async throws {
        let server = try XCTUnwrap(server)
        let response = try await URLSessionTransport().send(HTTPRequest(url: server.url("/bad-gateway"), body: Data("{}".utf8)))
        XCTAssertEqual(response.status, 502)
        XCTAssertEqual(response.headers["Content-Type"], "text/html")
        XCTAssertTrue(String(decoding: response.body, as: UTF8.self).contains("502 Bad Gateway"))
    }

    func testRedirectIsNotFollowed() async throws {
        let server = try XCTUnwrap(server)
        let response = try await URLSessionTransport().send(HTTPRequest(url: server.url("/redirect"), body: Data("{}".utf8)))
        XCTAssertEqual(response.status, 302)
        XCTAssertEqual(response.headers["location"], "/echo")
    }

    func testConnectionRefusedIsConnectionFailedNotSent() async throws {
        let server = try XCTUnwrap(server)
        let url = URL(string: "http://127.0.0.1:\(server.closedPort)/aps/api/v1/payments/pay")!
        do {
            _ = try await URLSessionTransport().send(HTTPRequest(url: url, body: Data("{}".utf8), timeout: .seconds(10)))
            XCTFail("expected connection refused")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .connectionFailed, error.description)
            XCTAssertEqual(error.delivery, .notSent)
        }
    }

    func testServerClosingWithoutAnswerIsPossiblySent() async throws {
        let server = try XCTUnwrap(server)
        do {
            _ = try await URLSessionTransport().send(HTTPRequest(url: server.url("/drop"), body: Data("{}".utf8), timeout: .seconds(10)))
            XCTFail("expected a failure")
        } catch let error as TransportError {
            print("server closed without answering -> \(error.code), URLError \(error.urlErrorCode.map(String.init) ?? "none")")
            XCTAssertEqual(error.delivery, .possiblySent, error.description)
            XCTAssertTrue([.connectionLost, .invalidResponse].contains(error.code), error.description)
        }
    }

    func testSlowServerTimesOut() async throws {
        let server = try XCTUnwrap(server)
        do {
            _ = try await URLSessionTransport().send(HTTPRequest(url: server.url("/slow?seconds=5"), body: Data("{}".utf8), timeout: .milliseconds(500)))
            XCTFail("expected a timeout")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .timedOut, error.description)
            XCTAssertEqual(error.delivery, .possiblySent)
        }
    }

    func testSubSecondTimeoutDoesNotFireEarly() async throws {
        // swift-corelibs-foundation truncates URLRequest.timeoutInterval to whole seconds (0.9 s would
        // time out at once); the transport must still complete a fast request within 900 ms.
        let server = try XCTUnwrap(server)
        let response = try await URLSessionTransport().send(HTTPRequest(url: server.url("/echo"), body: Data("{}".utf8), timeout: .milliseconds(900)))
        XCTAssertEqual(response.status, 200)
    }

    func testDuplicateHeadersReachTheWireInOrder() async throws {
        let server = try XCTUnwrap(server)
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.add(name: "X-A", value: "first")
        headers.add(name: "x-a", value: "second")
        let response = try await URLSessionTransport().send(HTTPRequest(url: server.url("/echo"), headers: headers, body: Data("{}".utf8)))
        let echo = try JSONDecoder().decode(Echo.self, from: response.body)
        // URLSession folds duplicates into one comma-separated field, which HTTP treats as equivalent.
        let wire = echo.values("X-A").joined(separator: ",")
        XCTAssertEqual(wire.replacingOccurrences(of: " ", with: ""), "first,second")
        let folded = response.headers.values(for: "x-dup").joined(separator: ",")
        XCTAssertEqual(folded.replacingOccurrences(of: " ", with: ""), "one,two")
    }

    func testCancellationOfARealRequest() async throws {
        let server = try XCTUnwrap(server)
        let transport = URLSessionTransport()
        let url = server.url("/slow?seconds=5")
        let task = Task { try await transport.send(HTTPRequest(url: url, body: Data("{}".utf8), timeout: .seconds(30))) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("expected cancellation")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .cancelled, error.description)
        }
    }
}
