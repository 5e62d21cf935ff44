public import AlipayPlus
public import Foundation

/// A clock whose time moves only when something sleeps or a test advances it.
///
/// `sleep(for:)` returns at once after moving the time forward, so the 60-second inquiry window of a
/// charge runs in microseconds. With many tasks sleeping at once, time moves by the sum of their
/// sleeps: it never goes backwards, which is all the flows rely on.
public final class VirtualClock: AlipayPlusClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// Creates a clock reading `start` (by default 2026-11-29T05:25:09Z).
    public init(start: Date = Date(timeIntervalSince1970: 1_795_929_909)) {
        current = start
    }

    /// The virtual time.
    public var now: Date {
        lock.withLock { current }
    }

    /// Moves the time forward by `duration`; a zero or negative duration changes nothing, so the time
    /// never goes backwards.
    public func advance(by duration: Duration) {
        guard duration > .zero else { return }
        let (seconds, attoseconds) = duration.components
        let interval = TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
        lock.withLock { current = current.addingTimeInterval(interval) }
    }

    /// Moves the time forward by `duration` and yields, instead of waiting.
    ///
    /// A sleep until a time that has already passed (another task moved the clock beyond it while this
    /// one computed its wait) only yields: with the clock shared by many tasks, a negative sleep must not
    /// pull the time back under the others' feet, or their waits never end.
    ///
    /// - Throws: `CancellationError` when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(by: duration)
        await Task.yield()
    }
}
