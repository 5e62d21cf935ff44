package import AlipayPlusTransport
package import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for the process soak: `Content-Length` bodies, keep-alive
/// connections, one handler for every request.
///
/// The socket listens from `init`, so ``port`` is known before ``run()``. ``run()`` owns everything
/// the server does: its accept loop and one child task per connection (each blocking accept or
/// read runs on a thread of its own that the task waits for, see `BlockingCall`). Cancelling the
/// task running ``run()`` shuts every socket down, and ``run()`` returns once every connection
/// task has ended; the listening socket is closed then.
///
/// ```swift
/// let server = try LoopbackHTTPServer(port: 0) { request in HTTPResponse(status: 200, body: request.body) }
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { await server.run() }
///     // ... send to http://127.0.0.1:\(server.port)/ ...
///     group.cancelAll()
/// }
/// ```
package final class LoopbackHTTPServer: Sendable {
    /// Answers one request; `nil` loses the answer: a head whose body never comes, then the connection closes.
    package typealias Handler = @Sendable (LoopbackHTTPRequest) async -> HTTPResponse?

    /// The port the server listens on.
    package let port: Int
    /// `http://127.0.0.1:<port>`.
    package var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    private let listener: LoopbackSocket
    private let handler: Handler

    /// Listens on 127.0.0.1:`port` (0 picks a free port).
    ///
    /// - Throws: ``LoopbackServerError`` when the socket cannot be created, bound or listened on.
    package init(port: Int = 0, handler: @escaping Handler) throws {
        signal(SIGPIPE, SIG_IGN)  // a peer that went away must not kill the process
        (listener, self.port) = try LoopbackSocket.listen(port: port)
        self.handler = handler
    }

    /// Accepts and serves connections until the calling task is cancelled; call it once.
    package func run() async {
        let listener = self.listener
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let accepted = await withTaskCancellationHandler {
                    await BlockingCall.run("loopback-accept") { () -> (Int32, Int32) in
                        let fd = accept(listener.fd, nil, nil)
                        return (fd, fd < 0 ? errno : 0)
                    }
                } onCancel: {
                    listener.shutdownBoth()
                }
                if accepted.0 < 0 {
                    if accepted.1 == EINTR || accepted.1 == ECONNABORTED { continue }
                    break
                }
                let connection = LoopbackSocket(accepted.0)
                group.addTask { await self.serve(connection) }
            }
            group.cancelAll()
        }
        listener.close()
    }

    /// Reads requests from one connection and writes their answers, until the peer closes, a
    /// request is malformed or asks to close, or the task is cancelled.
    private func serve(_ connection: LoopbackSocket) async {
        let fd = connection.fd
        var buffer: [UInt8] = []
        await withTaskCancellationHandler {
            reading: while !Task.isCancelled {
                switch LoopbackHTTPWire.parse(buffer) {
                case .incomplete:
                    guard let chunk = await BlockingCall.run("loopback-read", { LoopbackSocket.read(fd) }) else { break reading }
                    buffer += chunk
                case .malformed(let reason):
                    let answer = HTTPResponse(status: 400, headers: ["Content-Type": "text/plain"], body: Data(reason.utf8))
                    _ = LoopbackSocket.write(fd, LoopbackHTTPWire.serialize(answer, close: true))
                    break reading
                case .request(let request, let consumed):
                    buffer.removeFirst(consumed)
                    guard let answer = await handler(request) else {
                        // Lost mid-answer: the head promises a body that never comes, so the client
                        // knows the request may have been processed (and does not resend it by itself).
                        _ = LoopbackSocket.write(fd, Array("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{".utf8))
                        break reading
                    }
                    guard LoopbackSocket.write(fd, LoopbackHTTPWire.serialize(answer, close: request.wantsClose)),
                          !request.wantsClose
                    else { break reading }
                }
            }
        } onCancel: {
            connection.shutdownBoth()
        }
        connection.close()
    }
}
