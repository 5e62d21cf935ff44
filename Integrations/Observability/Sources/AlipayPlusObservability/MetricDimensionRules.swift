public import AlipayPlus
import AlipayPlusModels

/// The dimension values metrics use: pure rules with a small, fixed set of values each, so a caller
/// (or a forged inbound path) can never create unbounded metric series.
public enum MetricDimensionRules {
    /// The inbound calls the library answers; any other name counts as `unknown`.
    static let inboundCallNames: Set<String> = [
        NotifyPaymentRequest.name, AuthNotifyRequest.name, ConsultUnbindingRequest.name,
        NotifyRegistrationStatusRequest.name,
    ]

    /// The result of a finished call: its `resultStatus` (`S`, `F`, `U`, or `other` for any other
    /// letter) for a `requestFinished`, `error` for a `requestFailed`, `nil` for other events.
    public static func callResult(of event: AlipayPlusEvent) -> String? {
        switch event.kind {
        case .requestFinished: event.resultStatus.map(statusValue) ?? "other"
        case .requestFailed: "error"
        default: nil
        }
    }

    /// The `operation` of an outbound call: the operation name (a fixed set), or `unknown`.
    public static func outboundOperation(of event: AlipayPlusEvent) -> String {
        event.operation ?? "unknown"
    }

    /// The `operation` of an inbound call: one of the four inbound call names, or `unknown` (the name
    /// comes from the request path, which anyone can send).
    public static func inboundOperation(of event: AlipayPlusEvent) -> String {
        guard let name = event.operation, inboundCallNames.contains(name) else { return "unknown" }
        return name
    }

    /// The `outcome` of a charge event: `succeeded`, `failed` or `canceled`; `nil` for other events.
    public static func chargeOutcome(of kind: AlipayPlusEvent.Kind) -> String? {
        switch kind {
        case .paymentSucceeded: "succeeded"
        case .paymentFailed: "failed"
        case .paymentCanceled: "canceled"
        default: nil
        }
    }

    /// The `outcome` of a refund event: `succeeded`, `failed` or `pending`; `nil` for other events.
    public static func refundOutcome(of kind: AlipayPlusEvent.Kind) -> String? {
        switch kind {
        case .refundSucceeded: "succeeded"
        case .refundFailed: "failed"
        case .refundPending: "pending"
        default: nil
        }
    }

    /// The `result` of an inbound call: `applied` or `rejected` for the event that ends it
    /// (``CallEndRule``), `nil` for every other event.
    public static func notificationResult(of event: AlipayPlusEvent) -> String? {
        guard CallEndRule.direction(of: event) == .inbound else { return nil }
        return event.kind == .notificationApplied ? "applied" : "rejected"
    }

    /// Whether `event` is an inbound call refused because it did not authenticate (HTTP 401).
    public static func isFailedVerification(_ event: AlipayPlusEvent) -> Bool {
        event.kind == .notificationRejected && event.httpStatus == 401
    }

    private static func statusValue(_ status: ResultStatus) -> String {
        switch status {
        case .success, .failure, .unknown: status.rawValue
        case .other: "other"
        }
    }
}
