@testable import AlipayPlus
import AlipayPlusModels
import Foundation
import XCTest

/// The binding rules as a table of (binding, transition) → (binding, changed).
final class BindingTransitionTests: XCTestCase {
    private static let created = Date(timeIntervalSince1970: 1_800_000_000)
    private static let now = created.addingTimeInterval(3_600)
    private static let oldToken: Secret = "token-old"
    private static let newToken: Secret = "token-new"
    private static let alipayHK = Wallet(walletName: "AlipayHK", walletBrandName: "AlipayHK")
    private static let gcash = Wallet(walletName: "GCash", walletBrandName: "GCash")
    private static let pair = TokenPair(accessToken: newToken, accessTokenExpiryTime: created.addingTimeInterval(7_200),
                                        refreshToken: "refresh-new", refreshTokenExpiryTime: created.addingTimeInterval(86_400),
                                        wallet: nil)

    private static func binding(
        _ status: BindingRecord.Status = .active, token: Secret = oldToken, unbindRequested: Bool = false,
        reason: ResultCode? = nil
    ) -> BindingRecord {
        var record = BindingRecord(
            bindingId: "BND-1", merchantUserId: "user-1", accessToken: token,
            accessTokenExpiryTime: created.addingTimeInterval(600), refreshToken: "refresh-old",
            refreshTokenExpiryTime: created.addingTimeInterval(3_600), wallet: alipayHK, status: status,
            statusReason: reason, createdAt: created, updatedAt: created
        )
        record.unbindRequestedAt = unbindRequested ? created : nil
        return record
    }

    private struct Row {
        var rule: String
        var given: BindingRecord
        var transition: BindingTransition
        /// The expected record, before `updatedAt` is set (the loop sets it when `changed`).
        var expected: BindingRecord
        var changed: Bool
        var event: AlipayPlusEvent.Kind?
    }

    private func check(_ rows: [Row], file: StaticString = #filePath, line: UInt = #line) {
        for row in rows {
            var record = row.given
            let changed = row.transition.apply(to: &record, at: Self.now)
            var expected = row.expected
            if row.changed { expected.updatedAt = Self.now }
            let context = "rule: \(row.rule); \(row.given.status.rawValue) + \(row.transition)"
            XCTAssertEqual(record, expected, context, file: file, line: line)
            XCTAssertEqual(changed, row.changed, "changed? \(context)", file: file, line: line)
            XCTAssertEqual(BindingTransition.event(before: row.given, after: record), row.event, "event: \(context)",
                           file: file, line: line)
        }
    }

    private static var refreshed: BindingRecord {
        var record = binding(token: newToken)
        record.accessTokenExpiryTime = pair.accessTokenExpiryTime
        record.refreshToken = pair.refreshToken
        record.refreshTokenExpiryTime = pair.refreshTokenExpiryTime
        return record
    }

    func testARefreshReplacesOnlyTheTokenItRefreshed() {
        var keepsRefreshToken = Self.pair
        keepsRefreshToken.refreshToken = nil
        keepsRefreshToken.refreshTokenExpiryTime = nil
        keepsRefreshToken.wallet = Self.gcash
        var keptRefresh = Self.binding(token: Self.newToken)
        keptRefresh.accessTokenExpiryTime = Self.pair.accessTokenExpiryTime
        keptRefresh.wallet = Self.gcash
        check([
            Row(rule: "a refresh stores the new pair", given: Self.binding(),
                transition: .tokenRefreshed(Self.pair, replacing: Self.oldToken), expected: Self.refreshed, changed: true,
                event: .tokenRefreshed),
            Row(rule: "an answer without a refresh token keeps the stored one; a wallet in the answer replaces it",
                given: Self.binding(), transition: .tokenRefreshed(keepsRefreshToken, replacing: Self.oldToken),
                expected: keptRefresh, changed: true, event: .tokenRefreshed),
            Row(rule: "another refresh already replaced the token: nothing changes",
                given: Self.binding(token: "token-other"), transition: .tokenRefreshed(Self.pair, replacing: Self.oldToken),
                expected: Self.binding(token: "token-other"), changed: false, event: nil),
            Row(rule: "a TOKEN_CANCELED that landed meanwhile is not undone",
                given: Self.binding(.needsReauthorization, reason: "TOKEN_CANCELED"),
                transition: .tokenRefreshed(Self.pair, replacing: Self.oldToken),
                expected: Self.binding(.needsReauthorization, reason: "TOKEN_CANCELED"), changed: false, event: nil),
            Row(rule: "a removed binding never changes", given: Self.binding(.removed),
                transition: .tokenRefreshed(Self.pair, replacing: Self.oldToken), expected: Self.binding(.removed),
                changed: false, event: nil),
        ])
    }

