import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// A replay whose request differs from the recording is a broken test: it throws the `CassetteError`
/// at once, never retried, never turned into an unknown outcome or resolved by inquiry.
final class CassetteMismatchTests: XCTestCase {
    func testTheClientRethrowsACassetteMismatchAtOnceAndUnchanged() async throws {
        let player = try CassetteTransport(replaying: FlowScenarios.chargeSucceeds.bundledCassette)
        let client = AlipayPlusClient(
            configuration: Harness.clientConfiguration(clock: VirtualClock(), alipayPlusKey: TestKeys.alipayPlusPublicKey),
            transport: player)
        do {
            // The recording starts with a prepare; an (idempotent) inquiry is not what was recorded.
            _ = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-S-1"))
            XCTFail("expected a CassetteError")
        } catch let error as CassetteError {
            XCTAssertEqual(error.code, .requestMismatch)
            XCTAssertEqual(error.exchangeIndex, 0)
        }
    }

    func testAChargeThroughACassetteWhoseRecordedBodyDiffersThrowsTheCassetteErrorAtOnce() async throws {
        let player = try CassetteTransport(replaying: FlowScenarios.chargeSucceeds.bundledCassette)
        let clock = VirtualClock()
        let client = AlipayPlusClient(
            configuration: Harness.clientConfiguration(clock: clock, alipayPlusKey: TestKeys.alipayPlusPublicKey),
            transport: player)
        let coordinator = try AutoDebitCoordinator(client: client, store: LocalAutoDebitStore(),
                                                   configuration: ScenarioContext.coordinatorConfiguration())
        let context = ScenarioContext(client: client, coordinator: coordinator, clock: clock, events: ScenarioEvents(),
                                      simulator: nil)
        try await context.bind()
        let boundAt = clock.now
        do {
            _ = try await context.charge("PAY-S-1", 600)   // recorded with 599
            XCTFail("expected a CassetteError")
        } catch let error as CassetteError {
            XCTAssertEqual(error.code, .requestMismatch)
            XCTAssertEqual(error.exchangeIndex, 2)
        }
        XCTAssertEqual(clock.now, boundAt, "thrown at once: no inquiry or cancel waits")
    }
}
