import AlipayPlusTesting
import XCTest

/// The process soak's kill schedule: a pure value of the seed.
final class ProcessKillScheduleTests: XCTestCase {
    func testTheSameSeedGivesTheSameKillsAndAnotherSeedOthers() {
        let first = ProcessKillSchedule(seed: 42, kills: 30, charges: 1_000, instances: 1)
        XCTAssertEqual(first, ProcessKillSchedule(seed: 42, kills: 30, charges: 1_000, instances: 1))
        XCTAssertNotEqual(first, ProcessKillSchedule(seed: 43, kills: 30, charges: 1_000, instances: 1))
    }

    func testEveryPlannedKillIsScheduledAndEveryPhaseIsAimedAt() {
        struct Row { var kills: Int; var charges: Int; var instances: Int }
        let rows = [Row(kills: 0, charges: 100, instances: 1), Row(kills: 5, charges: 100, instances: 1),
                    Row(kills: 33, charges: 1_000, instances: 1), Row(kills: 300, charges: 20_000, instances: 1),
                    Row(kills: 20, charges: 2_000, instances: 3)]
        for row in rows {
            let schedule = ProcessKillSchedule(seed: 7, kills: row.kills, charges: row.charges, instances: row.instances)
            XCTAssertEqual(schedule.count, row.kills, "\(row)")
            XCTAssertEqual(schedule.moments.count, row.instances, "\(row)")
            let phases = Dictionary(grouping: schedule.moments.flatMap { $0 }, by: \.phase).mapValues(\.count)
            if row.kills >= 30 {
                for phase in ["opening", "recovering", "serving"] {
                    XCTAssertGreaterThan(phases[phase] ?? 0, row.kills / 8, "\(row): \(phase) in \(phases)")
                }
            }
        }
    }

    func testMomentsStayWithinTheirBoundsAndServingKillsLandWhileChargesRun() {
        let charges = 1_000
        let schedule = ProcessKillSchedule(seed: 2026, kills: 40, charges: charges, instances: 1)
        var servingCharges = 0
        for moment in schedule.moments[0] {
            switch moment {
            case .whileOpening(let fraction):
                XCTAssertTrue((0..<1.2).contains(fraction), "\(moment)")
            case .whileRecovering(let microseconds):
                XCTAssertTrue((0..<ProcessKillSchedule.maximumRecoveringDelayMicroseconds).contains(microseconds), "\(moment)")
            case .whileServing(let count):
                XCTAssertGreaterThanOrEqual(count, 1)
                servingCharges += count
            }
        }
        XCTAssertLessThan(servingCharges, charges, "every serving kill comes before the charges run out")
    }

    func testKillsAreSpreadOverTheInstances() {
        let schedule = ProcessKillSchedule(seed: 5, kills: 60, charges: 3_000, instances: 3)
        for (instance, moments) in schedule.moments.enumerated() {
            XCTAssertGreaterThan(moments.count, 5, "instance \(instance)")
        }
    }
}
