import AlipayPlusModels
import Foundation

extension AutoDebitCoordinator {
    /// Whether a binding can be charged after its token upkeep.
    enum TokenReadiness {
        case ready(BindingRecord)
        case needsReauthorization(ResultCode)
    }

    /// Whether the binding's access token expires within the refresh margin (so a charge refreshes it first).
    func tokenExpiresSoon(_ binding: BindingRecord) -> Bool {
        binding.accessTokenExpiryTime.map { clock.now.adding(configuration.refreshMargin) >= $0 } ?? false
    }

    /// The binding with a token that will not expire within the refresh margin, refreshing it first
    /// when needed: one applyToken per binding however many charges ask at once.
    func refreshedIfNeeded(_ binding: BindingRecord, force: Bool = false) async throws -> TokenReadiness {
        guard force || tokenExpiresSoon(binding) else { return .ready(binding) }
        let staleToken = binding.accessToken
        let refreshed = try await refreshFlights.run(key: binding.bindingId) {
            try await self.refresh(bindingId: binding.bindingId, replacing: staleToken)
        }
        guard refreshed.status == .active else {
            return .needsReauthorization(refreshed.statusReason ?? .expiredRefreshToken)
        }
        return .ready(refreshed)
    }

    /// Exchanges the refresh token for a new pair and stores it atomically in place of the old one,
    /// as ``BindingTransition/afterRefresh(_:replacing:)`` decides: once across every instance that
    /// shares the store (the `refresh:<bindingId>` lease), the others use the pair it stored.
    private func refresh(bindingId: String, replacing staleToken: Secret) async throws -> BindingRecord {
        let claim = try await leaseOrResult(Lease.refresh(bindingId)) { () async throws -> BindingRecord? in
            guard let binding = try await store.binding(id: bindingId) else {
                throw AutoDebitError(code: .bindingNotFound, message: "no binding \(bindingId)")
            }
            // Another flight (here or on another instance) replaced the token, or the binding stopped: its result.
            return binding.accessToken == staleToken && binding.status == .active ? nil : binding
        }
        if let settled = claim.value { return settled }
        return try await releasing(claim.lease) {
            try await refresh(bindingId: bindingId, replacing: staleToken, under: claim.lease)
        }
    }

    /// The refresh itself, made by the holder of the binding's `refresh:` lease.
    private func refresh(bindingId: String, replacing staleToken: Secret, under lease: Lease?) async throws -> BindingRecord {
        guard let binding = try await store.binding(id: bindingId) else {
            throw AutoDebitError(code: .bindingNotFound, message: "no binding \(bindingId)")
        }
        // Another flight already replaced the token: use its result.
        guard binding.accessToken == staleToken, binding.status == .active else { return binding }
        let now = clock.now
        guard let refreshToken = binding.refreshToken,
              binding.refreshTokenExpiryTime.map({ $0 > now }) ?? true
        else {
            return try await applyBinding(
                bindingId, .markStatus(.needsReauthorization, reason: .expiredRefreshToken, forToken: staleToken),
                under: lease
            )
        }
        let response: ApplyTokenResponse
        do {
            response = try await client.send(
                ApplyTokenRequest.refreshToken(authClientId: configuration.authClientId, refreshToken: refreshToken)
            )
        } catch {
            throw AutoDebitError(code: .tokenRefreshFailed, message: "the token refresh failed: \(error)",
                                 underlyingError: error)
        }
        guard let change = BindingTransition.afterRefresh(response, replacing: staleToken) else {
            let result = response.result
            throw AutoDebitError(
                code: .tokenRefreshFailed,
                message: result.resultStatus == .failure
                    ? "the token refresh was refused (\(AnswerCheck.describe(result))): fix the request; the binding is unchanged"
                    : "the token refresh's outcome is unknown (\(AnswerCheck.describe(result)))",
                resultCode: result.resultCode
            )
        }
        // Atomic and conditional: a TOKEN_CANCELED or an unbind that landed meanwhile is not undone.
        return try await applyBinding(bindingId, change, under: lease)
    }
}
