public import Foundation

/// A lease held on a name in the store: single flight across every process that shares it.
///
/// Stores create leases (``LeaseStore/acquireLease(_:owner:ttl:now:)``); a write made under one
/// carries its ``fencingToken``, and the store refuses it once a newer lease of the same name was
/// issued (``StoreError/Code-swift.struct/leaseLost``).
public struct Lease: Sendable, Hashable, Codable {
    /// What is leased, such as `refresh:<bindingId>` or `payment:<paymentRequestId>`.
    public var name: String
    /// The holder (the coordinator's instance id).
    public var owner: String
    /// Grows strictly with every acquisition of `name`; writes under the lease carry it.
    public var fencingToken: Int64
    /// When the lease lapses unless renewed.
    public var expiresAt: Date

    /// Creates a lease value (stores create them; tests may too).
    public init(name: String, owner: String, fencingToken: Int64, expiresAt: Date) {
        self.name = name
        self.owner = owner
        self.fencingToken = fencingToken
        self.expiresAt = expiresAt
    }

    /// Whether the lease has lapsed at `now` (an expired lease may be taken by another owner).
    public func isExpired(at now: Date) -> Bool { expiresAt <= now }

    /// The lease name for a payment's resolution.
    public static func payment(_ paymentRequestId: String) -> String { "payment:\(paymentRequestId)" }
    /// The lease name for a refund's sending.
    public static func refund(_ refundRequestId: String) -> String { "refund:\(refundRequestId)" }
    /// The lease name for a binding's token refresh.
    public static func refresh(_ bindingId: String) -> String { "refresh:\(bindingId)" }
    /// The lease name for an auth-code exchange.
    public static func authorization(_ authState: String) -> String { "authorization:\(authState)" }
}
