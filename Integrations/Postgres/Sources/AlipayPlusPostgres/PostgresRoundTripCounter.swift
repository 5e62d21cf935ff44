import Foundation

/// Counts the statements the store sends to the database: each is one round trip (every contract
/// operation is one statement, so a charge's round trips are its store calls).
///
/// Pass one to the store to measure (the bench does); reading and resetting are thread-safe.
public final class PostgresRoundTripCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// A counter at zero.
    public init() {}

    /// The round trips counted so far.
    public var value: Int {
        lock.withLock { count }
    }

    /// Sets the count back to zero and returns what it was.
    @discardableResult
    public func reset() -> Int {
        lock.withLock {
            defer { count = 0 }
            return count
        }
    }

    func increment() {
        lock.withLock { count += 1 }
    }
}
