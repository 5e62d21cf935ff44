@testable import AlipayPlus
import AlipayPlusTesting
import Foundation
import XCTest

/// A resolution's wait reaches its deadline on every clock: the sleep is the time left in whole
/// milliseconds and never zero, so a virtual clock that moves only when slept on cannot spin.
final class SleepUntilDeadlineTests: XCTestCase {
    func testTheSleepIsTheTimeLeftInMillisecondsAndAtLeastOne() {
        let now = Date(timeIntervalSinceReferenceDate: 800_000_000)
        let rows: [(left: TimeInterval, sleep: Duration)] = [
            (2, .milliseconds(2000)),
            (2.0004, .milliseconds(2000)),
            (0.0006, .milliseconds(1)),
            (0.0003, .milliseconds(1)),  // rounds to 0 ms: would never move a virtual clock
            (0.000_000_1, .milliseconds(1)),  // floating-point residue of many sleeps
            (0, .milliseconds(1)),
            (-5, .milliseconds(1)),
        ]
        for row in rows {
            XCTAssertEqual(now.sleep(until: now.addingTimeInterval(row.left)), row.sleep, "\(row.left) s left")
        }
    }

    func testAVirtualClockReachesADeadlineLessThanHalfAMillisecondAway() async throws {
        let clock = VirtualClock()
        let deadline = clock.now.addingTimeInterval(0.0003)
        var sleeps = 0
        while clock.now < deadline, sleeps < 10 {
            try await clock.sleep(for: clock.now.sleep(until: deadline))
            sleeps += 1
        }
        XCTAssertGreaterThanOrEqual(clock.now, deadline)
        XCTAssertEqual(sleeps, 1)
    }
}
