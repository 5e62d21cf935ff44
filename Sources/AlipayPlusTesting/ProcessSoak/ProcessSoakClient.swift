import AlipayPlus
import AlipayPlusTransport
import Foundation

/// The driver's side of the commands: one call to a serving child, and what became of it.
struct ProcessSoakClient: Sendable {
    /// What came of one command.
    enum Answer<Value: Sendable>: Sendable {
        /// The child answered.
        case value(Value)
        /// The child's coordinator threw (a typed refusal, or a failure it reported).
        case refused(String)
    }

    let cluster: ProcessSoakCluster
    let transport = URLSessionTransport(configuration: .init(defaultTimeout: .seconds(60), maximumConnectionsPerHost: 32))

    /// Sends `command` to a serving child, again (same body) to the next serving one each time the
    /// call dies with its child, until a child answers; `nil` once the run shuts down.
    func call<Value: Decodable & Sendable>(_ command: String, _ body: some Encodable, as type: Value.Type) async -> Answer<Value>? {
        let data = ProcessSoakWire.encode(body)
        while !(await cluster.shuttingDown) {
            guard let (instance, url) = await cluster.serving() else { return nil }
            if let answer = await send(command, data, to: url, as: type) {
                // An answered charge counts toward its child's serving kill.
                if case .value = answer, command == "charge" { await cluster.completed(on: instance) }
                return answer
            }
            // The child died under the call (or is dying): wait a moment for its supervisor to notice.
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }

    /// Like ``call(_:_:as:)`` but to one instance only, waiting while it restarts.
    func call<Value: Decodable & Sendable>(_ command: String, _ body: some Encodable, as type: Value.Type, on instance: Int) async -> Answer<Value>? {
        let data = ProcessSoakWire.encode(body)
        while !(await cluster.shuttingDown) {
            if let url = await cluster.url(of: instance), let answer = await send(command, data, to: url, as: type) {
                return answer
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }

    /// One attempt; `nil` when no answer came (the connection failed or the child died).
    func send<Value: Decodable>(_ command: String, _ body: Data, to base: URL, as type: Value.Type) async -> Answer<Value>? {
        let request = HTTPRequest(method: "POST", url: base.appendingPathComponent("soak/" + command),
                                  headers: ["Content-Type": "application/json"], body: body)
        guard let response = try? await transport.send(request) else { return nil }
        switch response.status {
        case 200:
            guard let value = try? JSONDecoder().decode(type, from: response.body) else {
                return .refused("the child's answer to \(command) does not decode: \(String(decoding: response.body.prefix(200), as: UTF8.self))")
            }
            return .value(value)
        case 500:
            let failure = try? JSONDecoder().decode(ProcessSoakWire.Failure.self, from: response.body)
            return .refused(failure?.error ?? "HTTP 500")
        default:
            return nil
        }
    }

    /// Posts one Alipay+ notification to a serving child; 503 when none serves or the call died.
    func deliver(_ request: InboundRequest) async -> InboundResponse {
        let serving = await cluster.anyServing()
        guard let url = serving else { return InboundResponse(status: 503, headers: [:], body: Data()) }
        let outbound = HTTPRequest(method: request.method, url: url.appendingPathComponent(String(request.path.dropFirst())),
                                   headers: request.headers, body: request.body)
        guard let response = try? await transport.send(outbound) else { return InboundResponse(status: 503, headers: [:], body: Data()) }
        return InboundResponse(status: response.status, headers: response.headers, body: response.body)
    }
}
