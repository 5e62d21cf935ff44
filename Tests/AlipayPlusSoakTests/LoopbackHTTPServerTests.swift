import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The process soak's loopback HTTP/1.1 server: its wire rules as a table, and the server end to end
/// with the library's URLSessionTransport.
final class LoopbackHTTPServerTests: XCTestCase {
    // MARK: Wire rules

    func testRequestsAreReadWithTheirContentLengthBodyAndNothingMore() {
        struct Row { var bytes: String; var expected: String }
        let rows: [Row] = [
            Row(bytes: "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", expected: "POST /a abc consumed=42"),
            Row(bytes: "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET", expected: "POST /a abc consumed=42"),
            Row(bytes: "GET /b?x=1 HTTP/1.1\r\nHost: h\r\n\r\n", expected: "GET /b  consumed=32"),
            Row(bytes: "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nab", expected: "incomplete"),
            Row(bytes: "POST /a HTTP/1.1\r\nContent-Len", expected: "incomplete"),
            Row(bytes: "POST /a\r\n\r\n", expected: "malformed"),
            Row(bytes: "POST a HTTP/1.1\r\n\r\n", expected: "malformed"),
            Row(bytes: "POST /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n", expected: "malformed"),
            Row(bytes: "POST /a HTTP/1.1\r\nContent-Length: x\r\n\r\n", expected: "malformed"),
            Row(bytes: "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", expected: "malformed"),
            Row(bytes: "POST /a HTTP/1.1\r\n: novalue\r\n\r\n", expected: "malformed"),
        ]
        for row in rows {
            let actual: String = switch LoopbackHTTPWire.parse(Array(row.bytes.utf8)) {
            case .incomplete: "incomplete"
            case .malformed: "malformed"
            case .request(let request, let consumed):
                "\(request.method) \(request.path) \(String(decoding: request.body, as: UTF8.self)) consumed=\(consumed)"
            }
            XCTAssertEqual(actual, row.expected, row.bytes.debugDescription)
        }
    }

    func testAnOversizedHeaderBlockIsMalformedNotBufferedForever() {
        let bytes = Array("POST /a HTTP/1.1\r\nX: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: LoopbackHTTPWire.maximumHeaderBytes + 1)
        guard case .malformed = LoopbackHTTPWire.parse(bytes) else { return XCTFail("an endless header must be refused") }
    }

    func testResponsesCarryTheirOwnContentLengthAndConnection() {
        let response = HTTPResponse(status: 200, headers: ["Content-Length": "99", "X-A": "1", "Connection": "close"], body: Data("hi".utf8))
        let text = String(decoding: LoopbackHTTPWire.serialize(response, close: false), as: UTF8.self)
        XCTAssertEqual(text, "HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nhi")
    }

    // MARK: The server

    func testTheServerAnswersManyRequestsOverKeepAliveAndRunReturnsWhenCancelled() async throws {
        let server = try LoopbackHTTPServer(port: 0) { request in
            HTTPResponse(status: 200, headers: ["X-Path": request.path], body: request.body + Data("!".utf8))
        }
        let transport = URLSessionTransport()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await server.run() }
            try await withThrowingTaskGroup(of: Void.self) { clients in
                for index in 0..<40 {
                    clients.addTask {
                        let response = try await transport.send(HTTPRequest(
                            url: server.baseURL.appendingPathComponent("echo/\(index)"), body: Data("n\(index)".utf8)))
                        XCTAssertEqual(response.status, 200)
                        XCTAssertEqual(response.headers["X-Path"], "/echo/\(index)")
                        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "n\(index)!")
                    }
                }
                try await clients.waitForAll()
            }
            group.cancelAll()
            try await group.waitForAll()  // run() returned: the accept loop and every connection ended
        }
    }

    func testALostAnswerReachesTheClientAsAFailureThatMayHaveBeenProcessed() async throws {
        let server = try LoopbackHTTPServer(port: 0) { _ in nil }
        let transport = URLSessionTransport()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await server.run() }
            do {
                _ = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("pay"), body: Data("{}".utf8)))
                XCTFail("a lost answer is no answer")
            } catch let error as TransportError {
                XCTAssertNotEqual(error.delivery, .notSent, "a lost answer may have been processed: \(error)")
            } catch {
                XCTFail("unexpected \(error)")
            }
            group.cancelAll()
        }
    }

    func testAMalformedRequestIsAnswered400AndTheServerGoesOn() async throws {
        let server = try LoopbackHTTPServer(port: 0) { _ in HTTPResponse(status: 200, body: Data("ok".utf8)) }
        let transport = URLSessionTransport()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await server.run() }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(server.port)).bigEndian
            address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            XCTAssertEqual(connected, 0)
            let garbage = Array("NOT HTTP\r\n\r\n".utf8)
            _ = garbage.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var answer = [UInt8](repeating: 0, count: 512)
            let count = answer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_WAITALL)) }
            close(fd)
            XCTAssertTrue(String(decoding: answer.prefix(max(0, count)), as: UTF8.self).hasPrefix("HTTP/1.1 400 "))
            let response = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("after")))
            XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "ok")
            group.cancelAll()
        }
    }
}
