import AlipayPlusModels
import Foundation

/// A token pair applyToken issued, as a refresh stores it.
struct TokenPair: Sendable, Hashable {
    var accessToken: Secret
    var accessTokenExpiryTime: Date?
    /// `nil` keeps the stored refresh token.
    var refreshToken: Secret?
    /// `nil` keeps the stored expiry.
    var refreshTokenExpiryTime: Date?
    /// `nil` keeps the stored wallet.
    var wallet: Wallet?

    init(accessToken: Secret, accessTokenExpiryTime: Date?, refreshToken: Secret?, refreshTokenExpiryTime: Date?,
         wallet: Wallet?) {
        self.accessToken = accessToken
        self.accessTokenExpiryTime = accessTokenExpiryTime
        self.refreshToken = refreshToken
        self.refreshTokenExpiryTime = refreshTokenExpiryTime
        self.wallet = wallet
    }

    /// The pair of a successful applyToken answer; `nil` when it carries no access token.
    init?(answer: ApplyTokenResponse) {
        guard answer.result.resultStatus == .success, let accessToken = answer.accessToken else { return nil }
        self.init(accessToken: accessToken, accessTokenExpiryTime: answer.accessTokenExpiryTime,
                  refreshToken: answer.refreshToken, refreshTokenExpiryTime: answer.refreshTokenExpiryTime,
                  wallet: answer.walletForAccountBinding)
    }
}

/// Something that happened to a binding; applied to its record atomically in the store.
///
/// The rules, in one place: a removed binding never changes again. Every change made because of one
/// token (its refresh, its failure, its cancellation, its wallet) applies only while that token is
/// still the binding's: once a refresh replaced it, what happened to the old token says nothing about
/// the new one. A refresh is stored only on an active binding, so a `TOKEN_CANCELED` or a
/// reauthorization that landed meanwhile is not undone. A `TOKEN_CANCELED` notification completes the
/// merchant's own unbind (removed) and otherwise asks the user to authorize again.
enum BindingTransition: Sendable, Hashable {
    /// applyToken `REFRESH_TOKEN` issued `pair` in place of the token `replacing`.
    case tokenRefreshed(TokenPair, replacing: Secret)
    /// `forToken` stopped working (or was cancelled): the binding gets `status` for `reason`.
    case markStatus(BindingRecord.Status, reason: ResultCode?, forToken: Secret)
    /// The merchant asked to unbind: from now on the binding is never charged.
    case unbindRequested
    /// An authNotify `TOKEN_CANCELED` for `forToken`.
    case tokenCanceledNotification(forToken: Secret)
    /// An authNotify `TOKEN_CREATED` (or another answer) named the wallet of `forToken`, and the
    /// wallet's user id when it carried one (`nil` keeps the stored one).
    case walletUpdated(Wallet, customerId: String? = nil, forToken: Secret)

    /// The reason stored when the wallet cancelled the token without the merchant asking.
    static let tokenCanceled = ResultCode(rawValue: "TOKEN_CANCELED")

    /// Applies the transition; returns whether the record changed.
    func apply(to record: inout BindingRecord, at now: Date) -> Bool {
        guard record.status != .removed else { return false }
        let before = record
        switch self {
        case .tokenRefreshed(let pair, let replacing):
            guard record.accessToken == replacing, record.status == .active else { return false }
            record.accessToken = pair.accessToken
            record.accessTokenExpiryTime = pair.accessTokenExpiryTime
            record.refreshToken = pair.refreshToken ?? record.refreshToken
            record.refreshTokenExpiryTime = pair.refreshTokenExpiryTime ?? record.refreshTokenExpiryTime
            record.wallet = pair.wallet ?? record.wallet
        case .markStatus(let status, let reason, let token):
            guard record.accessToken == token, record.status != status else { return false }
            record.status = status
            record.statusReason = reason
        case .unbindRequested:
            guard record.unbindRequestedAt == nil else { return false }
            record.unbindRequestedAt = now
        case .tokenCanceledNotification(let token):
            let resolved: BindingTransition = record.unbindRequestedAt != nil
                ? .markStatus(.removed, reason: nil, forToken: token)
                : .markStatus(.needsReauthorization, reason: Self.tokenCanceled, forToken: token)
            return resolved.apply(to: &record, at: now)
        case .walletUpdated(let wallet, let customerId, let token):
            guard record.accessToken == token else { return false }
            record.wallet = wallet
            record.customerId = customerId ?? record.customerId
        }
        guard record != before else { return false }
        record.updatedAt = now
        return true
    }

    /// The change a refresh answer makes to the binding whose token `stale` was refreshed, or `nil`
    /// when it changes nothing (the refresh failed: the runner reports `tokenRefreshFailed`).
    ///
    /// `S` with a token stores the new pair. `F` ends the binding's usability with its code (the
    /// refresh token is invalid, expired or used), except an `F` that refuses the request itself
    /// (signature, key, client, parameters): that says nothing about the user's token, so the binding
    /// is left as it is. `U`, or `S` without a token, is an unknown outcome.
    static func afterRefresh(_ answer: ApplyTokenResponse, replacing stale: Secret) -> BindingTransition? {
        if let pair = TokenPair(answer: answer) { return .tokenRefreshed(pair, replacing: stale) }
        let result = answer.result
        guard result.resultStatus == .failure, !result.resultCode.refusesTheRequestItself else { return nil }
        return .markStatus(.needsReauthorization, reason: result.resultCode, forToken: stale)
    }

    /// The change a declined pay makes to the binding whose token `token` paid: the codes whose
    /// documented action is to authorize again (`INVALID_TOKEN`, `INVALID_ACCESS_TOKEN`, and the
    /// refresh-token codes) disable the binding at once.
    static func afterPayFailure(_ code: ResultCode, token: Secret) -> BindingTransition? {
        guard code.documentedAction == .reauthorize else { return nil }
        return .markStatus(.needsReauthorization, reason: code, forToken: token)
    }

    /// The change a cancelToken answer makes to the binding whose token `token` was cancelled: `S`,
    /// and the codes for a token Alipay+ no longer honours (`INVALID_ACCESS_TOKEN`,
    /// `EXPIRED_ACCESS_TOKEN`), remove it; anything else leaves it (the runner reports `unbindFailed`).
    static func afterCancelToken(_ result: APIResult, token: Secret) -> BindingTransition? {
        let unbound = result.resultStatus == .success
            || (result.resultStatus == .failure
                && (result.resultCode == .invalidAccessToken || result.resultCode == .expiredAccessToken))
        return unbound ? .markStatus(.removed, reason: nil, forToken: token) : nil
    }

    /// The event that tells the merchant about a change this transition made, if any.
    static func event(before: BindingRecord, after: BindingRecord) -> AlipayPlusEvent.Kind? {
        if before.status != after.status {
            switch after.status {
            case .removed: return .bindingRemoved
            case .needsReauthorization: return .bindingNeedsReauthorization
            case .active: return nil
            }
        }
        return before.accessToken != after.accessToken ? .tokenRefreshed : nil
    }
}
