public import Foundation

/// The source of wall-clock time and of waiting, for everything the library schedules.
///
/// The library never reads the system clock directly: request times, token-expiry margins, deadlines
/// and the inquiry schedule all go through a clock, so tests can run a 60-second inquiry window
/// instantly (see `VirtualClock` in AlipayPlusTesting).
///
/// Implement your own to bridge a clock your server already has:
/// ```swift
/// struct ServerClock: AlipayPlusClock {
///     var now: Date { Date() }
///     func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
/// }
/// ```
public protocol AlipayPlusClock: Sendable {
    /// The current wall-clock time.
    var now: Date { get }

    /// Suspends the calling task for `duration`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `Date()` for the time and `Task.sleep` for waiting.
public struct SystemClock: AlipayPlusClock {
    /// Creates the system clock.
    public init() {}

    /// The current time from the system.
    public var now: Date { Date() }

    /// Waits with `Task.sleep`, throwing on cancellation.
    ///
    /// - Throws: `CancellationError` when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

extension Duration {
    /// The duration as a `TimeInterval`, for Foundation APIs.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// The duration in whole milliseconds, for events and logs.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

extension Date {
    /// The time from `self` to `later` as a `Duration` (negative when `later` is earlier).
    func duration(to later: Date) -> Duration {
        .milliseconds(Int64((later.timeIntervalSince(self) * 1000).rounded()))
    }

    /// How long to sleep from `self` to reach `deadline`: the time left in whole milliseconds, and at
    /// least 1 ms. Less than half a millisecond left would round to no sleep at all, and a clock that
    /// moves only when slept on (a test's virtual clock) would then never reach the deadline.
    func sleep(until deadline: Date) -> Duration {
        max(duration(to: deadline), .milliseconds(1))
    }

    /// `self` moved forward by `duration`.
    func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.timeInterval)
    }
}
