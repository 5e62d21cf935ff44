public import AlipayPlus
import Foundation
public import Tracing

/// Which events become spans, and of what kind and name.
///
/// A span is built from the event that ends a call (``CallEndRule``), which carries the call's start
/// instant and duration: a client span for an outbound call, a server span for an inbound one.
public enum EventSpanRule {
    /// The span kind for `event`, or `nil` when it makes no span.
    public static func spanKind(of event: AlipayPlusEvent) -> SpanKind? {
        switch CallEndRule.direction(of: event) {
        case .outbound: .client
        case .inbound: .server
        case nil: nil
        }
    }

    /// The operation the span is named after: the outbound operation, or a known inbound call name.
    public static func operation(of event: AlipayPlusEvent, kind: SpanKind) -> String {
        kind == .server ? MetricDimensionRules.inboundOperation(of: event) : MetricDimensionRules.outboundOperation(of: event)
    }

    /// The span name: `alipayplus.<operation>`, such as `alipayplus.pay`.
    public static func spanName(of event: AlipayPlusEvent, kind: SpanKind) -> String {
        "alipayplus.\(operation(of: event, kind: kind))"
    }

    /// Whether the call ended in failure: the call threw, or the inbound call was refused.
    public static func isFailure(_ event: AlipayPlusEvent) -> Bool {
        event.kind == .requestFailed || event.kind == .notificationRejected
    }

    /// `date` as a tracer instant (nanoseconds since 1970; a date before 1970 is 1970).
    static func instant(_ date: Date) -> DefaultTracerClock.Timestamp {
        let nanoseconds = max(0, date.timeIntervalSince1970 * 1_000_000_000)
        return DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: UInt64(min(nanoseconds, Double(UInt64.max / 2))))
    }
}
