public import AlipayPlus

/// Which events end a call, outbound or inbound: the events spans and per-call metrics are built from.
///
/// An outbound call ends with `requestFinished` or `requestFailed`; an inbound call with the
/// `notificationApplied` or `notificationRejected` that `AutoDebitCoordinator.handleInbound(_:)` ends
/// it with, the one that carries the call's `startedAt` and `latency`. Other events emitted while a
/// call is handled (a notifyRegistrationStatus's own `notificationApplied`, a `notificationMismatch`)
/// carry no timing and end nothing, so each call is counted and traced once.
public enum CallEndRule {
    /// The direction of a call.
    public enum Direction: Sendable, Hashable {
        /// A call to Alipay+.
        case outbound
        /// A call from Alipay+ to the merchant.
        case inbound
    }

    /// The direction of the call `event` ends, or `nil` when it ends none.
    public static func direction(of event: AlipayPlusEvent) -> Direction? {
        guard event.startedAt != nil, event.latency != nil else { return nil }
        switch event.kind {
        case .requestFinished, .requestFailed: return .outbound
        case .notificationApplied, .notificationRejected: return .inbound
        default: return nil
        }
    }
}
