import AlipayPlus
import AlipayPlusTransport
import Foundation

/// One process lifetime: once crashed, the store and transport it guards refuse everything, so a
/// task of the dead process that is still running cannot read, write or send anything more.
final class SoakCrashGate: @unchecked Sendable {
    private let lock = NSLock()
    private var crashed = false

    var isCrashed: Bool { lock.withLock { crashed } }

    func crash() { lock.withLock { crashed = true } }

    func check() throws {
        if isCrashed { throw CancellationError() }
    }
}

/// The network as seen by one process: a request of a crashed process is never sent, and an answer
/// arriving after the crash is lost.
struct SoakGatedTransport: HTTPTransport {
    let base: any HTTPTransport
    let gate: SoakCrashGate

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if gate.isCrashed { throw TransportError.connectionFailed(url: request.url, underlying: "the process crashed") }
        let response = try await base.send(request)
        if gate.isCrashed { throw TransportError.timedOut(url: request.url, underlying: "the process crashed") }
        return response
    }
}
