package import AlipayPlusTransport
package import Foundation

/// One HTTP/1.1 request as the loopback server read it.
package struct LoopbackHTTPRequest: Sendable {
    /// The method, e.g. `POST`.
    package var method: String
    /// The request target as sent (path and query).
    package var target: String
    /// The header fields, in order.
    package var headers: HTTPHeaders
    /// The body (`Content-Length` bytes).
    package var body: Data

    /// The path of ``target`` without its query.
    package var path: String { String(target.prefix { $0 != "?" }) }

    /// Whether the client asked to close the connection after this exchange.
    package var wantsClose: Bool { headers["Connection"]?.lowercased() == "close" }

    package init(method: String, target: String, headers: HTTPHeaders, body: Data) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}

/// The outcome of reading a request from the bytes received so far.
package enum LoopbackHTTPParse: Sendable {
    /// More bytes are needed.
    case incomplete
    /// A whole request, and how many bytes of the buffer it took.
    case request(LoopbackHTTPRequest, consumed: Int)
    /// The bytes are not an HTTP/1.1 request this server reads; the connection is answered 400 and closed.
    case malformed(String)
}

/// The HTTP/1.1 wire rules of the loopback server, as pure functions: requests with a
/// `Content-Length` body (no chunked encoding), responses always with a `Content-Length`.
package enum LoopbackHTTPWire {
    /// The largest header block accepted.
    package static let maximumHeaderBytes = 64 * 1024
    /// The largest body accepted.
    package static let maximumBodyBytes = 8 << 20

    /// Reads one request from the front of `buffer`.
    package static func parse(_ buffer: [UInt8]) -> LoopbackHTTPParse {
        guard let end = headerEnd(buffer) else {
            return buffer.count > maximumHeaderBytes ? .malformed("the header block exceeds \(maximumHeaderBytes) bytes") : .incomplete
        }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1."), !requestLine[0].isEmpty, requestLine[1].hasPrefix("/") else {
            return .malformed("the request line is not 'METHOD /target HTTP/1.x'")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                return .malformed("the header line '\(line.prefix(40))' has no name")
            }
            headers.add(name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        if headers["Transfer-Encoding"] != nil {
            return .malformed("Transfer-Encoding is not supported: send a Content-Length body")
        }
        var length = 0
        if let text = headers["Content-Length"] {
            guard let value = Int(text), value >= 0, value <= maximumBodyBytes else {
                return .malformed("Content-Length '\(text)' is not a length within 0...\(maximumBodyBytes)")
            }
            length = value
        }
        let bodyStart = end + 4
        guard buffer.count >= bodyStart + length else { return .incomplete }
        let request = LoopbackHTTPRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
            body: Data(buffer[bodyStart..<(bodyStart + length)])
        )
        return .request(request, consumed: bodyStart + length)
    }

    /// The bytes of a response: status line, the given headers (without any `Content-Length` or
    /// `Connection` of theirs), `Content-Length`, `Connection` and the body.
    package static func serialize(_ response: HTTPResponse, close: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        for field in response.headers where !["content-length", "connection"].contains(field.name.lowercased()) {
            text += "\(field.name): \(field.value)\r\n"
        }
        text += "Content-Length: \(response.body.count)\r\n"
        text += "Connection: \(close ? "close" : "keep-alive")\r\n\r\n"
        return Array(text.utf8) + Array(response.body)
    }

    private static func headerEnd(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 409: "Conflict"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
