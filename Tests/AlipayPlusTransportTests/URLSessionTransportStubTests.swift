@testable import AlipayPlusTransport
import AlipayPlusTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

final class URLSessionTransportStubTests: XCTestCase {
    private var transport: URLSessionTransport!
    private let url = URL(string: "https://open-sea-global.alipayplus.com/aps/api/v1/payments/pay")!

    override func setUp() {
        super.setUp()
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.protocolClasses = [StubURLProtocol.self]
        transport = URLSessionTransport(configuration: .init(defaultTimeout: .seconds(30)), sessionConfiguration: sessionConfiguration)
    }

    override func tearDown() {
        transport = nil
        StubURLProtocol.registry.reset(.hang)
        super.tearDown()
    }

    func testSendsExactMethodURLHeadersAndBody() async throws {
        StubURLProtocol.registry.reset(.respond(status: 200, headers: [:], body: Data()))
        let body = Data(#"{"paymentRequestId":"p-1","amount":{"currency":"USD","value":"100"}}"#.utf8)
        var headers: HTTPHeaders = [
            "Content-Type": "application/json; charset=UTF-8",
            "Client-Id": "SANDBOX_5YC47N2ZQHJ004124",
            "Request-Time": "2026-11-29T13:05:09+08:00",
            "Signature": "algorithm=RSA256, keyVersion=1, signature=abc%2B%2F%3D",
        ]
        headers.add(name: "X-Custom", value: "kept")
        _ = try await transport.send(HTTPRequest(method: "POST", url: url, headers: headers, body: body))

        let recorded = try XCTUnwrap(StubURLProtocol.registry.requests.first)
        XCTAssertEqual(StubURLProtocol.registry.requests.count, 1)
        XCTAssertEqual(recorded.request.httpMethod, "POST")
        XCTAssertEqual(recorded.request.url, url)
        XCTAssertEqual(recorded.body, body)
        for (name, value) in headers {
            XCTAssertEqual(recorded.request.value(forHTTPHeaderField: name), value, name)
        }
        XCTAssertEqual(recorded.request.value(forHTTPHeaderField: "User-Agent"), "alipayplus-swift/\(AlipayPlusTransportVersion.current) (Swift; Linux)")
    }

    func testRequestUserAgentWins() async throws {
        StubURLProtocol.registry.reset(.respond(status: 200, headers: [:], body: Data()))
        _ = try await transport.send(HTTPRequest(url: url, headers: ["user-agent": "merchant/2"], body: Data("{}".utf8)))
        XCTAssertEqual(StubURLProtocol.registry.requests.first?.request.value(forHTTPHeaderField: "User-Agent"), "merchant/2")
    }

    func testMapsStatusHeadersAndBody() async throws {
        let body = Data(#"{"result":{"resultStatus":"S"}}"#.utf8)
        StubURLProtocol.registry.reset(.respond(status: 202, headers: [
            "Response-Time": "2026-11-29T13:05:10+08:00",
            "Signature": "algorithm=RSA256, keyVersion=1, signature=xyz",
            "Content-Type": "application/json",
        ], body: body))
        let response = try await transport.send(HTTPRequest(url: url, body: Data("{}".utf8)))
        XCTAssertEqual(response.status, 202)
        XCTAssertEqual(response.body, body)
        XCTAssertEqual(response.headers["response-time"], "2026-11-29T13:05:10+08:00")
        XCTAssertEqual(response.headers["SIGNATURE"], "algorithm=RSA256, keyVersion=1, signature=xyz")
        XCTAssertEqual(response.headers["content-type"], "application/json")
    }

    func testNon2xxStatusIsAResponseNotAnError() async throws {
        StubURLProtocol.registry.reset(.respond(status: 503, headers: ["Retry-After": "2"], body: Data("busy".utf8)))
        let response = try await transport.send(HTTPRequest(url: url, body: Data("{}".utf8)))
        XCTAssertEqual(response.status, 503)
        XCTAssertEqual(response.headers["retry-after"], "2")
        XCTAssertEqual(response.body, Data("busy".utf8))
    }

    func testTimeoutGivesTimedOutPossiblySent() async throws {
        StubURLProtocol.registry.reset(.hang)
        do {
            _ = try await transport.send(HTTPRequest(url: url, body: Data("{}".utf8), timeout: .milliseconds(300)))
            XCTFail("expected a timeout")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .timedOut)
            XCTAssertEqual(error.delivery, .possiblySent)
        }
    }

    func testDefaultTimeoutAppliesWhenRequestHasNone() async throws {
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.protocolClasses = [StubURLProtocol.self]
        let shortTransport = URLSessionTransport(configuration: .init(defaultTimeout: .milliseconds(300)), sessionConfiguration: sessionConfiguration)
        StubURLProtocol.registry.reset(.hang)
        do {
            _ = try await shortTransport.send(HTTPRequest(url: url, body: Data("{}".utf8)))
            XCTFail("expected a timeout")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .timedOut)
        }
    }

