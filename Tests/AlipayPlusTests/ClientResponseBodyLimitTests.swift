import AlipayPlus
import AlipayPlusModels
import AlipayPlusTransport
import Foundation
import XCTest

/// Over a real socket: an answer whose body passes the transport's limit is a typed, possibly
/// processed failure, and the client never buffers it whole.
final class ClientResponseBodyLimitTests: XCTestCase {
    func testAnAnswerOverTheDefaultBodyLimitIsATypedPossiblyProcessedFailure() async throws {
        let body = Data(repeating: UInt8(ascii: "x"), count: (4 << 20) + 1)   // one byte over 4 MiB
        let server = try ClientLoopbackServer(status: 200, headers: [("Content-Type", "application/json")], body: body)
        defer { server.stop() }
        let client = AlipayPlusClient(
            configuration: ClientTestSupport.configuration(environment: .custom(server.baseURL), retryPolicy: .none),
            transport: URLSessionTransport())
        do {
            let response = try await client.send(ClientTestSupport.payRequest())
            XCTFail("expected a transport error, got \(response.result)")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .transport)
            XCTAssertEqual((error.underlyingError as? TransportError)?.code, .responseTooLarge)
            XCTAssertTrue(error.requestMayHaveBeenProcessed, "the pay was sent: resolve it by inquiry")
            XCTAssertEqual(error.attempts, 1)
        }
        XCTAssertEqual(try server.receivedRequests().count, 1, "a pay is sent once")
    }
}
