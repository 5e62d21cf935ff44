import AlipayPlusModels
import AlipayPlusTesting
import Foundation
import XCTest

/// The simulator's own records of the tokens and auth codes it issued never show in `dump` or
/// `Mirror`, like the library's types.
final class SimulatorRedactionTests: XCTestCase {
    func testTheSimulatorNeverShowsTheTokensItIssuedInADump() async throws {
        let harness = try Harness()
        let tokens = try await harness.bind()
        let access = try XCTUnwrap(tokens.accessToken?.revealed)
        let refresh = try XCTUnwrap(tokens.refreshToken?.revealed)
        var dumped = ""
        dump(harness.simulator, to: &dumped, maxDepth: 12)
        XCTAssertFalse(dumped.contains(access), "access token in dump")
        XCTAssertFalse(dumped.contains(refresh), "refresh token in dump")
        XCTAssertFalse(dumped.contains("SIMAC"), "auth code in dump")
    }
}
