import Foundation
import XCTest

/// A python3 child on 127.0.0.1 that records each request and answers with a prepared response.
///
/// The test writes the answer (status, headers, body, already signed with the test Alipay+ key) to a
/// JSON file before starting the server; every request is appended to a second JSON-lines file with
/// its headers and base64 body, so the test can check the signature that really crossed the socket.
final class ClientLoopbackServer {
    let port: Int
    let recordURL: URL
    private let process: Process
    private let stdinPipe: Pipe
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
        guard let python = Self.findExecutable("python3") else {
            print("ClientLoopbackServer: python3 not found on PATH; skipping the real loopback client test")
            throw XCTSkip("python3 not found on PATH")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ClientLoopback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let answerURL = directory.appendingPathComponent("answer.json")
        recordURL = directory.appendingPathComponent("requests.jsonl")
        let answer: [String: Any] = ["status": status, "headers": headers.map { [$0.0, $0.1] },
                                     "body": body.base64EncodedString()]
        try JSONSerialization.data(withJSONObject: answer).write(to: answerURL)

        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", Self.script, answerURL.path, recordURL.path]
        let stdout = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            process.waitUntilExit()
            print("ClientLoopbackServer: python3 did not report a port; skipping")
            throw XCTSkip("python3 http.server did not start")
        }
        self.process = process
        self.stdinPipe = stdin
        self.port = port
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

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

    /// Stops the child: closing its stdin makes it exit (SIGTERM alone may be blocked in a child of Process).
    func stop() {
        try? stdinPipe.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
