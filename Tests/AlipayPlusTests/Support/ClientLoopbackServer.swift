import AlipayPlusTestSupport
import Foundation

/// A python3 child on 127.0.0.1 that records each request and answers with a prepared response.
///
/// The test writes the answer (status, headers, body, already signed with the test Alipay+ key) to a
/// JSON file before starting the server; every request is appended to a second JSON-lines file with
/// its headers and base64 body, so the test can check the signature that really crossed the socket.
final class ClientLoopbackServer {
    let recordURL: URL
    private let server: PythonLoopbackServer
    private let directory: URL

    private static let script = #"""
import base64, json, os, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

answer_path, record_path = sys.argv[1], sys.argv[2]
with open(answer_path) as f:
    answer = json.load(f)
lock = threading.Lock()

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        entry = {"method": self.command, "path": self.path,
                 "headers": [[k, v] for k, v in self.headers.items()],
                 "body": base64.b64encode(body).decode()}
        with lock:
            with open(record_path, "a") as f:
                f.write(json.dumps(entry) + "\n")
        payload = base64.b64decode(answer["body"])
        self.send_response(answer["status"])
        for name, value in answer["headers"]:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

def watch_parent():
    sys.stdin.read()
    os._exit(0)

threading.Thread(target=watch_parent, daemon=True).start()
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
"""#

    /// Starts the server answering `status`, `headers` and `body`; throws `XCTSkip` without python3.
    init(status: Int, headers: [(String, String)], body: Data) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ClientLoopback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let answerURL = directory.appendingPathComponent("answer.json")
        recordURL = directory.appendingPathComponent("requests.jsonl")
        let answer: [String: Any] = ["status": status, "headers": headers.map { [$0.0, $0.1] },
                                     "body": body.base64EncodedString()]
        try JSONSerialization.data(withJSONObject: answer).write(to: answerURL)
        server = try PythonLoopbackServer(script: Self.script, arguments: [answerURL.path, recordURL.path], name: "ClientLoopbackServer")
    }

    var baseURL: URL { server.baseURL }

    /// The requests the server received: headers (as sent) and body bytes.
    func receivedRequests() throws -> [(path: String, headers: [(String, String)], body: Data)] {
        let text = (try? String(contentsOf: recordURL, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let headers = (object["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) }
            let body = Data(base64Encoded: object["body"] as? String ?? "") ?? Data()
            return (object["path"] as? String ?? "", headers, body)
        }
    }

    /// Stops the child and removes its files.
    func stop() {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
