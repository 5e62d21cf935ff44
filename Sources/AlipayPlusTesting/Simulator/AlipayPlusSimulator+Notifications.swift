public import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import Foundation

extension AlipayPlusSimulator {
    // MARK: Queue control

    /// Notifications waiting for ``deliverNotifications(to:)``, by API name, in queue order.
    public var pendingNotificationNames: [String] { pendingNotifications.map(\.name) }

    /// Every delivery so far, in order (duplicates included).
    public var deliveries: [NotificationDelivery] { deliveryLog }

    /// Delivers the next notification twice (the copy after the original was acknowledged), as
    /// Alipay+ may.
    public func duplicateNextNotification() {
        duplicatesRequested += 1
    }

    /// Shuffles the queue with a seeded generator at the next delivery, to test reordering.
    public func shuffleNotifications(seed: UInt64) {
        shuffleSeed = seed
    }

    // MARK: Delivery

    /// Posts every queued notification to `merchant`, signed with the Alipay+ key, retrying each until
    /// it is acknowledged with a verified `S` or ``AlipayPlusSimulator/Configuration-swift.struct/maxNotificationAttempts`` is
    /// reached (waiting ``AlipayPlusSimulator/Configuration-swift.struct/notificationRetryInterval`` on the clock in between).
    ///
    /// Notifications queued while delivering (for example by the merchant's own calls) are delivered
    /// too. An acknowledgement only counts when its HTTP status is 200, its `Signature` verifies with
    /// the merchant's public key over `POST <path>\n<Client-Id>.<Response-Time>.<body>`, and its
    /// `result.resultStatus` is `S`.
    /// - Returns: this call's deliveries, in order.
    @discardableResult
    public func deliverNotifications(to merchant: MerchantHandler) async -> [NotificationDelivery] {
        var delivered: [NotificationDelivery] = []
        var rounds = 0
        while !pendingNotifications.isEmpty && rounds < 100 {
            rounds += 1
            var batch = pendingNotifications
            pendingNotifications.removeAll()
            if let seed = shuffleSeed {
                var generator = SeededGenerator(seed: seed)
                batch.shuffle(using: &generator)
                shuffleSeed = nil
            }
            for notification in batch {
                var copies = 1
                if duplicatesRequested > 0 {
                    duplicatesRequested -= 1
                    copies = 2
                }
                for _ in 0..<copies {
                    let delivery = await deliver(notification, to: merchant)
                    delivered.append(delivery)
                    deliveryLog.append(delivery)
                }
            }
        }
        return delivered
    }

    private func deliver(_ notification: QueuedNotification, to merchant: MerchantHandler) async -> NotificationDelivery {
        var failures: [String] = []
        let limit = max(1, configuration.maxNotificationAttempts)
        let sent = notification.body
        for attempt in 1...limit {
            let answer = await post(sent, path: notification.path, to: merchant)
            switch answer {
            case .success(let body):
                if let ack = try? AlipayPlusJSON.decode(ResultOnly.self, from: body), ack.result.resultStatus == .success {
                    return NotificationDelivery(name: notification.name, path: notification.path, body: sent,
                                                attempts: attempt, acknowledged: true, failures: failures)
                }
                failures.append("attempt \(attempt): the acknowledgement's result is not S")
            case .failure(let problem):
                failures.append("attempt \(attempt): \(problem.message)")
            }
            if attempt < limit {
                try? await clock.sleep(for: configuration.notificationRetryInterval)
            }
        }
        return NotificationDelivery(name: notification.name, path: notification.path, body: sent,
                                    attempts: limit, acknowledged: false, failures: failures)
    }

    /// Signs and posts one call; returns the verified answer body, or why it cannot be believed.
    func post(_ body: Data, path: String, to merchant: MerchantHandler) async -> Result<Data, DeliveryProblem> {
        guard let signed = try? responseSigner.sign(path: path, body: body) else {
            return .failure(DeliveryProblem(message: "the simulator could not sign the call"))
        }
        let response = await merchant(InboundRequest(method: "POST", path: path, headers: HTTPHeaders(signed: signed), body: body))
        guard response.status == 200 else {
            return .failure(DeliveryProblem(message: "HTTP \(response.status)"))
        }
        let verdict = requestVerifier.verify(
            path: path, clientId: response.headers["Client-Id"] ?? "", time: response.headers["Response-Time"] ?? "",
            body: response.body, signatureHeader: response.headers["Signature"]
        )
        if case .invalid(let mismatch) = verdict {
            return .failure(DeliveryProblem(message: "the answer's signature does not verify: \(mismatch.summary)"))
        }
        return .success(response.body)
    }

    func queueAuthNotify(_ notification: AuthNotifyRequest) {
        pendingNotifications.append(QueuedNotification(
            name: AuthNotifyRequest.name, path: configuration.notificationPaths.authNotify, payload: notification
        ))
    }

    // MARK: Wallet-side unbinding

    /// The user unbinds inside the wallet: Alipay+ first asks the merchant with consultUnbinding; when
    /// the merchant allows it (verified `S` with `allowUnbinding` "true"), the token pair is cancelled
    /// and an authNotify TOKEN_CANCELED is queued (deliver it with ``deliverNotifications(to:)``).
    ///
    /// - Throws: ``SimulatorError`` with `.unknownAccessToken` when the token was never issued here.
    public func walletUnbinds(accessToken: String, merchant: MerchantHandler) async throws -> WalletUnbindingOutcome {
        guard let index = tokenIndexByAccessToken[accessToken] else {
            throw SimulatorError(.unknownAccessToken, "the access token was not issued by this simulator")
        }
        let session = sessions[tokens[index].sessionIndex]
        let consultation = ConsultUnbindingRequest(
            authClientId: session.request.authClientId,
            referenceMerchantId: session.request.referenceMerchantId ?? session.request.authClientId,
            accessToken: Secret(accessToken), acquirerId: configuration.acquirerId, pspId: configuration.pspId
        )
        let answer = await post(encode(consultation), path: configuration.notificationPaths.consultUnbinding, to: merchant)
        switch answer {
        case .failure(let problem):
            return .consultationFailed(problem.message)
        case .success(let body):
            guard let decoded = try? AlipayPlusJSON.decode(ConsultUnbindingResponse.self, from: body),
                  decoded.result.resultStatus == .success
            else {
                return .consultationFailed("the consultUnbinding answer is not a valid S answer")
            }
            guard decoded.allowUnbinding else { return .refused }
            if tokens[index].state == .active {
                tokens[index].state = .cancelled
                queueTokenCanceled(index, reason: "the user unbound in the wallet")
            }
            return .unbound
        }
    }
}

/// Why a delivery attempt did not count.
struct DeliveryProblem: Error {
    var message: String
}

/// What came of a wallet-side unbinding.
public enum WalletUnbindingOutcome: Sendable, Hashable {
    /// The merchant allowed it: the token pair is cancelled and TOKEN_CANCELED is queued.
    case unbound
    /// The merchant answered `allowUnbinding` "false": nothing changed.
    case refused
    /// The merchant's answer was missing, unsigned or not S: nothing changed.
    case consultationFailed(String)
}
