import AlipayPlus
import Foundation
import XCTest

/// `AutoDebitCoordinator.Configuration`: the merchant facts at the top, the timings in groups with the
/// spec's defaults, so the minimal configuration stays the documented one.
final class CoordinatorConfigurationGroupsTests: XCTestCase {
    private static let minimal = AutoDebitCoordinator.Configuration(
        authClientId: "M0001", authClientName: "Demo Ltd",
        authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
        merchant: Merchant(referenceMerchantId: "M0001"), settlementCurrency: "HKD"
    )

    func testTheGroupedTimingsDefaultToTheSpecsValues() {
        let c = Self.minimal
        let table: [(name: String, value: String, expected: String)] = [
            ("scopes", "\(c.scopes)", "[\"AGREEMENT_PAY\"]"),
            ("refreshMargin", "\(c.refreshMargin)", "\(Duration.seconds(300))"),
            ("resolution.inquiryInterval", "\(c.resolution.inquiryInterval)", "\(Duration.seconds(3))"),
            ("resolution.inquiryWindow", "\(c.resolution.inquiryWindow)", "\(Duration.seconds(60))"),
            ("resolution.cancelAttempts", "\(c.resolution.cancelAttempts)", "10"),
            ("resolution.cancelRetryDelay", "\(c.resolution.cancelRetryDelay)", "\(Duration.seconds(3))"),
            ("inbound.bodyLimit", "\(c.inbound.bodyLimit)", "\(1 << 20)"),
            ("inbound.timeWindow", "\(String(describing: c.inbound.timeWindow))", "\(String(describing: Duration?.some(.seconds(300))))"),
            ("inbound.answerBudget", "\(c.inbound.answerBudget)", "\(Duration.seconds(4))"),
            ("coordination.leaseTTL", "\(c.coordination.leaseTTL)", "\(Duration.seconds(30))"),
            ("coordination.leasePollInterval", "\(c.coordination.leasePollInterval)", "\(Duration.milliseconds(100))"),
            ("coordination.recoveryInterval", "\(String(describing: c.coordination.recoveryInterval))",
             "\(String(describing: Duration?.some(.seconds(60))))"),
            ("coordination.maximumConcurrentCharges", "\(c.coordination.maximumConcurrentCharges)", "128"),
        ]
        for row in table {
            XCTAssertEqual(row.value, row.expected, row.name)
        }
        XCTAssertTrue(c.coordination.instanceId.hasPrefix("instance-"), c.coordination.instanceId)
        XCTAssertNotEqual(AutoDebitCoordinator.Configuration.Coordination().instanceId,
                          AutoDebitCoordinator.Configuration.Coordination().instanceId,
                          "each configuration gets its own random instance id")
    }
}
