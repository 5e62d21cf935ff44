import AlipayPlusModels
import Foundation
import XCTest

final class ResultCodeTests: XCTestCase {
    func testDocumentedActions() {
        let table: [(ResultCode, ResultAction)] = [
            (.success, .succeed), (.paymentInProcess, .inquire), (.unknownException, .inquire),
            (.requestTrafficExceedLimit, .retrySameRequest), (.expiredAccessToken, .refreshToken),
            (.invalidAccessToken, .reauthorize), (.invalidToken, .reauthorize), (.expiredRefreshToken, .reauthorize),
            (.invalidRefreshToken, .reauthorize), (.repeatReqInconsistent, .fixRequest), (.paramIllegal, .fixRequest),
            (.invalidSignature, .fixRequest), (.keyNotFound, .fixRequest), (.userBalanceNotEnough, .fail),
            (.orderIsClosed, .fail), (.riskReject, .fail), (.orderNotExist, .fail), (.merchantNotRegistered, .fail),
            (.processFail, .fail), ("SOMETHING_NEW", .fail),
        ]
        for (code, action) in table { XCTAssertEqual(code.documentedAction, action, code.rawValue) }
    }

    func testStatusUOverridesUnknownCode() {
        XCTAssertEqual(APIResult(resultCode: "SOMETHING_NEW", resultStatus: .unknown).documentedAction, .inquire)
        XCTAssertEqual(APIResult(resultCode: "SOMETHING_NEW", resultStatus: .failure).documentedAction, .fail)
        XCTAssertEqual(APIResult(resultCode: .requestTrafficExceedLimit, resultStatus: .unknown).documentedAction, .retrySameRequest)
    }

    func testUnknownCodesAndStatusesSurviveDecoding() throws {
        let body = #"{"resultCode":"BRAND_NEW_CODE","resultStatus":"X","resultMessage":"m"}"#
        let result = try AlipayPlusJSON.decode(APIResult.self, from: Data(body.utf8))
        XCTAssertEqual(result.resultCode.rawValue, "BRAND_NEW_CODE")
        XCTAssertEqual(result.resultStatus, .other("X"))
        XCTAssertEqual(try Fixtures.json(result), #"{"resultCode":"BRAND_NEW_CODE","resultMessage":"m","resultStatus":"X"}"#)
    }

    func testUnknownEnumValuesSurviveDecoding() throws {
        let notify = try AlipayPlusJSON.decode(AuthNotifyRequest.self, from: Data(#"{"authorizationNotifyType":"TOKEN_REFRESHED"}"#.utf8))
        XCTAssertEqual(notify.authorizationNotifyType, .unknown("TOKEN_REFRESHED"))
        let env = try AlipayPlusJSON.decode(Env.self, from: Data(#"{"terminalType":"KIOSK","osType":"HARMONY"}"#.utf8))
        XCTAssertEqual(env.terminalType, .unknown("KIOSK"))
        XCTAssertEqual(env.osType, .unknown("HARMONY"))
        XCTAssertEqual(try Fixtures.json(env), #"{"osType":"HARMONY","terminalType":"KIOSK"}"#)
        let tx = try AlipayPlusJSON.decode(Transaction.self, from: Data(#"{"transactionType":"DISPUTE","transactionStatus":"HELD"}"#.utf8))
        XCTAssertEqual(tx.transactionType, .unknown("DISPUTE"))
        XCTAssertEqual(tx.transactionStatus, .unknown("HELD"))
        XCTAssertEqual(GrantType(rawValue: "CLIENT_CREDENTIALS"), .unknown("CLIENT_CREDENTIALS"))
        XCTAssertEqual(PresentmentMode(rawValue: "BUNDLE"), .unknown("BUNDLE"))
        XCTAssertEqual(RegistrationStatus(rawValue: "X"), .unknown("X"))
        for type in ["AUTHCODE_CREATED", "TOKEN_CREATED", "TOKEN_CANCELED"] {
            XCTAssertEqual(AuthorizationNotifyType(rawValue: type).rawValue, type)
            if case .unknown = AuthorizationNotifyType(rawValue: type) { XCTFail(type) }
        }
    }
}
