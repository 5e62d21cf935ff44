@testable import AlipayPlus
import Foundation
import XCTest

/// One run per key, no task of its own: the first caller runs the work, the others wait for it, and
/// cancellation of one caller never fails or strands another.
final class SingleFlightTests: XCTestCase {
    /// Yields until `count` callers wait for `key` (no timing: it ends when they have joined).
    private func untilFollowers(_ count: Int, of key: String, in flight: SingleFlight<Int>) async {
        while flight.followers(of: key) < count { await Task.yield() }
    }

    func testConcurrentCallersForOneKeyShareOneRunOfTheWork() async throws {
        let flight = SingleFlight<Int>()
        let gate = FlowGate()
        let runs = FlowBox(0)
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                try await flight.run(key: "k") {
                    runs.value += 1
                    try await gate.pass()
                    return 42
                }
            }
            await gate.untilReached()
            for _ in 0..<5 {
                group.addTask { try await flight.run(key: "k") { runs.value += 1; return -1 } }
            }
            await untilFollowers(5, of: "k", in: flight)
            gate.release()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(results, Array(repeating: 42, count: 6))
        XCTAssertEqual(runs.value, 1)
        XCTAssertEqual(flight.followers(of: "k"), 0)
    }

    func testACancelledLeaderHandsTheWorkToAWaitingFollower() async throws {
        let flight = SingleFlight<Int>()
        let gate = FlowGate()
        try await withThrowingTaskGroup(of: Void.self) { outer in
            let leaderResult = FlowBox<String>("")
            await withTaskGroup(of: Void.self) { leaderGroup in
                leaderGroup.addTask {
                    do {
                        _ = try await flight.run(key: "k") {
                            try await gate.pass()
                            return 1
                        }
                        leaderResult.value = "value"
                    } catch is CancellationError {
                        leaderResult.value = "cancelled"
                    } catch {
                        leaderResult.value = "\(error)"
                    }
                }
                await gate.untilReached()
                outer.addTask {
                    let value = try await flight.run(key: "k") { 7 }
                    XCTAssertEqual(value, 7, "the follower runs the work itself instead of inheriting the cancellation")
                }
                await untilFollowers(1, of: "k", in: flight)
                leaderGroup.cancelAll()
            }
            XCTAssertEqual(leaderResult.value, "cancelled")
            try await outer.waitForAll()
        }
        XCTAssertEqual(flight.followers(of: "k"), 0)
    }

    func testACancelledFollowerStopsWaitingAndLeavesTheLeaderRunning() async throws {
        let flight = SingleFlight<Int>()
        let gate = FlowGate()
        try await withThrowingTaskGroup(of: Int.self) { leader in
            leader.addTask {
                try await flight.run(key: "k") {
                    try await gate.pass()
                    return 3
                }
            }
            await gate.untilReached()
            let followerResult = FlowBox<String>("")
            await withTaskGroup(of: Void.self) { followerGroup in
                followerGroup.addTask {
                    do {
                        _ = try await flight.run(key: "k") { -1 }
                        followerResult.value = "value"
                    } catch is CancellationError {
                        followerResult.value = "cancelled"
                    } catch {
                        followerResult.value = "\(error)"
                    }
                }
                await untilFollowers(1, of: "k", in: flight)
                followerGroup.cancelAll()
            }
            XCTAssertEqual(followerResult.value, "cancelled")
            XCTAssertEqual(flight.followers(of: "k"), 0)
            gate.release()
            let value = try await leader.next()
            XCTAssertEqual(value, 3)
        }
    }

    func testALeaderFailureIsSharedWithItsFollowers() async throws {
        struct Refused: Error {}
        let flight = SingleFlight<Int>()
        let gate = FlowGate()
        let failures = try await withThrowingTaskGroup(of: Bool.self) { group in
            let attempt: @Sendable () async -> Bool = {
                do {
                    _ = try await flight.run(key: "k") {
                        try await gate.pass()
                        throw Refused()
                    }
                    return false
                } catch {
                    return error is Refused
                }
            }
            group.addTask(operation: attempt)
            await gate.untilReached()
            group.addTask(operation: attempt)
            await untilFollowers(1, of: "k", in: flight)
            gate.release()
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        XCTAssertEqual(failures, 2)
    }
}
