import AlipayPlusTesting
import Foundation
import XCTest

/// The CI soak: `ALIPAYPLUS_SOAK_CHARGES` (default 2,000) charges from `ALIPAYPLUS_SOAK_SEED`.
final class SoakTests: XCTestCase {
    func testSoakNeverLosesOrDoublesMoney() async throws {
        let configuration = SoakConfiguration.fromEnvironment()
        print("soak: starting with seed=\(configuration.seed) charges=\(configuration.charges)")
        let report = try await SoakRunner(configuration: configuration).run()
        print(report.text())
        XCTAssertTrue(report.passed, report.text())
        XCTAssertGreaterThanOrEqual(report.crashes, min(20, configuration.plannedCrashes), "too few crashes")
        XCTAssertEqual(report.outcomes.values.reduce(0, +), configuration.charges)
    }
}
