import Foundation

/// A source of uniform random numbers in `[0, 1]` for retry jitter.
///
/// Use ``system`` in production and ``seeded(_:)`` in tests for repeatable delays.
public struct RetryRandomSource: Sendable {
    private let next: @Sendable () -> Double

    /// Creates a source from a closure returning values in `[0, 1]` (values outside are clamped).
    ///
    /// - Parameter next: returns the next random value.
    public init(_ next: @escaping @Sendable () -> Double) {
        self.next = next
    }

    /// The system random number generator.
    public static var system: RetryRandomSource {
        RetryRandomSource { Double.random(in: 0...1) }
    }

    /// A deterministic source (SplitMix64) for tests: the same seed gives the same sequence.
    ///
    /// - Parameter seed: the seed.
    public static func seeded(_ seed: UInt64) -> RetryRandomSource {
        let state = SeededState(seed: seed)
        return RetryRandomSource { state.next() }
    }

    /// The next value, clamped to `[0, 1]`.
    public func nextUnit() -> Double {
        let value = next()
        guard value.isFinite else { return 0 }
        return min(max(value, 0), 1)
    }
}

/// SplitMix64 state behind a lock.
private final class SeededState: @unchecked Sendable {
    private let lock = NSLock()
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    func next() -> Double {
        lock.lock()
        defer { lock.unlock() }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
