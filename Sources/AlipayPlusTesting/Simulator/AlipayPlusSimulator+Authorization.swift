import AlipayPlus
import AlipayPlusModels
public import Foundation

extension AlipayPlusSimulator {
    // MARK: prepare / applyToken / cancelToken

    func prepare(_ request: PrepareRequest) -> Data {
        let key = request.referenceAgreementId.map { request.authClientId + "/" + $0 }
        if let key, let index = sessionIndexByKey[key] {
            guard sessions[index].request == request else {
                return failure(.repeatReqInconsistent,
                               "prepare repeated with the same authClientId and referenceAgreementId but other parameters")
            }
            return sessions[index].response
        }
        let sessionId = newId("WPS", hexCount: 20)
        var components = URLComponents(url: configuration.walletPageBaseURL, resolvingAgainstBaseURL: false)!
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "session", value: sessionId)]
        let page = components.url!.absoluteString
        let response = PrepareResponse(
            result: .success, authUrl: page, normalUrl: page, applinkUrl: page + "&client=app",
            schemeUrl: "alipayplus-simulator://authorize?session=" + sessionId
        )
        let body = encode(response)
        sessions.append(AuthSession(sessionId: sessionId, request: request, response: body))
        if let key { sessionIndexByKey[key] = sessions.count - 1 }
        return body
    }

    func applyToken(_ request: ApplyTokenRequest) -> Data {
        let now = clock.now
        switch request.grantType {
        case .authorizationCode:
            let code = request.authCode?.revealed ?? ""
            guard let record = authCodes[code] else { return failure(.invalidCode, "unknown auth code") }
            guard !record.used else { return failure(.usedCode, "the auth code was already exchanged") }
            guard now < record.issuedAt.plus(configuration.authCodeLifetime) else {
                return failure(.expiredCode, "the auth code expired")
            }
            let session = sessions[record.sessionIndex]
            guard session.request.authClientId == request.authClientId else {
                return failure(.invalidAuthClient, "authClientId differs from the prepare's")
            }
            authCodes[code]?.used = true
            let wallet = session.wallet ?? .alipayHK
            let pair = issueTokens(sessionIndex: record.sessionIndex, wallet: wallet,
                                   customerId: wallet.customerId ?? newId("2088", hexCount: 12))
            if configuration.sendsTokenCreatedNotification {
                queueAuthNotify(AuthNotifyRequest(
                    authorizationNotifyType: .tokenCreated, authClientId: session.request.authClientId,
                    referenceMerchantId: session.request.referenceMerchantId, authState: session.request.authState,
                    accessToken: Secret(pair.accessToken), referenceAgreementId: session.request.referenceAgreementId,
                    walletForAccountBinding: Wallet(walletName: wallet.walletName, walletBrandName: wallet.walletBrandName),
                    customerId: pair.customerId, pspId: configuration.pspId, acquirerId: configuration.acquirerId
                ))
            }
            return tokenResponse(pair)
        case .refreshToken:
            let refresh = request.refreshToken?.revealed ?? ""
            guard let index = tokenIndexByRefreshToken[refresh], tokens[index].state == .active else {
                return failure(.invalidRefreshToken, "unknown, replaced or cancelled refresh token")
            }
            guard now < tokens[index].refreshTokenExpiry else {
                return failure(.expiredRefreshToken, "the refresh token expired: authorize again")
            }
            guard sessions[tokens[index].sessionIndex].request.authClientId == request.authClientId else {
                return failure(.invalidAuthClient, "authClientId differs from the prepare's")
            }
            tokens[index].state = .superseded
            let old = tokens[index]
            let pair = issueTokens(sessionIndex: old.sessionIndex, wallet: old.wallet, customerId: old.customerId)
            return tokenResponse(pair)
        case .unknown(let value):
            return failure(.paramIllegal, "grantType \(value) is not supported")
        }
    }

    func cancelToken(_ request: CancelTokenRequest) -> Data {
        guard let index = tokenIndexByAccessToken[request.accessToken.revealed], tokens[index].state != .superseded else {
            return failure(.invalidAccessToken, "unknown or replaced access token")
        }
        guard sessions[tokens[index].sessionIndex].request.authClientId == request.authClientId else {
            return failure(.invalidAuthClient, "authClientId differs from the prepare's")
        }
        if tokens[index].state == .active {
            tokens[index].state = .cancelled
            queueTokenCanceled(index, reason: nil)
        }
        return encode(ResultOnly(result: .success))
    }

    private func issueTokens(sessionIndex: Int, wallet: SimulatedWallet, customerId: String) -> TokenPair {
        let now = clock.now
        let pair = TokenPair(
            accessToken: newId("SIMAT", hexCount: 40), refreshToken: newId("SIMRT", hexCount: 40),
            accessTokenExpiry: now.plus(configuration.accessTokenLifetime),
            refreshTokenExpiry: now.plus(configuration.refreshTokenLifetime),
            sessionIndex: sessionIndex, customerId: customerId, wallet: wallet
        )
        tokens.append(pair)
        tokenIndexByAccessToken[pair.accessToken] = tokens.count - 1
        tokenIndexByRefreshToken[pair.refreshToken] = tokens.count - 1
        return pair
    }

    private func tokenResponse(_ pair: TokenPair) -> Data {
        encode(ApplyTokenResponse(
            result: .success, accessToken: Secret(pair.accessToken), accessTokenExpiryTime: pair.accessTokenExpiry,
            refreshToken: Secret(pair.refreshToken), refreshTokenExpiryTime: pair.refreshTokenExpiry,
            walletForAccountBinding: Wallet(walletName: pair.wallet.walletName, walletBrandName: pair.wallet.walletBrandName),
            customerId: pair.customerId, pspId: configuration.pspId
        ))
    }

    func queueTokenCanceled(_ index: Int, reason: String?) {
        let session = sessions[tokens[index].sessionIndex]
        queueAuthNotify(AuthNotifyRequest(
            authorizationNotifyType: .tokenCanceled, authClientId: session.request.authClientId,
            referenceMerchantId: session.request.referenceMerchantId,
            accessToken: Secret(tokens[index].accessToken), referenceAgreementId: session.request.referenceAgreementId,
            reason: reason, pspId: configuration.pspId, acquirerId: configuration.acquirerId
        ))
    }

    /// The token pair a pay's access token belongs to, or why it cannot be used.
    ///
    /// An unusable token is answered `INVALID_TOKEN`, the code pay's documentation lists for an
    /// invalid or wrong-scope token (cancelToken keeps answering `INVALID_ACCESS_TOKEN`).
    func checkAccessToken(_ token: String) -> TokenCheck {
        guard let index = tokenIndexByAccessToken[token], tokens[index].state == .active else {
            return .rejected(.invalidToken, "unknown, replaced or cancelled access token")
        }
        guard clock.now < tokens[index].accessTokenExpiry else {
            return .rejected(.expiredAccessToken, "the access token expired")
        }
        return .valid(index)
    }

    // MARK: The simulated user

    /// The user picks `wallet` on the wallet page and authorizes: returns the URL the wallet sends the
    /// user back to (`authRedirectUrl` with `authCode` and `authState`), and queues an authNotify
    /// AUTHCODE_CREATED.
    ///
    /// Placeholders `${authCode}` / `${authState}` in `authRedirectUrl` are filled; otherwise both are
    /// appended as query items. Approving the same page again returns the same URL.
    /// - Throws: ``SimulatorError`` when the URL is not a page this simulator issued or the user denied it.
    public func approve(walletPageURL: URL, wallet: SimulatedWallet = .alipayHK) throws -> URL {
        try approve(sessionIndex: sessionIndex(walletPageURL: walletPageURL), wallet: wallet)
    }

    /// The user authorizes the most recent binding started with this `authState` (see
    /// ``approve(walletPageURL:wallet:)``).
    ///
    /// - Throws: ``SimulatorError`` when no prepare carried this authState.
    public func approve(authState: String, wallet: SimulatedWallet = .alipayHK) throws -> URL {
        guard let index = sessions.lastIndex(where: { $0.request.authState == authState }) else {
            throw SimulatorError(.unknownWalletPage, "no prepare carried this authState")
        }
        return try approve(sessionIndex: index, wallet: wallet)
    }

    /// The user declines on the wallet page: returns `authRedirectUrl` with `authState` and no
    /// `authCode` (an absent code means the authorization failed).
    ///
    /// - Throws: ``SimulatorError`` when the URL is not a page this simulator issued or was approved.
    public func deny(walletPageURL: URL) throws -> URL {
        let index = try sessionIndex(walletPageURL: walletPageURL)
        if case .approved = sessions[index].decision {
            throw SimulatorError(.alreadyDecided, "this wallet page was already approved")
        }
        sessions[index].decision = .denied
        return redirect(sessions[index].request, authCode: nil)
    }

    private func approve(sessionIndex index: Int, wallet: SimulatedWallet) throws -> URL {
        let request = sessions[index].request
        switch sessions[index].decision {
        case .approved(let code):
            return redirect(request, authCode: code)
        case .denied:
            throw SimulatorError(.alreadyDecided, "this wallet page was already denied")
        case .pending:
            let code = newId("SIMAC", hexCount: 32)
            sessions[index].decision = .approved(authCode: code)
            sessions[index].wallet = wallet
            authCodes[code] = AuthCodeRecord(sessionIndex: index, issuedAt: clock.now)
            queueAuthNotify(AuthNotifyRequest(
                authorizationNotifyType: .authCodeCreated, authClientId: request.authClientId,
                referenceMerchantId: request.referenceMerchantId, authCode: Secret(code), authState: request.authState,
                referenceAgreementId: request.referenceAgreementId, pspId: configuration.pspId,
                acquirerId: configuration.acquirerId
            ))
            return redirect(request, authCode: code)
        }
    }

    private func sessionIndex(walletPageURL: URL) throws -> Int {
        let items = URLComponents(url: walletPageURL, resolvingAgainstBaseURL: false)?.queryItems ?? []
        guard let id = items.first(where: { $0.name == "session" })?.value,
              let index = sessions.firstIndex(where: { $0.sessionId == id })
        else {
            throw SimulatorError(.unknownWalletPage, "\(walletPageURL) is not a wallet page this simulator issued")
        }
        return index
    }

    private func redirect(_ request: PrepareRequest, authCode: String?) -> URL {
        let template = request.authRedirectUrl
        let state = request.authState ?? ""
        if template.contains("${authCode}") || template.contains("${authState}") {
            let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))
            let filled = template
                .replacingOccurrences(of: "${authCode}", with: (authCode ?? "").addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
                .replacingOccurrences(of: "${authState}", with: state.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
            if let url = URL(string: filled) { return url }
        }
        var components = URLComponents(string: template) ?? URLComponents()
        var items = components.queryItems ?? []
        if let authCode { items.append(URLQueryItem(name: "authCode", value: authCode)) }
        items.append(URLQueryItem(name: "authState", value: state))
        components.queryItems = items
        return components.url ?? URL(string: template)!
    }

    /// Forces the current access token of `accessToken`'s pair to be expired (refresh still works).
    ///
    /// Useful to test the EXPIRED_ACCESS_TOKEN path without moving the clock past every other expiry.
    public func expireAccessToken(_ accessToken: String) {
        guard let index = tokenIndexByAccessToken[accessToken] else { return }
        tokens[index].accessTokenExpiry = clock.now
    }
}
