import AlipayPlusModels
import Foundation

extension AutoDebitCoordinator {
    /// Decodes and applies a verified inbound call; returns the answer body to sign and whether this
    /// was its first delivery, when the change it made recorded `deliveryKey` in the same write
    /// (`nil`: it changed no record, and the caller records the key on its own).
    func apply(_ call: InboundCall, body: AlipayPlusJSON.ParsedBody, deliveryKey: String) async throws -> (answer: Data, firstDelivery: Bool?) {
        var firstDelivery: Bool?
        switch call {
        case .notifyPayment:
            firstDelivery = try await Self.delivery {
                try await apply(body.decode(NotifyPaymentRequest.self), deliveryKey: deliveryKey)
            }
        case .authNotify:
            firstDelivery = try await Self.delivery {
                try await apply(body.decode(AuthNotifyRequest.self), deliveryKey: deliveryKey)
            }
        case .notifyRegistrationStatus:
            let notification = try body.decode(NotifyRegistrationStatusRequest.self)
            emit(AlipayPlusEvent(.notificationApplied, operation: NotifyRegistrationStatusRequest.name,
                                 message: "registration status: \(notification.registrationResult?.resultStatus.description ?? "unknown")"))
        case .consultUnbinding:
            let consultation = try body.decode(ConsultUnbindingRequest.self)
            let binding = try await store.binding(accessToken: consultation.accessToken.revealed)
            let question = UnbindingConsultation(binding: binding, referenceMerchantId: consultation.referenceMerchantId ?? "")
            let policy = configuration.inbound.unbindingPolicy
            let allowed = await answerWithinBudget("the unbinding policy", fallback: true) { await policy(question) }
            return (try AlipayPlusJSON.encode(ConsultUnbindingResponse(allowUnbinding: allowed)), nil)
        }
        return (try Self.successAcknowledgement.get(), firstDelivery)
    }

    /// The body of the success acknowledgement, encoded once: it is the same for every call.
    private static let successAcknowledgement = Result { try AlipayPlusJSON.encode(NotificationAcknowledgement.success) }

    /// Runs a notification's change: `true` when it wrote (with its delivery key), `false` when the
    /// store found the key recorded before (a repeated delivery: nothing written), `nil` when it
    /// changed nothing.
    private static func delivery(_ change: () async throws -> Bool) async throws -> Bool? {
        do {
            return try await change() ? true : nil
        } catch let error as StoreError where error.code == .duplicateDelivery {
            return false
        }
    }

    /// Applies a payment result: checks it against the stored payment, then settles the payment once;
    /// returns whether it wrote (the delivery key with the change).
    private func apply(_ notification: NotifyPaymentRequest, deliveryKey: String) async throws -> Bool {
        let id = notification.paymentRequestId
        let status = notification.paymentResult.resultStatus
        guard let payment = try await store.payment(requestId: id) else {
            emit(AlipayPlusEvent(.notificationMismatch, operation: NotifyPaymentRequest.name, paymentRequestId: id,
                                 message: "no stored payment has this paymentRequestId; acknowledged, not applied"))
            return false
        }
        // The spec: on S, check that paymentRequestId and paymentAmount match the stored order. Without
        // an amount that check cannot be made, so the notification is refused, not believed.
        guard status != .success || notification.paymentAmount != nil else {
            throw InboundRefusal.missingField(NotifyPaymentRequest.name, "paymentAmount",
                                              because: "check a successful payment against the stored amount")
        }
        if let amount = notification.paymentAmount, amount != payment.amount {
            emit(AlipayPlusEvent(.notificationMismatch, operation: NotifyPaymentRequest.name, paymentRequestId: id,
                                 message: "paymentAmount \(amount) differs from the stored \(payment.amount); not applied"))
            return false
        }
        // Transitions are idempotent and final states absorb, so a duplicate or late delivery changes
        // nothing (and emits nothing); a failure to store makes Alipay+ deliver it again.
        let change: PaymentTransition
        switch status {
        case .success: change = .succeeded(paymentId: notification.paymentId, paymentTime: notification.paymentTime)
        case .failure: change = .failed(notification.paymentResult.resultCode)
        default: return false
        }
        return try await finishAndEmitUpdate(id, change, deliveryKey: deliveryKey).changed
    }

    /// Applies an authorization notice: completes a binding, records a token, or ends a binding;
    /// returns whether it wrote a binding (the delivery key with the change).
    private func apply(_ notification: AuthNotifyRequest, deliveryKey: String) async throws -> Bool {
        switch notification.authorizationNotifyType {
        case .authCodeCreated:
            guard let authCode = notification.authCode, let authState = notification.authState else { return false }
            // applyToken may take longer than Alipay+ waits: acknowledge within the budget and let the
            // binding complete in the background work run() owns (the redirect joins the same single flight).
            // A refused auth code is the merchant's business, not a reason for Alipay+ to retry: the job
            // reports it as an event, whether or not the answer still waits for it.
            await answerWithinBudget("the binding completion for an AUTHCODE_CREATED", fallback: ()) {
                do {
                    _ = try await self.completeBinding(authCode: authCode, authState: authState)
                } catch {
                    self.emit(AlipayPlusEvent(.notificationMismatch, operation: AuthNotifyRequest.name, message: "\(error)"))
                }
            }
        case .tokenCreated:
            guard let token = notification.accessToken, let wallet = notification.walletForAccountBinding,
                  let binding = try await store.binding(accessToken: token)
            else { return false }
            let change = BindingTransition.walletUpdated(wallet, customerId: notification.customerId, forToken: token)
            return try await updateBinding(binding.bindingId, change, deliveryKey: deliveryKey).changed
        case .tokenCanceled:
            guard let token = notification.accessToken,
                  let binding = try await store.binding(accessToken: token)
            else { return false }
            // The merchant's own unbind completes (removed); otherwise the user must authorize again.
            let change = BindingTransition.tokenCanceledNotification(forToken: token)
            return try await updateBinding(binding.bindingId, change, deliveryKey: deliveryKey).changed
        default:
            break
        }
        return false
    }
}
