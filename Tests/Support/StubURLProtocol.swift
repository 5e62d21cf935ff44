public import Foundation
#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// A URLProtocol that answers from a scripted action and records what it was asked to send.
///
/// Put it in `URLSessionConfiguration.protocolClasses`, then `StubURLProtocol.registry.reset(...)`
/// before each request; shared by the transport and the client test suites.
public final class StubURLProtocol: URLProtocol {
    /// What the next requests get.
    public enum Action: Sendable {
        case respond(status: Int, headers: [String: String], body: Data)
        case fail(URLError.Code)
        case hang
    }

    /// Shared state between the tests and the protocol instances URLSession creates.
    public final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var _action: Action = .hang
        private var _requests: [(request: URLRequest, body: Data)] = []
        private var _stopCount = 0

        public var action: Action {
            get { lock.withLock { _action } }
            set { lock.withLock { _action = newValue } }
        }

        public var requests: [(request: URLRequest, body: Data)] { lock.withLock { _requests } }
        public var stopCount: Int { lock.withLock { _stopCount } }

        public func reset(_ action: Action) {
            lock.withLock {
                _action = action
                _requests = []
                _stopCount = 0
            }
        }

        func record(_ request: URLRequest, body: Data) {
            lock.withLock { _requests.append((request, body)) }
        }

        func stopped() {
            lock.withLock { _stopCount += 1 }
        }
    }

    public static let registry = Registry()

    override public class func canInit(with request: URLRequest) -> Bool { true }
    override public class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    override public func startLoading() {
        let body = request.httpBody ?? Self.read(request.httpBodyStream)
        Self.registry.record(request, body: body)
        switch Self.registry.action {
        case let .respond(status, headers, body):
            let response = HTTPURLResponse(url: request.url!, statusCode: status, httpVersion: "HTTP/1.1", headerFields: headers)!
            client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
            client?.urlProtocol(self, didLoad: body)
            client?.urlProtocolDidFinishLoading(self)
        case let .fail(code):
            client?.urlProtocol(self, didFailWithError: URLError(code))
        case .hang:
            break
        }
    }

    override public func stopLoading() {
        Self.registry.stopped()
    }

    private static func read(_ stream: InputStream?) -> Data {
        guard let stream else { return Data() }
        stream.open()
        defer { stream.close() }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while stream.hasBytesAvailable {
            let count = stream.read(&buffer, maxLength: buffer.count)
            if count <= 0 { break }
            data.append(buffer, count: count)
        }
        return data
    }
}
