public import AlipayPlusModels
public import Foundation

extension AutoDebitCoordinator {
    /// Starts binding a wallet: stores a fresh unguessable `authState`, calls prepare, and returns the
    /// Alipay+ wallet page to send the user to.
    ///
    /// - Parameters:
    ///   - merchantUserId: the merchant's id for the user.
    ///   - terminalType: where the user is (`WEB`, `WAP`, `APP`); chooses the best URL.
    ///   - osType: the user's OS, for `WAP` and `APP`.
    /// - Throws: ``AutoDebitError`` (`prepareFailed` when prepare is declined, `noWalletPageURL`);
    ///   ``AlipayPlusError`` for call failures; ``StoreError`` when the store fails.
    public func beginBinding(
        for merchantUserId: String, terminalType: TerminalType = .web, osType: OSType? = nil
    ) async throws -> BindingStart {
        let authState = RandomToken.hex(byteCount: 32)
        let pending = PendingAuthorization(
            authState: authState, merchantUserId: merchantUserId,
            referenceAgreementId: newRequestId(prefix: "AGR"), createdAt: clock.now
        )
        try await store.insert(pending)
        let request = PrepareRequest(
            authClientId: configuration.authClientId,
            authClientName: configuration.authClientName,
            referenceMerchantId: configuration.merchant.referenceMerchantId,
            referenceAgreementId: pending.referenceAgreementId,
            authRedirectUrl: configuration.authRedirectURL.absoluteString,
            scopes: configuration.scopes,
            authState: authState,
            terminalType: terminalType,
            osType: osType
        )
        let response = try await client.send(request)
        guard response.result.resultStatus == .success else {
            throw AutoDebitError(
                code: .prepareFailed, message: "prepare was declined: \(response.result.resultMessage ?? "")",
                resultCode: response.result.resultCode
            )
        }
        guard let url = response.redirectURL(for: terminalType) else {
            throw AutoDebitError(code: .noWalletPageURL, message: "prepare returned no wallet page URL")
        }
        return BindingStart(authState: authState, walletPageURL: url, prepareResponse: response)
    }

    /// Completes a binding from the URL the wallet redirected the user to (`authRedirectUrl` with
    /// `authCode` and `authState` added).
    ///
    /// Safe to call more than once and concurrently with an `AUTHCODE_CREATED` notification: one
    /// applyToken is made per auth code, and the other calls return the same binding.
    ///
    /// - Throws: ``AutoDebitError`` (`authorizationNotGranted`, `unknownAuthState`, `authStateReused`,
    ///   `authorizationFailed`); ``AlipayPlusError`` for call failures; ``StoreError`` when the store fails.
    public func completeBinding(redirectURL: URL) async throws -> BindingRecord {
        let items = URLComponents(url: redirectURL, resolvingAgainstBaseURL: false)?.queryItems ?? []
        let authState = items.first { $0.name == "authState" }?.value ?? ""
        guard let authCode = items.first(where: { $0.name == "authCode" })?.value, !authCode.isEmpty else {
            throw AutoDebitError(
                code: .authorizationNotGranted,
                message: "the redirect carries no authCode: the user did not authorize; offer to bind again"
            )
        }
        return try await completeBinding(authCode: Secret(authCode), authState: authState)
    }

    /// Completes a binding from an auth code and its state (from a redirect or an authNotify).
    ///
    /// - Throws: ``AutoDebitError`` (`unknownAuthState`, `authStateReused`, `authorizationFailed`);
    ///   ``AlipayPlusError`` for call failures; ``StoreError`` when the store fails.
    public func completeBinding(authCode: Secret, authState: String) async throws -> BindingRecord {
        let binding = try await bindingFlights.run(key: authState) {
            try await self.exchange(authCode: authCode, authState: authState)
        }
        // A caller that joined another caller's flight must bring the same auth code.
        guard try await store.authorization(authState: authState)?.completedWithAuthCode == authCode else {
            throw AutoDebitError(
                code: .authStateReused,
                message: "authState was already used with another auth code: a replayed or forged redirect"
            )
        }
        return binding
    }

    /// Exchanges the auth code once across every instance that shares the store (the
    /// `authorization:<authState>` lease); the others return the binding it stored.
    private func exchange(authCode: Secret, authState: String) async throws -> BindingRecord {
        let claim = try await leaseOrResult(Lease.authorization(authState)) {
            try await completedBinding(authCode: authCode, authState: authState)
        }
        if let binding = claim.value { return binding }
        return try await releasing(claim.lease) {
            guard let pending = try await store.authorization(authState: authState) else {
                throw Self.unknownAuthState
            }
            return try await exchange(authCode: authCode, for: pending, under: claim.lease)
        }
    }

    private static var unknownAuthState: AutoDebitError {
        AutoDebitError(code: .unknownAuthState,
                       message: "authState was not issued by beginBinding (or was altered): refuse the redirect")
    }

    /// The binding an earlier exchange of this auth code stored, `nil` when none completed it yet.
    private func completedBinding(authCode: Secret, authState: String) async throws -> BindingRecord? {
        guard let pending = try await store.authorization(authState: authState) else { throw Self.unknownAuthState }
        guard let used = pending.completedWithAuthCode else { return nil }
        guard used == authCode, let bindingId = pending.bindingId, let binding = try await store.binding(id: bindingId) else {
            throw AutoDebitError(
                code: .authStateReused,
                message: "authState was already used with another auth code: a replayed or forged redirect"
            )
        }
        return binding
    }