    func testAStatusChangeAppliesOnlyToTheTokenThatCausedIt() {
        let reauthorize = BindingTransition.markStatus(.needsReauthorization, reason: .invalidToken, forToken: Self.oldToken)
        check([
            Row(rule: "a failure of the current token disables the binding", given: Self.binding(), transition: reauthorize,
                expected: Self.binding(.needsReauthorization, reason: .invalidToken), changed: true,
                event: .bindingNeedsReauthorization),
            Row(rule: "a failure of a token a refresh replaced says nothing about the new one",
                given: Self.binding(token: Self.newToken), transition: reauthorize,
                expected: Self.binding(token: Self.newToken), changed: false, event: nil),
            Row(rule: "the same status again changes nothing (and tells nobody twice)",
                given: Self.binding(.needsReauthorization, reason: .expiredRefreshToken), transition: reauthorize,
                expected: Self.binding(.needsReauthorization, reason: .expiredRefreshToken), changed: false, event: nil),
            Row(rule: "a removed binding never changes", given: Self.binding(.removed), transition: reauthorize,
                expected: Self.binding(.removed), changed: false, event: nil),
            Row(rule: "a confirmed cancelToken removes the binding",
                given: Self.binding(unbindRequested: true),
                transition: .markStatus(.removed, reason: nil, forToken: Self.oldToken),
                expected: Self.binding(.removed, unbindRequested: true), changed: true, event: .bindingRemoved),
            Row(rule: "a cancelToken of a token a refresh replaced meanwhile does not remove it (cancel the new one)",
                given: Self.binding(token: Self.newToken, unbindRequested: true),
                transition: .markStatus(.removed, reason: nil, forToken: Self.oldToken),
                expected: Self.binding(token: Self.newToken, unbindRequested: true), changed: false, event: nil),
        ])
    }

    func testUnbindAndTheWalletsNotices() {
        var unbinding = Self.binding()
        unbinding.unbindRequestedAt = Self.now
        var otherWallet = Self.binding()
        otherWallet.wallet = Self.gcash
        check([
            Row(rule: "an unbind request is recorded once, with its time", given: Self.binding(),
                transition: .unbindRequested, expected: unbinding, changed: true, event: nil),
            Row(rule: "a second unbind request keeps the first time", given: Self.binding(unbindRequested: true),
                transition: .unbindRequested, expected: Self.binding(unbindRequested: true), changed: false, event: nil),
            Row(rule: "TOKEN_CANCELED after the merchant's unbind completes the removal",
                given: Self.binding(unbindRequested: true), transition: .tokenCanceledNotification(forToken: Self.oldToken),
                expected: Self.binding(.removed, unbindRequested: true), changed: true, event: .bindingRemoved),
            Row(rule: "TOKEN_CANCELED from the wallet asks the user to authorize again",
                given: Self.binding(), transition: .tokenCanceledNotification(forToken: Self.oldToken),
                expected: Self.binding(.needsReauthorization, reason: "TOKEN_CANCELED"), changed: true,
                event: .bindingNeedsReauthorization),
            Row(rule: "TOKEN_CANCELED for a token a refresh replaced changes nothing",
                given: Self.binding(token: Self.newToken), transition: .tokenCanceledNotification(forToken: Self.oldToken),
                expected: Self.binding(token: Self.newToken), changed: false, event: nil),
            Row(rule: "TOKEN_CANCELED for a removed binding changes nothing",
                given: Self.binding(.removed), transition: .tokenCanceledNotification(forToken: Self.oldToken),
                expected: Self.binding(.removed), changed: false, event: nil),
            Row(rule: "TOKEN_CREATED names the wallet of the current token", given: Self.binding(),
                transition: .walletUpdated(Self.gcash, forToken: Self.oldToken), expected: otherWallet, changed: true,
                event: nil),
            Row(rule: "the same wallet again changes nothing", given: Self.binding(),
                transition: .walletUpdated(Self.alipayHK, forToken: Self.oldToken), expected: Self.binding(),
                changed: false, event: nil),
            Row(rule: "a wallet named for a replaced token changes nothing", given: Self.binding(token: Self.newToken),
                transition: .walletUpdated(Self.gcash, forToken: Self.oldToken), expected: Self.binding(token: Self.newToken),
                changed: false, event: nil),
        ])
    }

    // MARK: Every code the spec names for applyToken (refresh), pay and cancelToken

    private struct CodeRow {
        var code: ResultCode
        var status: ResultStatus
        var expected: BindingTransition?
    }

