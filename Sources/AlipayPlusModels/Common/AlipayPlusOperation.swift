/// Whether a request may be sent again when its outcome is unknown.
public enum ResendSafety: Sendable, Hashable {
    /// Alipay+ deduplicates it (idempotency key or read-only): resending after a timeout is safe.
    case idempotent
    /// Resend only when it is certain the first attempt never left (pay: inquire instead).
    case onlyIfNotSent
}

/// An outbound call (merchant → Alipay+): the request body type names its endpoint and response.
///
/// Conforming types are encoded with ``AlipayPlusJSON`` and posted to ``path``.
public protocol AlipayPlusOperation: Encodable, Sendable, Validatable {
    /// The response body type.
    associatedtype Response: AlipayPlusResponse
    /// API name, e.g. `pay`.
    static var name: String { get }
    /// Endpoint path, e.g. `/aps/api/v1/payments/pay`.
    static var path: String { get }
    /// Documented client timeout: 8 s for pay, refund and cancelPayment; 5 s for the others.
    static var recommendedTimeout: Duration { get }
    /// Whether the request may be re-sent after an unknown outcome.
    static var resendSafety: ResendSafety { get }
    /// The value Alipay+ deduplicates this request on, when it has one.
    ///
    /// For cancelToken this is the access token: treat it as a secret and never log it.
    var idempotencyKey: String? { get }
}

/// A response body from Alipay+; every one carries `result`.
public protocol AlipayPlusResponse: Decodable, Sendable {
    /// `result`: outcome of the call.
    var result: APIResult { get }
}

/// An inbound call (Alipay+ → merchant): the request body type names its endpoint and answer type.
public protocol AlipayPlusNotification: Codable, Sendable {
    /// The body the merchant answers with (signed).
    associatedtype Answer: Codable, Sendable
    /// API name, e.g. `notifyPayment`.
    static var name: String { get }
    /// Documented endpoint path; in practice Alipay+ calls the endpoint configured for the merchant.
    static var path: String { get }
}