    /// The applyToken `AUTHORIZATION_CODE` call and the binding it produces, stored atomically with the
    /// authorization's completion (compare-and-set on the authorization, under the lease).
    private func exchange(
        authCode: Secret, for pending: PendingAuthorization, under lease: Lease?
    ) async throws -> BindingRecord {
        var pending = pending
        let response = try await client.send(
            ApplyTokenRequest.authorizationCode(authClientId: configuration.authClientId, authCode: authCode)
        )
        guard response.result.resultStatus == .success, let accessToken = response.accessToken else {
            throw AutoDebitError(
                code: .authorizationFailed,
                message: "applyToken did not issue a token (\(response.result.resultStatus)); start the binding again",
                resultCode: response.result.resultCode
            )
        }
        let now = clock.now
        let binding = BindingRecord(
            bindingId: newRequestId(prefix: "BND"), merchantUserId: pending.merchantUserId,
            accessToken: accessToken, accessTokenExpiryTime: response.accessTokenExpiryTime,
            refreshToken: response.refreshToken, refreshTokenExpiryTime: response.refreshTokenExpiryTime,
            wallet: response.walletForAccountBinding, customerId: response.customerId, createdAt: now, updatedAt: now
        )
        pending.completedWithAuthCode = authCode
        pending.bindingId = binding.bindingId
        let stored = try await store.insert(binding, completing: pending, under: lease).binding
        emit(AlipayPlusEvent(
            .bindingCompleted, merchantUserId: binding.merchantUserId, bindingId: binding.bindingId,
            message: "binding \(binding.bindingId) with \(binding.wallet?.walletBrandName ?? "a wallet")"
        ))
        return stored
    }

    /// Every binding of a merchant user, oldest first (removed ones included).
    ///
    /// - Throws: ``StoreError`` when the store fails.
    public func bindings(for merchantUserId: String) async throws -> [BindingRecord] {
        try await store.bindings(merchantUserId: merchantUserId)
    }

    /// Unbinds a wallet: cancelToken (idempotent, retried with the same token), then marks it removed.
    ///
    /// A token Alipay+ already considers invalid or expired counts as unbound. When a charge refreshed
    /// the token while the cancel was on its way, the new token is cancelled too, so the binding never
    /// stays chargeable after `unbind` returns.
    ///
    /// - Throws: ``AutoDebitError`` (`bindingNotFound`; `unbindFailed` when cancelToken is declined or the
    ///   token kept changing); ``AlipayPlusError`` for call failures; ``StoreError`` when the store fails.
    public func unbind(bindingId: String) async throws {
        for _ in 0..<3 {
            guard let binding = try await store.binding(id: bindingId) else {
                throw AutoDebitError(code: .bindingNotFound, message: "no binding \(bindingId)")
            }
            guard binding.status != .removed else { return }
            if binding.unbindRequestedAt == nil {
                try await applyBinding(bindingId, .unbindRequested)
            }
            let response = try await client.send(
                CancelTokenRequest(accessToken: binding.accessToken, authClientId: configuration.authClientId)
            )
            guard let removal = BindingTransition.afterCancelToken(response.result, token: binding.accessToken) else {
                throw AutoDebitError(code: .unbindFailed, message: "cancelToken was not confirmed; call unbind again",
                                     resultCode: response.result.resultCode)
            }
            // Removed only if the token is still the one just cancelled; otherwise cancel the new one.
            if try await applyBinding(bindingId, removal).status == .removed {
                return
            }
        }
        throw AutoDebitError(code: .unbindFailed,
                             message: "the binding's token kept changing while it was being cancelled; call unbind again")
    }

    /// Applies a ``BindingTransition`` atomically and tells the merchant through an event, once.
    ///
    /// Nothing changes (and no event is emitted) when the binding already moved on: it was removed,
    /// already has that status, or its token was replaced since the transition was decided (a refresh
    /// won, so what happened to the old token says nothing about the new one).
    ///
    /// - Throws: ``AutoDebitError/Code-swift.struct/bindingNotFound``; a ``StoreError`` when the store fails.
    @discardableResult
    func applyBinding(
        _ bindingId: String, _ change: BindingTransition, under lease: Lease? = nil
    ) async throws -> BindingRecord {
        try await updateBinding(bindingId, change, under: lease).after
    }

    /// ``applyBinding(_:_:under:)`` returning the record before and after, with the delivery key of the
    /// notification that asked for the change recorded in the same write.
    ///
    /// - Throws: as ``applyBinding(_:_:under:)``, plus `duplicateDelivery` when `deliveryKey` was recorded before.
    func updateBinding(
        _ bindingId: String, _ change: BindingTransition, under lease: Lease? = nil, deliveryKey: String? = nil
    ) async throws -> RecordUpdate<BindingRecord> {
        let now = clock.now
        guard let update = try await modifyBinding(bindingId, under: lease, deliveryKey: deliveryKey, {
            change.apply(to: &$0, at: now)
        }) else {
            throw AutoDebitError(code: .bindingNotFound, message: "no binding \(bindingId)")
        }
        if update.changed, let kind = BindingTransition.event(before: update.before, after: update.after) {
            let binding = update.after
            let refreshed = kind == .tokenRefreshed
            emit(AlipayPlusEvent(
                kind, operation: refreshed ? ApplyTokenRequest.name : nil, resultCode: binding.statusReason,
                merchantUserId: binding.merchantUserId, bindingId: bindingId,
                message: refreshed ? "binding \(bindingId) has a new token pair"
                    : "binding \(bindingId) is now \(binding.status.rawValue)"
            ))
        }
        return update
    }
}
