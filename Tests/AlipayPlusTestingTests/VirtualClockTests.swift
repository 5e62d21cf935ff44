import AlipayPlusTesting
import Foundation
import XCTest

/// The virtual clock shared by every task of a simulated run never goes backwards.
final class VirtualClockTests: XCTestCase {
    func testTheTimeNeverGoesBackwardsWhateverASleepOrAnAdvanceAsksFor() async throws {
        let cases: [(name: String, step: Duration, moves: TimeInterval)] = [
            ("a positive sleep moves the time forward by it", .seconds(5), 5),
            ("a zero sleep leaves the time", .zero, 0),
            ("a sleep until a time already passed leaves the time", .seconds(-3), 0),
            ("a sub-second sleep moves by its fraction", .milliseconds(250), 0.25),
        ]
        for entry in cases {
            let start = Date(timeIntervalSince1970: 1_000_000)
            let sleeping = VirtualClock(start: start)
            try await sleeping.sleep(for: entry.step)
            XCTAssertEqual(sleeping.now.timeIntervalSince(start), entry.moves, accuracy: 1e-9, "sleep: \(entry.name)")
            let advancing = VirtualClock(start: start)
            advancing.advance(by: entry.step)
            XCTAssertEqual(advancing.now.timeIntervalSince(start), entry.moves, accuracy: 1e-9, "advance: \(entry.name)")
        }
    }

    /// Two waits on one clock: the one whose time has passed must not pull the other one's back.
    func testASleepUntilAPassedTimeDoesNotUndoAnotherTasksWait() async throws {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 0))
        let late = clock.now.addingTimeInterval(10)
        try await clock.sleep(for: .seconds(10))  // the late waiter sleeps first, to t = 10
        try await clock.sleep(for: .seconds(-9))  // the early one (t = 1) computed its wait before that
        XCTAssertGreaterThanOrEqual(clock.now, late, "the early waiter moved the time back before the late one's deadline")
    }
}