    func testConnectionFailuresAreNotSent() async throws {
        let codes: [URLError.Code] = [.cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet, .secureConnectionFailed, .badURL]
        for code in codes {
            StubURLProtocol.registry.reset(.fail(code))
            do {
                _ = try await transport.send(HTTPRequest(url: url, body: Data("{}".utf8)))
                XCTFail("expected failure for \(code)")
            } catch let error as TransportError {
                XCTAssertEqual(error.code, .connectionFailed, "\(code)")
                XCTAssertEqual(error.delivery, .notSent, "\(code)")
                XCTAssertEqual(error.urlErrorCode, code.rawValue)
            }
        }
    }

    func testOtherFailuresArePossiblySent() async throws {
        let expectations: [(URLError.Code, TransportError.Code)] = [
            (.timedOut, .timedOut),
            (.networkConnectionLost, .connectionLost),
            (.badServerResponse, .invalidResponse),
            (.unknown, .other),
        ]
        for (urlCode, expected) in expectations {
            StubURLProtocol.registry.reset(.fail(urlCode))
            do {
                _ = try await transport.send(HTTPRequest(url: url, body: Data("{}".utf8)))
                XCTFail("expected failure for \(urlCode)")
            } catch let error as TransportError {
                XCTAssertEqual(error.code, expected, "\(urlCode)")
                XCTAssertEqual(error.delivery, .possiblySent, "\(urlCode)")
            }
        }
    }

    func testCancellingTheTaskCancelsTheRequest() async throws {
        StubURLProtocol.registry.reset(.hang)
        let transport = self.transport!
        let url = self.url
        let task = Task {
            try await transport.send(HTTPRequest(url: url, body: Data("{}".utf8), timeout: .seconds(60)))
        }
        while StubURLProtocol.registry.requests.isEmpty {
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("expected cancellation")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .cancelled)
            XCTAssertEqual(error.delivery, .possiblySent)
        }
        // The caller is answered first; URLSession stops the loading right after, on its own queue.
        for _ in 0..<500 where StubURLProtocol.registry.stopCount == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        XCTAssertEqual(StubURLProtocol.registry.stopCount, 1, "the URL loading must have been stopped")
    }

    func testAlreadyCancelledTaskSendsNothing() async throws {
        StubURLProtocol.registry.reset(.respond(status: 200, headers: [:], body: Data()))
        let transport = self.transport!
        let url = self.url
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await transport.send(HTTPRequest(url: url, body: Data("{}".utf8)))
        }
        do {
            _ = try await task.value
            XCTFail("expected cancellation")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .cancelled)
            XCTAssertEqual(error.delivery, .notSent)
        }
        XCTAssertTrue(StubURLProtocol.registry.requests.isEmpty)
    }

    func testBackstopIntervalIsWholeSecondsBeyondTheTimeout() {
        XCTAssertEqual(URLSessionTransport.backstopInterval(for: .milliseconds(500)), 2)
        XCTAssertEqual(URLSessionTransport.backstopInterval(for: .milliseconds(1500)), 3)
        XCTAssertEqual(URLSessionTransport.backstopInterval(for: .seconds(8)), 9)
        XCTAssertEqual(URLSessionTransport.backstopInterval(for: .zero), 1)
    }

    func testErrorMappingOfNonURLErrors() {
        let mapped = TransportError(mapping: NSError(domain: "Other", code: 5), url: url)
        XCTAssertEqual(mapped.code, .other)
        XCTAssertEqual(mapped.delivery, .possiblySent)
    }

    func testDescriptionDropsQueryAndSuggestsFix() {
        let error = TransportError.connectionFailed(url: URL(string: "https://h.example/p?token=SECRET")!, underlying: "refused")
        XCTAssertFalse(error.description.contains("SECRET"))
        XCTAssertTrue(error.description.contains("safe to send again"), error.description)
    }
}
