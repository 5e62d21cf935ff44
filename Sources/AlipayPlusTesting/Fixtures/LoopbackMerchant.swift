public import AlipayPlus
public import AlipayPlusTransport
import Foundation

/// Sends inbound calls to a merchant server listening on 127.0.0.1, over real HTTP: what the
/// simulator uses to reach a server under test.
///
/// ```swift
/// let merchant = LoopbackMerchant(port: port)
/// let deliveries = await simulator.deliverNotifications(to: merchant.handler)
/// ```
public struct LoopbackMerchant: Sendable {
    /// The server's port on 127.0.0.1.
    public let port: Int
    private let transport = URLSessionTransport()

    /// A merchant server on 127.0.0.1:`port`.
    public init(port: Int) {
        self.port = port
    }

    /// The simulator's merchant handler: POSTs each signed call and hands back the server's answer
    /// (status 0 when the server could not be reached).
    public var handler: AlipayPlusSimulator.MerchantHandler {
        { inbound in
            do {
                return try await post(inbound)
            } catch {
                return InboundResponse(status: 0, headers: [:], body: Data())
            }
        }
    }

    /// POSTs `inbound` (path, headers and body as they are) and returns the answer.
    ///
    /// - Throws: a `TransportError` when the server cannot be reached.
    public func post(_ inbound: InboundRequest) async throws -> InboundResponse {
        let response = try await transport.send(HTTPRequest(
            method: inbound.method, url: url(inbound.path), headers: inbound.headers, body: inbound.body, timeout: .seconds(10)))
        return InboundResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// GETs `pathAndQuery` (a return route, say) and returns the answer.
    ///
    /// - Throws: a `TransportError` when the server cannot be reached.
    public func get(_ pathAndQuery: String) async throws -> HTTPResponse {
        try await transport.send(HTTPRequest(method: "GET", url: url(pathAndQuery), headers: [:], body: Data(), timeout: .seconds(10)))
    }

    private func url(_ pathAndQuery: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)")!
    }
}
