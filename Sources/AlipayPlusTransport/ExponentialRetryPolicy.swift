import Foundation

/// Exponential backoff with optional jitter and `Retry-After` support.
///
/// The base delay before retry `n` (1-based) is `min(cap, initial × multiplier^(n−1))`. Jitter then
/// picks the actual delay:
/// - ``Jitter/none``: the base delay;
/// - ``Jitter/full``: uniform in `[0, base]` (spreads clients best);
/// - ``Jitter/equal``: uniform in `[base/2, base]`.
///
/// `Retry-After` from the server: the delay is `max(jittered, retryAfter)` — never sooner than the
/// server asked. When the server asks for more than ``maxRetryAfter`` (30 s by default) the policy
/// stops (`nil`): waiting that long is outside any Alipay+ call's time budget, and retrying sooner
/// than asked would be pointless. The caller then inquires or reports the outcome as unknown.
public struct ExponentialRetryPolicy: RetryPolicy {
    /// How the computed delay is randomised.
    public enum Jitter: Sendable, Hashable {
        /// No randomisation.
        case none
        /// Uniform in `[0, delay]`.
        case full
        /// Uniform in `[delay/2, delay]`.
        case equal
    }

    /// The delay before the first retry, before jitter.
    public let initial: Duration
    /// The growth factor per retry.
    public let multiplier: Double
    /// The largest delay before jitter.
    public let cap: Duration
    /// How many retries at most.
    public let maxRetries: Int
    /// How the delay is randomised.
    public let jitter: Jitter
    /// The longest `Retry-After` honoured; a longer one stops retrying.
    public let maxRetryAfter: Duration
    /// The random source used for jitter.
    public let random: RetryRandomSource

    /// Creates a policy; defaults are those of ``RetryPolicy/default``.
    ///
    /// - Parameters:
    ///   - initial: the delay before the first retry (negative values count as zero).
    ///   - multiplier: the growth factor (values below 1 count as 1).
    ///   - cap: the largest delay before jitter.
    ///   - maxRetries: how many retries at most.
    ///   - jitter: the randomisation.
    ///   - maxRetryAfter: the longest `Retry-After` honoured.
    ///   - random: the random source.
    public init(
        initial: Duration = .milliseconds(200),
        multiplier: Double = 2,
        cap: Duration = .seconds(5),
        maxRetries: Int = 4,
        jitter: Jitter = .full,
        maxRetryAfter: Duration = .seconds(30),
        random: RetryRandomSource = .system
    ) {
        self.initial = max(initial, .zero)
        self.multiplier = max(multiplier.isFinite ? multiplier : 1, 1)
        self.cap = max(cap, .zero)
        self.maxRetries = max(maxRetries, 0)
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
        self.random = random
    }

    /// The base delay before retry `retry` without jitter: `min(cap, initial × multiplier^(retry−1))`.
    public func baseDelay(beforeRetry retry: Int) -> Duration {
        let exponent = Double(max(retry - 1, 0))
        let seconds = initial.seconds * pow(multiplier, exponent)
        guard seconds.isFinite, seconds < cap.seconds else { return cap }
        return .seconds(seconds)
    }

    /// The delay before retry `retry` (1-based), or `nil` past ``maxRetries`` or when `retryAfter`
    /// exceeds ``maxRetryAfter``.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?) -> Duration? {
        guard retry >= 1, retry <= maxRetries else { return nil }
        if let retryAfter, retryAfter > maxRetryAfter { return nil }
        let base = baseDelay(beforeRetry: retry).seconds
        let jittered: Double
        switch jitter {
        case .none: jittered = base
        case .full: jittered = base * random.nextUnit()
        case .equal: jittered = base / 2 + base / 2 * random.nextUnit()
        }
        let computed = Duration.seconds(jittered)
        guard let retryAfter else { return computed }
        return max(computed, retryAfter)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
