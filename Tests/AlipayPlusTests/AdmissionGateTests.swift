@testable import AlipayPlus
import Foundation
import XCTest

final class AdmissionGateTests: XCTestCase {
    /// Counts holders and remembers the most seen at once.
    private final class Meter: @unchecked Sendable {
        private let lock = NSLock()
        private var current = 0
        private(set) var peak = 0
        private(set) var finished = 0

        func enter() { lock.withLock { current += 1; peak = max(peak, current) } }
        func leave() { lock.withLock { current -= 1; finished += 1 } }
    }

    func testNeverMoreThanTheLimitAndEveryoneGetsIn() async throws {
        let gate = AdmissionGate(limit: 3)
        let meter = Meter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    try await gate.run {
                        meter.enter()
                        await Task.yield()
                        try await Task.sleep(for: .microseconds(50))
                        meter.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        XCTAssertEqual(meter.finished, 200)
        XCTAssertLessThanOrEqual(meter.peak, 3)
        XCTAssertGreaterThanOrEqual(meter.peak, 1)
    }

    func testAThrowingHolderFreesItsPlace() async {
        struct Boom: Error {}
        let gate = AdmissionGate(limit: 1)
        for _ in 0..<3 {
            do {
                try await gate.run { throw Boom() }
                XCTFail("expected a throw")
            } catch {}
        }
        let value = await gate.run { 42 }
        XCTAssertEqual(value, 42)
    }

    func testTheLimitIsAtLeastOne() async {
        let gate = AdmissionGate(limit: 0)
        let value = await gate.run { "in" }
        XCTAssertEqual(value, "in")
    }
}
