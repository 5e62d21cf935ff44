import AlipayPlusModels
import Foundation

extension AutoDebitCoordinator {
    /// Decodes and applies a verified inbound call; returns the answer body to sign.
    func apply(_ call: InboundCall, body: Data) async throws -> Data {
        switch call {
        case .notifyPayment:
            try await apply(AlipayPlusJSON.decode(NotifyPaymentRequest.self, from: body))
        case .authNotify:
            try await apply(AlipayPlusJSON.decode(AuthNotifyRequest.self, from: body))
        case .notifyRegistrationStatus:
            let notification = try AlipayPlusJSON.decode(NotifyRegistrationStatusRequest.self, from: body)
            emit(AlipayPlusEvent(.notificationApplied, operation: NotifyRegistrationStatusRequest.name,
                                 message: "registration status: \(notification.registrationResult?.resultStatus.description ?? "unknown")"))
        case .consultUnbinding:
            let consultation = try AlipayPlusJSON.decode(ConsultUnbindingRequest.self, from: body)
            let binding = try await store.binding(accessToken: consultation.accessToken.revealed)
            let question = UnbindingConsultation(binding: binding, referenceMerchantId: consultation.referenceMerchantId ?? "")
            let policy = configuration.unbindingPolicy
            let allowed = await AnswerBudget.value(
                of: Task { await policy(question) }, within: configuration.inboundAnswerBudget, fallback: true
            )
            return try AlipayPlusJSON.encode(ConsultUnbindingResponse(allowUnbinding: allowed))
        }
        return try AlipayPlusJSON.encode(NotificationAcknowledgement.success)
    }

    /// Applies a payment result: checks it against the stored payment, then settles the payment once.
    private func apply(_ notification: NotifyPaymentRequest) async throws {
        let id = notification.paymentRequestId
        let status = notification.paymentResult.resultStatus
        guard let payment = try await store.payment(requestId: id) else {
            emit(AlipayPlusEvent(.notificationMismatch, operation: NotifyPaymentRequest.name, paymentRequestId: id,
                                 message: "no stored payment has this paymentRequestId; acknowledged, not applied"))
            return
        }
        if let amount = notification.paymentAmount, amount != payment.amount {
            emit(AlipayPlusEvent(.notificationMismatch, operation: NotifyPaymentRequest.name, paymentRequestId: id,
                                 message: "paymentAmount \(amount) differs from the stored \(payment.amount); not applied"))
            return
        }
        // Transitions are idempotent and final states absorb, so a duplicate or late delivery changes
        // nothing (and emits nothing); a failure to store makes Alipay+ deliver it again.
        switch status {
        case .success:
            try await finish(id, .succeeded(paymentId: notification.paymentId, paymentTime: notification.paymentTime))
        case .failure:
            try await finish(id, .failed(notification.paymentResult.resultCode))
        default:
            break
        }
    }

    /// Applies an authorization notice: completes a binding, records a token, or ends a binding.
    private func apply(_ notification: AuthNotifyRequest) async throws {
        switch notification.authorizationNotifyType {
        case .authCodeCreated:
            guard let authCode = notification.authCode, let authState = notification.authState else { return }
            // applyToken may take longer than Alipay+ waits: acknowledge within the budget and let the
            // binding complete in the background (the redirect joins the same single flight).
            let completion = Task { () -> String? in
                do {
                    _ = try await self.completeBinding(authCode: authCode, authState: authState)
                    return nil
                } catch {
                    // A refused auth code is the merchant's business, not a reason for Alipay+ to retry.
                    return "\(error)"
                }
            }
            let refusal = await AnswerBudget.value(of: completion, within: configuration.inboundAnswerBudget,
                                                   fallback: nil)
            if let refusal {
                emit(AlipayPlusEvent(.notificationMismatch, operation: AuthNotifyRequest.name, message: refusal))
            }
        case .tokenCreated:
            guard let token = notification.accessToken, let wallet = notification.walletForAccountBinding,
                  let binding = try await store.binding(accessToken: token.revealed)
            else { return }
            try await applyBinding(binding.bindingId,
                                   .walletUpdated(wallet, customerId: notification.customerId, forToken: token))
        case .tokenCanceled:
            guard let token = notification.accessToken,
                  let binding = try await store.binding(accessToken: token.revealed)
            else { return }
            // The merchant's own unbind completes (removed); otherwise the user must authorize again.
            try await applyBinding(binding.bindingId, .tokenCanceledNotification(forToken: token))
        default:
            break
        }
    }
}
