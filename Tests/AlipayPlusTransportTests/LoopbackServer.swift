import AlipayPlusTestSupport
import Foundation

/// A tiny HTTP server in a `python3` child process, bound to 127.0.0.1 on a free port.
///
/// Paths: `/echo` (any other path too) answers 200 with the request's method, path, headers and
/// base64 body as JSON; `/bad-gateway` answers 502 with an HTML page; `/slow?seconds=N` sleeps N
/// seconds before answering; `/redirect` answers 302 to `/echo`; `/drop` reads the request and
/// closes the connection without answering.
final class LoopbackServer {
    private let server: PythonLoopbackServer
    let port: Int
    /// A port that was free a moment ago and has nothing listening on it.
    let closedPort: Int

    static let script = #"""
import base64, json, os, socket, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, content_type, body, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/slow"):
            seconds = float(self.path.split("=", 1)[1]) if "=" in self.path else 5.0
            time.sleep(seconds)
            self.reply(200, "application/json", b"{}")
        elif self.path == "/bad-gateway":
            self.reply(502, "text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>")
        elif self.path == "/drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif self.path == "/redirect":
            self.reply(302, "text/plain", b"redirect", [("Location", "/echo")])
        else:
            payload = {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": base64.b64encode(body).decode(),
                "clientPort": self.client_address[1],
            }
            self.reply(200, "application/json", json.dumps(payload).encode(),
                       [("X-Dup", "one"), ("X-Dup", "two"), ("Response-Time", "2026-11-29T13:05:10+08:00")])

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

def watch_parent(parent=os.getppid()):
    # Exit when the test process goes away, even if it could not terminate us.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)

threading.Thread(target=watch_parent, daemon=True).start()
closed = socket.socket()
closed.bind(("127.0.0.1", 0))
closed_port = closed.getsockname()[1]
closed.close()
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], closed_port, flush=True)
server.serve_forever()
"""#

    /// Starts the server, or throws `XCTSkip` when `python3` is not available.
    init() throws {
        server = try PythonLoopbackServer(script: Self.script, numbers: 2, name: "LoopbackServer")
        port = server.announced[0]
        closedPort = server.announced[1]
    }

    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    func stop() {
        server.stop()
    }
}
