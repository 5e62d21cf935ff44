import AlipayPlusTesting
import Foundation
import XCTest

/// Each flow scenario twice: live against the simulator (recording its cassette when
/// `ALIPAYPLUS_RECORD_CASSETTES=1`), and replayed from the committed cassette with no simulator.
final class FlowCassetteTests: XCTestCase {
    func testBindAndApplyTokenLive() async throws { try await FlowScenarios.bindAndApplyToken.runLive() }
    func testBindAndApplyTokenReplay() async throws { try await FlowScenarios.bindAndApplyToken.runReplay() }

    func testChargeSucceedsLive() async throws { try await FlowScenarios.chargeSucceeds.runLive() }
    func testChargeSucceedsReplay() async throws { try await FlowScenarios.chargeSucceeds.runReplay() }

    func testChargeFailsLive() async throws { try await FlowScenarios.chargeFails.runLive() }
    func testChargeFailsReplay() async throws { try await FlowScenarios.chargeFails.runReplay() }

    func testUnknownThenInquirySucceedsLive() async throws { try await FlowScenarios.unknownThenInquirySucceeds.runLive() }
    func testUnknownThenInquirySucceedsReplay() async throws { try await FlowScenarios.unknownThenInquirySucceeds.runReplay() }

    func testUnknownThenCancelLive() async throws { try await FlowScenarios.unknownThenCancel.runLive() }
    func testUnknownThenCancelReplay() async throws { try await FlowScenarios.unknownThenCancel.runReplay() }

    func testRefundLive() async throws { try await FlowScenarios.refund.runLive() }
    func testRefundReplay() async throws { try await FlowScenarios.refund.runReplay() }

    func testRefundOverLimitLive() async throws { try await FlowScenarios.refundOverLimit.runLive() }
    func testRefundOverLimitReplay() async throws { try await FlowScenarios.refundOverLimit.runReplay() }

    func testTokenRefreshLive() async throws { try await FlowScenarios.tokenRefresh.runLive() }
    func testTokenRefreshReplay() async throws { try await FlowScenarios.tokenRefresh.runReplay() }

    func testUnbindLive() async throws { try await FlowScenarios.unbind.runLive() }
    func testUnbindReplay() async throws { try await FlowScenarios.unbind.runReplay() }

    func testClientIdempotentPayLive() async throws { try await FlowScenarios.clientIdempotentPay.runLive() }
    func testClientIdempotentPayReplay() async throws { try await FlowScenarios.clientIdempotentPay.runReplay() }

    /// Every scenario has a test pair above and a committed cassette without raw secrets.
    func testEveryScenarioHasACommittedCassetteWithoutSecrets() throws {
        XCTAssertEqual(FlowScenarios.all.count, 10)
        XCTAssertEqual(Set(FlowScenarios.all.map(\.name)).count, FlowScenarios.all.count)
        for scenario in FlowScenarios.all {
            let text = try String(contentsOf: scenario.bundledCassette, encoding: .utf8)
            for raw in ["SIMAT", "SIMRT", "SIMAC"] {
                XCTAssertFalse(text.contains(raw), "\(scenario.cassetteFile) holds a raw secret (\(raw)…)")
            }
            XCTAssertFalse(text.contains("Request-Time"), scenario.cassetteFile)
        }
    }
}
