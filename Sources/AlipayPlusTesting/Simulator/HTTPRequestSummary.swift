public import Foundation

/// What a fault predicate sees of a request: its path and raw body.
public struct HTTPRequestSummary: Sendable {
    /// The request path, e.g. `/aps/api/v1/payments/pay`.
    public var path: String
    /// The raw body bytes.
    public var body: Data

    /// The body's top-level string field `name`, if any (e.g. `paymentRequestId`).
    public func field(_ name: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        return object[name] as? String
    }
}
