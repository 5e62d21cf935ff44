import AlipayPlusTesting
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs a Hummingbird application for `router` on 127.0.0.1 (a free port) while `body` runs, then
/// shuts it down gracefully.
func withLoopbackServer(
    _ router: Router<BasicRequestContext>, _ body: (LoopbackMerchant) async throws -> Void
) async throws {
    let (ports, port) = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "loopback")
    logger.logLevel = .warning
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in port.yield(channel.localAddress?.port ?? 0) }, logger: logger
    )
    let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var bound = ports.makeAsyncIterator()
        guard let port = await bound.next() else { return }
        do {
            try await body(LoopbackMerchant(port: port))
        } catch {
            await services.triggerGracefulShutdown()
            throw error
        }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
    }
}
