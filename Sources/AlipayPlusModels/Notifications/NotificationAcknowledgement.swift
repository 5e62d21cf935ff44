/// The merchant's answer to notifyPayment, authNotify and notifyRegistrationStatus.
///
/// It only acknowledges receipt: a failed payment is still acknowledged with ``success``. A result other
/// than `S` makes Alipay+ send the notification again.
public struct NotificationAcknowledgement: Codable, Sendable, Hashable {
    /// `result`.
    public var result: APIResult

    /// Creates an acknowledgement.
    public init(result: APIResult) { self.result = result }

    /// `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`.
    public static let success = NotificationAcknowledgement(result: .success)

    /// An acknowledgement asking Alipay+ to retry later (`PROCESS_FAIL`, `F`).
    public static func failure(message: String = "temporary failure") -> NotificationAcknowledgement {
        NotificationAcknowledgement(result: APIResult(resultCode: .processFail, resultStatus: .failure, resultMessage: message))
    }
}
