/// How long to wait before retrying a request, and when to stop.
///
/// Which failures are retried is decided by the client, which knows whether the operation is
/// idempotent and whether the request was sent; the policy only does the backoff arithmetic.
/// Use a static factory:
///
/// ```swift
/// let policy: any RetryPolicy = .default                      // 0.2 s × 2ⁿ, cap 5 s, full jitter, 4 retries
/// let none: any RetryPolicy = .none
/// let custom: any RetryPolicy = .exponential(initial: .milliseconds(100), multiplier: 3,
///                                            cap: .seconds(2), maxRetries: 6, jitter: .equal)
/// ```
///
/// Implement your own by returning the delay before retry number `retry` (1-based), or `nil` to stop.
public protocol RetryPolicy: Sendable {
    /// The delay before retry number `retry`, or `nil` to stop retrying.
    ///
    /// - Parameters:
    ///   - retry: which retry this would be: 1 for the first re-send after the original attempt.
    ///   - retryAfter: the server's `Retry-After`, already parsed (see `RetryAfter`), if any.
    /// - Returns: how long to wait before sending again, or `nil` when no more retries should happen.
    func delay(beforeRetry retry: Int, retryAfter: Duration?) -> Duration?
}

extension RetryPolicy {
    /// The delay before retry number `retry`, or `nil` when the policy stops or the retry could not
    /// start before `deadline`.
    ///
    /// A retry that would only begin at or after the deadline has no time left to run, so this
    /// returns `nil` rather than a clamped delay that would end in a certain timeout.
    ///
    /// - Parameters:
    ///   - retry: which retry this would be (1-based).
    ///   - retryAfter: the server's `Retry-After`, if any.
    ///   - now: the current instant.
    ///   - deadline: the instant by which the whole operation must finish, or `nil` for none.
    public func delay(
        beforeRetry retry: Int,
        retryAfter: Duration?,
        now: ContinuousClock.Instant,
        deadline: ContinuousClock.Instant?
    ) -> Duration? {
        guard let delay = self.delay(beforeRetry: retry, retryAfter: retryAfter) else { return nil }
        if let deadline, now.advanced(by: delay) >= deadline {
            return nil
        }
        return delay
    }
}

extension RetryPolicy where Self == ExponentialRetryPolicy {
    /// The recommended policy: 0.2 s initial delay, doubling, capped at 5 s, full jitter, at most 4
    /// retries; honours `Retry-After` up to 30 s.
    public static var `default`: ExponentialRetryPolicy {
        ExponentialRetryPolicy()
    }

    /// Exponential backoff: `min(cap, initial × multiplier^(retry−1))`, then jitter.
    ///
    /// - Parameters:
    ///   - initial: the delay before the first retry, before jitter.
    ///   - multiplier: the growth factor per retry (at least 1).
    ///   - cap: the largest delay, before jitter.
    ///   - maxRetries: how many retries at most.
    ///   - jitter: how the delay is randomised.
    ///   - maxRetryAfter: the longest server-requested `Retry-After` that is honoured; longer ones stop.
    ///   - random: the random source for jitter (inject a seeded one in tests).
    public static func exponential(
        initial: Duration = .milliseconds(200),
        multiplier: Double = 2,
        cap: Duration = .seconds(5),
        maxRetries: Int = 4,
        jitter: ExponentialRetryPolicy.Jitter = .full,
        maxRetryAfter: Duration = .seconds(30),
        random: RetryRandomSource = .system
    ) -> ExponentialRetryPolicy {
        ExponentialRetryPolicy(
            initial: initial, multiplier: multiplier, cap: cap, maxRetries: maxRetries,
            jitter: jitter, maxRetryAfter: maxRetryAfter, random: random
        )
    }
}

extension RetryPolicy where Self == NoRetryPolicy {
    /// Never retries.
    public static var none: NoRetryPolicy {
        NoRetryPolicy()
    }
}

/// A policy that never retries.
public struct NoRetryPolicy: RetryPolicy {
    /// Creates the policy.
    public init() {}

    /// Always `nil`.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?) -> Duration? {
        nil
    }
}
