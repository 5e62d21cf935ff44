import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The built-in ``HTTPTransport`` over URLSession (FoundationNetworking/libcurl on Linux).
///
/// - One URLSession per transport, so connections are reused: create one transport and share it.
/// - `https://` only; plain `http://` only to loopback hosts (see `EndpointSecurity`), checked
///   before any I/O. TLS certificates are always verified by the system.
/// - Each attempt is bounded by `request.timeout` (or ``Configuration/defaultTimeout``) from start to
///   the last body byte; exceeding it throws ``TransportError`` `.timedOut`.
/// - Cancelling the calling task cancels the request and throws `.cancelled`.
/// - Redirects are never followed: a 3xx comes back as the response.
/// - A response body larger than ``Configuration/maximumResponseBodySize`` (4 MiB by default) is not
///   buffered: reading stops at the limit and the attempt throws ``TransportError`` `.responseTooLarge`.
/// - Sends `User-Agent: alipayplus-swift/<version> (Swift; Linux)` unless the request has one.
public final class URLSessionTransport: HTTPTransport {
    /// Settings of a ``URLSessionTransport``.
    public struct Configuration: Sendable {
        /// The `User-Agent` sent when the request has none.
        public var userAgent: String
        /// The per-attempt timeout for requests whose `timeout` is `nil`.
        public var defaultTimeout: Duration
        /// How many connections to one host the session keeps open at most.
        public var maximumConnectionsPerHost: Int
        /// The largest response body accepted, in bytes; beyond it the attempt fails with
        /// ``TransportError/Code-swift.struct/responseTooLarge`` (possibly processed) without buffering more.
        public var maximumResponseBodySize: Int

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - userAgent: the default `User-Agent`.
        ///   - defaultTimeout: the per-attempt timeout when a request sets none (10 s; the Alipay+
        ///     client passes 5 s or 8 s per operation).
        ///   - maximumConnectionsPerHost: the connection pool size per host.
        ///   - maximumResponseBodySize: the largest response body accepted (4 MiB; Alipay+'s answers are
        ///     a few KB, so a larger body is a proxy page or an attack on memory).
        public init(
            userAgent: String = AlipayPlusTransportVersion.defaultUserAgent,
            defaultTimeout: Duration = .seconds(10),
            maximumConnectionsPerHost: Int = 8,
            maximumResponseBodySize: Int = 4 << 20
        ) {
            self.userAgent = userAgent
            self.defaultTimeout = defaultTimeout
            self.maximumConnectionsPerHost = maximumConnectionsPerHost
            self.maximumResponseBodySize = maximumResponseBodySize
        }
    }

    /// The settings this transport was created with.
    public let configuration: Configuration
    private let session: URLSession
    private let delegate: URLSessionTransportDelegate

    /// Creates a transport with its own URLSession.
    ///
    /// - Parameter configuration: user agent, default timeout and pool size.
    public convenience init(configuration: Configuration = .init()) {
        self.init(configuration: configuration, sessionConfiguration: .ephemeral)
    }

    /// Creates a transport over a given session configuration (tests register URLProtocol stubs
    /// through `protocolClasses`). Cookies, caches and credential storage are turned off.
    init(configuration: Configuration, sessionConfiguration: URLSessionConfiguration) {
        self.configuration = configuration
        sessionConfiguration.httpMaximumConnectionsPerHost = max(configuration.maximumConnectionsPerHost, 1)
        sessionConfiguration.timeoutIntervalForRequest = Self.backstopInterval(for: configuration.defaultTimeout)
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        sessionConfiguration.urlCache = nil
        sessionConfiguration.httpCookieStorage = nil
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.urlCredentialStorage = nil
        let delegate = URLSessionTransportDelegate()
        self.delegate = delegate
        session = URLSession(configuration: sessionConfiguration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends one request and returns the response, whatever its status.
    ///
    /// - Parameter request: the request; its URL must pass `EndpointSecurity/check(_:)`.
    /// - Returns: the response, including 3xx, 4xx and 5xx.
    /// - Throws: ``TransportError``: `.insecureURL` (nothing sent), `.connectionFailed` (not sent),
    ///   `.timedOut`, `.connectionLost`, `.cancelled`, `.invalidResponse`, `.responseTooLarge` (possibly
    ///   sent) or `.other`.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try EndpointSecurity.check(request.url)
        if Task.isCancelled {
            throw TransportError.cancelled(url: request.url, delivery: .notSent)
        }
        let timeout = request.timeout ?? configuration.defaultTimeout
        var urlRequest = URLRequest(
            url: request.url,
            cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: Self.backstopInterval(for: timeout)
        )
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers {
            urlRequest.addValue(value, forHTTPHeaderField: name)
        }
        if !request.headers.contains(name: "User-Agent") {
            urlRequest.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = request.body
        }
        let task = session.dataTask(with: urlRequest)
        return try await delegate.run(task: TaskHandle(task), url: request.url, timeout: timeout,
                                      bodyLimit: max(configuration.maximumResponseBodySize, 0))
    }
}

extension URLSessionTransport {
    /// The `URLRequest.timeoutInterval` to pass for a per-attempt timeout.
    ///
    /// swift-corelibs-foundation truncates `timeoutInterval` to whole seconds, so 0.5 s becomes an
    /// immediate timeout and 1.5 s becomes 1 s. The exact deadline is enforced by the delegate's own
    /// timer; URLSession only gets a whole-second backstop one second beyond it.
    static func backstopInterval(for timeout: Duration) -> TimeInterval {
        let seconds = timeout.seconds
        guard seconds.isFinite, seconds > 0 else { return 1 }
        return min(seconds.rounded(.up) + 1, 1e9)
    }
}

/// A data task passed between threads; URLSessionTask is thread-safe but not marked Sendable.
struct TaskHandle: @unchecked Sendable {
    let task: URLSessionTask

    init(_ task: URLSessionTask) {
        self.task = task
    }
}
