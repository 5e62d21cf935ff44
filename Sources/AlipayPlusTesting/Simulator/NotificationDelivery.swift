public import Foundation

/// What happened to one notification the simulator delivered (or tried to).
public struct NotificationDelivery: Sendable, Hashable {
    /// The API name: `notifyPayment`, `authNotify` or `consultUnbinding`.
    public var name: String
    /// The merchant path it was posted to.
    public var path: String
    /// The signed body, exactly as sent.
    public var body: Data
    /// How many attempts were made.
    public var attempts: Int
    /// Whether the merchant acknowledged it with a verified `S`.
    public var acknowledged: Bool
    /// Why each failed attempt did not count as an acknowledgement.
    public var failures: [String]
}
