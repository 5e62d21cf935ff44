import AlipayPlusModels
import Foundation
import XCTest

final class SecretTests: XCTestCase {
    private func assertHidden(_ value: Any, _ secrets: [String], file: StaticString = #filePath, line: UInt = #line) {
        var dumped = ""
        dump(value, to: &dumped)
        for text in [String(describing: value), String(reflecting: value), dumped] {
            for secret in secrets {
                XCTAssertFalse(text.contains(secret), "leaked in: \(text)", file: file, line: line)
            }
        }
        XCTAssertTrue(String(describing: value).contains("redacted") || dumped.contains("redacted"), file: file, line: line)
    }

    func testPayRequestHidesAccessToken() {
        assertHidden(Fixtures.pay, [Fixtures.accessToken.revealed])
    }

    func testApplyTokenTypesHideTokens() {
        assertHidden(ApplyTokenResponse(result: .success, accessToken: "AT-VALUE-123", refreshToken: "RT-VALUE-456"), ["AT-VALUE-123", "RT-VALUE-456"])
        assertHidden(ApplyTokenRequest.authorizationCode(authClientId: "M1", authCode: "CODE-VALUE-789"), ["CODE-VALUE-789"])
    }

    func testAuthNotifyHidesCodeAndToken() throws {
        let body = #"{"authorizationNotifyType":"AUTHCODE_CREATED","authCode":"CODE-ABC-999","accessToken":"TOKEN-XYZ-888"}"#
        let notify = try AlipayPlusJSON.decode(AuthNotifyRequest.self, from: Data(body.utf8))
        assertHidden(notify, ["CODE-ABC-999", "TOKEN-XYZ-888"])
    }

    func testSecretEncodesAsPlainString() throws {
        XCTAssertEqual(try Fixtures.json(CancelTokenRequest(accessToken: "tok", authClientId: "M1")), #"{"accessToken":"tok","authClientId":"M1"}"#)
        XCTAssertEqual(Secret("x").description, "<redacted>")
        XCTAssertEqual(Secret("x").debugDescription, "<redacted>")
    }
}
