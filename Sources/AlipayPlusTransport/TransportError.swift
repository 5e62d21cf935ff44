public import Foundation

/// A request that produced no usable HTTP response.
///
/// Compare ``code`` to tell the failures apart and read ``delivery`` to know whether the request
/// may have reached the server:
///
/// ```swift
/// do { _ = try await transport.send(request) }
/// catch let error as TransportError where error.code == .connectionFailed {
///     // error.delivery == .notSent: safe to send again
/// }
/// ```
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a value that can be compared and extended without breaking users.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case connectionFailed, timedOut, connectionLost, cancelled, insecureURL, invalidResponse
            case responseTooLarge, other
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// The connection could not be opened (DNS, refused, no network, TLS handshake, bad URL);
        /// the request was not sent.
        public static let connectionFailed = Code(.connectionFailed)
        /// The attempt took longer than its timeout; the request may have been processed.
        public static let timedOut = Code(.timedOut)
        /// The connection broke after the request started; it may have been processed.
        public static let connectionLost = Code(.connectionLost)
        /// The calling task was cancelled.
        public static let cancelled = Code(.cancelled)
        /// The URL is not `https://` (plain `http://` is allowed only to loopback hosts).
        public static let insecureURL = Code(.insecureURL)
        /// The server's answer was not a readable HTTP response.
        public static let invalidResponse = Code(.invalidResponse)
        /// The response body is larger than the transport accepts (see
        /// ``URLSessionTransport/Configuration/maximumResponseBodySize``); reading stopped at the limit.
        /// The request was sent, so it may have been processed.
        public static let responseTooLarge = Code(.responseTooLarge)
        /// Any other failure of the HTTP stack.
        public static let other = Code(.other)

        /// The code's name, e.g. `"timedOut"`.
        public var description: String {
            switch value {
            case .connectionFailed: "connectionFailed"
            case .timedOut: "timedOut"
            case .connectionLost: "connectionLost"
            case .cancelled: "cancelled"
            case .insecureURL: "insecureURL"
            case .invalidResponse: "invalidResponse"
            case .responseTooLarge: "responseTooLarge"
            case .other: "other"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// Whether the request may have reached the server.
    public let delivery: RequestDelivery
    /// The URL of the request, when known. Query strings are never logged by this type.
    public let url: URL?
    /// A short description of the underlying failure from the HTTP stack, if any.
    public let underlying: String?
    /// The `URLError` code reported by URLSession, if the failure came from it.
    public let urlErrorCode: Int?

    /// Creates an error; transports other than `URLSessionTransport` use this to report failures.
    ///
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - delivery: whether the request may have reached the server.
    ///   - url: the request URL.
    ///   - underlying: a short description of the lower-level failure (no secrets).
    ///   - urlErrorCode: the `URLError` code, if any.
    public init(code: Code, delivery: RequestDelivery, url: URL? = nil, underlying: String? = nil, urlErrorCode: Int? = nil) {
        self.code = code
        self.delivery = delivery
        self.url = url
        self.underlying = underlying
        self.urlErrorCode = urlErrorCode
    }

    /// The connection could not be opened; the request was not sent.
    public static func connectionFailed(url: URL? = nil, underlying: String? = nil) -> TransportError {
        TransportError(code: .connectionFailed, delivery: .notSent, url: url, underlying: underlying)
    }

    /// The attempt timed out; the request may have been processed.
    public static func timedOut(url: URL? = nil, underlying: String? = nil) -> TransportError {
        TransportError(code: .timedOut, delivery: .possiblySent, url: url, underlying: underlying)
    }

    /// The connection broke mid-request; the request may have been processed.
    public static func connectionLost(url: URL? = nil, underlying: String? = nil) -> TransportError {
        TransportError(code: .connectionLost, delivery: .possiblySent, url: url, underlying: underlying)
    }

    /// The calling task was cancelled.
    ///
    /// - Parameters:
    ///   - url: the request's URL, when known.
    ///   - delivery: `.notSent` only when cancellation came before anything was started.
    public static func cancelled(url: URL? = nil, delivery: RequestDelivery = .possiblySent) -> TransportError {
        TransportError(code: .cancelled, delivery: delivery, url: url)
    }

    /// The response body passed `limit` bytes; the request was sent, so it may have been processed.
    public static func responseTooLarge(url: URL? = nil, limit: Int) -> TransportError {
        TransportError(code: .responseTooLarge, delivery: .possiblySent, url: url,
                       underlying: "the response body exceeds the limit of \(limit) bytes")
    }

    /// The URL is not allowed (see `EndpointSecurity`); nothing was sent.
    public static func insecureURL(_ url: URL, reason: String) -> TransportError {
        TransportError(code: .insecureURL, delivery: .notSent, url: url, underlying: reason)
    }

    /// A short explanation with a suggested fix.
    public var description: String {
        let target = url.map { " to \(Self.redacted($0))" } ?? ""
        let detail = underlying.map { " (\($0))" } ?? ""
        let errorCode = urlErrorCode.map { ", URLError \($0)" } ?? ""
        let advice: String
        switch code {
        case .connectionFailed:
            advice = "Could not connect\(target)\(detail)\(errorCode); the request was not sent. Check the host name, network and TLS setup; it is safe to send again."
        case .timedOut:
            advice = "The request\(target) timed out\(detail)\(errorCode); it may have been processed. Re-send only with the same idempotency key, or inquire."
        case .connectionLost:
            advice = "The connection\(target) was lost mid-request\(detail)\(errorCode); it may have been processed. Re-send only with the same idempotency key, or inquire."
        case .cancelled:
            advice = "The request\(target) was cancelled (\(delivery))\(errorCode)."
        case .insecureURL:
            advice = "Refused to send\(target)\(detail): use https://, or http:// only to 127.0.0.1, ::1 or localhost."
        case .invalidResponse:
            advice = "The response\(target) was not valid HTTP\(detail)\(errorCode); the request may have been processed."
        case .responseTooLarge:
            advice = "The response\(target) was refused\(detail); the request may have been processed. A genuine Alipay+ answer is a few KB: check the host (a proxy page?), or raise maximumResponseBodySize."
        default:
            advice = "The request\(target) failed\(detail)\(errorCode) (\(delivery))."
        }
        return "TransportError.\(code): \(advice)"
    }

    /// The URL without query or user info, so descriptions never carry secrets.
    private static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "<url>" }
        components.query = nil
        components.user = nil
        components.password = nil
        components.fragment = nil
        return components.string ?? "<url>"
    }
}
