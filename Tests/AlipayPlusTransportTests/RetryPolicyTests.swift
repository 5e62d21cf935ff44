import AlipayPlusTransport
import Foundation
import XCTest

final class RetryPolicyTests: XCTestCase {
    func testExponentialWithoutJitterDoublesUpToCap() {
        let policy: ExponentialRetryPolicy = .exponential(
            initial: .milliseconds(200), multiplier: 2, cap: .seconds(1), maxRetries: 5, jitter: .none
        )
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: nil), .milliseconds(200))
        XCTAssertEqual(policy.delay(beforeRetry: 2, retryAfter: nil), .milliseconds(400))
        XCTAssertEqual(policy.delay(beforeRetry: 3, retryAfter: nil), .milliseconds(800))
        XCTAssertEqual(policy.delay(beforeRetry: 4, retryAfter: nil), .seconds(1))
        XCTAssertEqual(policy.delay(beforeRetry: 5, retryAfter: nil), .seconds(1))
        XCTAssertNil(policy.delay(beforeRetry: 6, retryAfter: nil))
        XCTAssertNil(policy.delay(beforeRetry: 0, retryAfter: nil))
    }

    func testHugeRetryNumberStaysAtCap() {
        let policy = ExponentialRetryPolicy(cap: .seconds(5), maxRetries: 10_000, jitter: .none)
        XCTAssertEqual(policy.delay(beforeRetry: 5_000, retryAfter: nil), .seconds(5))
    }

    func testDefaultPolicy() {
        let policy: ExponentialRetryPolicy = .default
        XCTAssertEqual(policy.initial, .milliseconds(200))
        XCTAssertEqual(policy.multiplier, 2)
        XCTAssertEqual(policy.cap, .seconds(5))
        XCTAssertEqual(policy.maxRetries, 4)
        XCTAssertEqual(policy.jitter, .full)
        XCTAssertNotNil(policy.delay(beforeRetry: 4, retryAfter: nil))
        XCTAssertNil(policy.delay(beforeRetry: 5, retryAfter: nil))
    }

    func testNoneNeverRetries() {
        let policy: any RetryPolicy = .none
        XCTAssertNil(policy.delay(beforeRetry: 1, retryAfter: nil))
        XCTAssertNil(policy.delay(beforeRetry: 1, retryAfter: .seconds(1)))
    }

    func testFullJitterStaysWithinZeroAndBase() {
        let policy: ExponentialRetryPolicy = .exponential(cap: .seconds(5), maxRetries: 6, jitter: .full, random: .seeded(42))
        var distinct = Set<Duration>()
        for _ in 0..<200 {
            for retry in 1...6 {
                let base = policy.baseDelay(beforeRetry: retry)
                let delay = try! XCTUnwrap(policy.delay(beforeRetry: retry, retryAfter: nil))
                XCTAssertGreaterThanOrEqual(delay, .zero)
                XCTAssertLessThanOrEqual(delay, base)
                distinct.insert(delay)
            }
        }
        XCTAssertGreaterThan(distinct.count, 100, "jitter must actually vary")
    }

    func testEqualJitterStaysWithinHalfAndBase() {
        let policy: ExponentialRetryPolicy = .exponential(maxRetries: 4, jitter: .equal, random: .seeded(7))
        for _ in 0..<200 {
            for retry in 1...4 {
                let base = policy.baseDelay(beforeRetry: retry)
                let delay = try! XCTUnwrap(policy.delay(beforeRetry: retry, retryAfter: nil))
                XCTAssertGreaterThanOrEqual(delay, base / 2)
                XCTAssertLessThanOrEqual(delay, base)
            }
        }
    }

    func testSeededSourceIsRepeatable() {
        let first: ExponentialRetryPolicy = .exponential(random: .seeded(2026))
        let second: ExponentialRetryPolicy = .exponential(random: .seeded(2026))
        let a = (1...4).map { first.delay(beforeRetry: $0, retryAfter: nil) }
        let b = (1...4).map { second.delay(beforeRetry: $0, retryAfter: nil) }
        XCTAssertEqual(a, b)
        let other: ExponentialRetryPolicy = .exponential(random: .seeded(2027))
        XCTAssertNotEqual(a, (1...4).map { other.delay(beforeRetry: $0, retryAfter: nil) })
    }

    func testInjectedRandomValuesAreUsedAndClamped() {
        let half: ExponentialRetryPolicy = .exponential(initial: .seconds(1), jitter: .full, random: RetryRandomSource { 0.5 })
        XCTAssertEqual(half.delay(beforeRetry: 1, retryAfter: nil), .milliseconds(500))
        let tooBig: ExponentialRetryPolicy = .exponential(initial: .seconds(1), jitter: .full, random: RetryRandomSource { 7 })
        XCTAssertEqual(tooBig.delay(beforeRetry: 1, retryAfter: nil), .seconds(1))
        let equal: ExponentialRetryPolicy = .exponential(initial: .seconds(2), jitter: .equal, random: RetryRandomSource { 0 })
        XCTAssertEqual(equal.delay(beforeRetry: 1, retryAfter: nil), .seconds(1))
    }

    func testRetryAfterIsAFloorAndHasACap() {
        let policy: ExponentialRetryPolicy = .exponential(
            initial: .milliseconds(200), maxRetries: 3, jitter: .none, maxRetryAfter: .seconds(30)
        )
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: .seconds(3)), .seconds(3))
        XCTAssertEqual(policy.delay(beforeRetry: 2, retryAfter: .milliseconds(100)), .milliseconds(400))
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: .seconds(30)), .seconds(30))
        XCTAssertNil(policy.delay(beforeRetry: 1, retryAfter: .seconds(31)))
        XCTAssertNil(policy.delay(beforeRetry: 4, retryAfter: .seconds(1)))
    }

    func testDeadlineHelperStopsWhenNoTimeIsLeft() {
        let policy: ExponentialRetryPolicy = .exponential(initial: .seconds(1), jitter: .none)
        let now = ContinuousClock.now
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: nil, now: now, deadline: nil), .seconds(1))
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: nil, now: now, deadline: now + .seconds(2)), .seconds(1))
        XCTAssertNil(policy.delay(beforeRetry: 1, retryAfter: nil, now: now, deadline: now + .seconds(1)))
        XCTAssertNil(policy.delay(beforeRetry: 2, retryAfter: nil, now: now, deadline: now + .seconds(1)))
    }
}

