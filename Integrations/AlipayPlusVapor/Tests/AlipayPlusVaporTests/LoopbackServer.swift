import AlipayPlusTesting
import Vapor

/// Runs a Vapor application set up by `configure` on 127.0.0.1 (a free port) while `body` runs,
/// then shuts it down.
func withLoopbackServer(
    _ configure: (Application) throws -> Void, _ body: (LoopbackMerchant) async throws -> Void
) async throws {
    var logger = Logger(label: "loopback")
    logger.logLevel = .warning
    let app = try await Application.make(.testing, logger: logger)
    do {
        try configure(app)
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try XCTUnwrapPort(app.http.server.shared.localAddress?.port)
        try await body(LoopbackMerchant(port: port))
    } catch {
        await app.server.shutdown()
        try await app.asyncShutdown()
        throw error
    }
    await app.server.shutdown()
    try await app.asyncShutdown()
}

private struct NoPort: Error {}

private func XCTUnwrapPort(_ port: Int?) throws -> Int {
    guard let port else { throw NoPort() }
    return port
}
