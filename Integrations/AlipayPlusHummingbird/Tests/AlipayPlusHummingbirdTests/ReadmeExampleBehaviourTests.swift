import AlipayPlusHummingbird
import AlipayPlusTesting
import Hummingbird
import XCTest

/// The README's example (ReadmeExampleTests.swift, compiled with only the README's imports) at work.
final class ReadmeExampleTests: XCTestCase {
    func testTheReadmeRouterSendsTheUserOnWhenTheRedirectCarriesNoAuthCode() async throws {
        let f = try InboundTestFixture()
        try await withLoopbackServer(makeRouter(coordinator: f.coordinator)) { merchant in
            let answer = try await merchant.get("/alipayplus/return?authState=unknown")
            XCTAssertEqual(answer.status, 303)
            XCTAssertEqual(answer.headers["Location"], "/account?bound=0")
        }
    }
}