    func testEveryRefreshResultCodeLeadsToItsChange() {
        let reauthorize = { (code: ResultCode) in
            BindingTransition.markStatus(.needsReauthorization, reason: code, forToken: Self.oldToken)
        }
        let rows: [CodeRow] = [
            CodeRow(code: .success, status: .success, expected: .tokenRefreshed(Self.pair, replacing: Self.oldToken)),
            CodeRow(code: .unknownException, status: .unknown, expected: nil),
            CodeRow(code: .requestTrafficExceedLimit, status: .unknown, expected: nil),
            CodeRow(code: .invalidRefreshToken, status: .failure, expected: reauthorize(.invalidRefreshToken)),
            CodeRow(code: .expiredRefreshToken, status: .failure, expected: reauthorize(.expiredRefreshToken)),
            CodeRow(code: .usedRefreshToken, status: .failure, expected: reauthorize(.usedRefreshToken)),
            CodeRow(code: .processFail, status: .failure, expected: reauthorize(.processFail)),
            CodeRow(code: .invalidAuthClient, status: .failure, expected: nil),
            CodeRow(code: .invalidAuthClientStatus, status: .failure, expected: nil),
            CodeRow(code: .accessDenied, status: .failure, expected: nil),
            CodeRow(code: .invalidAPI, status: .failure, expected: nil),
            CodeRow(code: .invalidClient, status: .failure, expected: nil),
            CodeRow(code: .invalidSignature, status: .failure, expected: nil),
            CodeRow(code: .keyNotFound, status: .failure, expected: nil),
            CodeRow(code: .methodNotSupported, status: .failure, expected: nil),
            CodeRow(code: .mediaTypeNotAcceptable, status: .failure, expected: nil),
            CodeRow(code: .paramIllegal, status: .failure, expected: nil),
            CodeRow(code: .repeatReqInconsistent, status: .failure, expected: nil),
        ]
        for row in rows {
            var answer = ApplyTokenResponse(result: APIResult(resultCode: row.code, resultStatus: row.status))
            if row.status == .success {
                answer.accessToken = Self.pair.accessToken
                answer.accessTokenExpiryTime = Self.pair.accessTokenExpiryTime
                answer.refreshToken = Self.pair.refreshToken
                answer.refreshTokenExpiryTime = Self.pair.refreshTokenExpiryTime
            }
            XCTAssertEqual(BindingTransition.afterRefresh(answer, replacing: Self.oldToken), row.expected,
                           "applyToken REFRESH_TOKEN answered \(row.status.rawValue) \(row.code)")
        }
        let noToken = ApplyTokenResponse(result: .success)
        XCTAssertNil(BindingTransition.afterRefresh(noToken, replacing: Self.oldToken),
                     "rule: S without a token is an unknown outcome, not a new pair")
    }

    func testEveryPayResultCodeThatEndsTheBindingDisablesIt() {
        let reauthorizing: Set<ResultCode> = [.invalidToken, .invalidAccessToken, .expiredRefreshToken,
                                              .invalidRefreshToken, .usedRefreshToken]
        let payCodes: [ResultCode] = [
            .orderIsClosed, .paymentAmountExceedLimit, .userAmountExceedLimit, .paymentCountExceedLimit, .invalidToken,
            .invalidAccessToken, .expiredAccessToken, .userBalanceNotEnough, .userNotExist, .userStatusAbnormal,
            .userKYCNotQualified, .riskReject, .unavailablePaymentMethod, .userPaymentVerificationFailed,
            .merchantNotRegistered, .merchantKYBNotQualified, .invalidContract, .businessNotSupport, .currencyNotSupport,
            .repeatReqInconsistent, .paramIllegal, .processFail, .accessDenied, .invalidAPI, .invalidClient,
            .invalidSignature, .keyNotFound, .methodNotSupported, .mediaTypeNotAcceptable,
        ] + Array(reauthorizing)
        for code in payCodes {
            let expected: BindingTransition? = reauthorizing.contains(code)
                ? .markStatus(.needsReauthorization, reason: code, forToken: Self.oldToken) : nil
            XCTAssertEqual(BindingTransition.afterPayFailure(code, token: Self.oldToken), expected,
                           "pay answered F \(code)")
        }
    }

    func testEveryCancelTokenResultCodeLeadsToItsChange() {
        let removed = BindingTransition.markStatus(.removed, reason: nil, forToken: Self.oldToken)
        let rows: [CodeRow] = [
            CodeRow(code: .success, status: .success, expected: removed),
            CodeRow(code: .invalidAccessToken, status: .failure, expected: removed),
            CodeRow(code: .expiredAccessToken, status: .failure, expected: removed),
            CodeRow(code: .unknownException, status: .unknown, expected: nil),
            CodeRow(code: .requestTrafficExceedLimit, status: .unknown, expected: nil),
            CodeRow(code: .processFail, status: .failure, expected: nil),
            CodeRow(code: .paramIllegal, status: .failure, expected: nil),
            CodeRow(code: .accessDenied, status: .failure, expected: nil),
            CodeRow(code: .invalidAPI, status: .failure, expected: nil),
            CodeRow(code: .invalidAuthClient, status: .failure, expected: nil),
            CodeRow(code: .invalidAuthClientStatus, status: .failure, expected: nil),
        ]
        for row in rows {
            XCTAssertEqual(BindingTransition.afterCancelToken(APIResult(resultCode: row.code, resultStatus: row.status),
                                                              token: Self.oldToken),
                           row.expected, "cancelToken answered \(row.status.rawValue) \(row.code)")
        }
    }
}