final class RetryAfterTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 784_111_777) // Sun, 06 Nov 1994 08:49:37 GMT

    func testDeltaSeconds() {
        XCTAssertEqual(RetryAfter.parse("120", now: now), .seconds(120))
        XCTAssertEqual(RetryAfter.parse(" 0 ", now: now), .zero)
        XCTAssertEqual(RetryAfter.parse("99999999999999999999", now: now), .seconds(2_147_483_647))
        XCTAssertNil(RetryAfter.parse("-5", now: now))
        XCTAssertNil(RetryAfter.parse("1.5", now: now))
        XCTAssertNil(RetryAfter.parse("", now: now))
        XCTAssertNil(RetryAfter.parse("soon", now: now))
    }

    func testHTTPDateForms() {
        XCTAssertEqual(RetryAfter.parse("Sun, 06 Nov 1994 08:50:07 GMT", now: now), .seconds(30))
        XCTAssertEqual(RetryAfter.parse("Sunday, 06-Nov-94 08:50:37 GMT", now: now), .seconds(60))
        XCTAssertEqual(RetryAfter.parse("Sun Nov  6 08:49:47 1994", now: now), .seconds(10))
        XCTAssertEqual(RetryAfter.parse("Mon, 07 Nov 1994 08:49:37 GMT", now: now), .seconds(86_400))
    }

    func testDateInThePastIsZero() {
        XCTAssertEqual(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now), .zero)
    }

    func testLeapDayAndMalformedDates() {
        let leap = Date(timeIntervalSince1970: 1_709_164_800) // 2024-02-29T00:00:00Z
        XCTAssertEqual(RetryAfter.parse("Thu, 29 Feb 2024 00:00:05 GMT", now: leap), .seconds(5))
        XCTAssertNil(RetryAfter.parse("Thu, 30 Feb 2024 00:00:05 GMT", now: leap))
        XCTAssertNil(RetryAfter.parse("Sun, 06 Foo 1994 08:49:37 GMT", now: now))
        XCTAssertNil(RetryAfter.parse("Sun, 06 Nov 1994 25:49:37 GMT", now: now))
        XCTAssertNil(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 PST", now: now))
    }
}
