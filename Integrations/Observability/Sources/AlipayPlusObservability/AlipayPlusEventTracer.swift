public import AlipayPlus
import AlipayPlusModels
public import Tracing

/// Makes one swift-distributed-tracing span per call to Alipay+ and per inbound call.
///
/// The span is built from the event that ends the call (``EventSpanRule``): it starts at the event's
/// `startedAt` and ends `latency` later, so it covers every attempt of the call; its parent is the
/// span current where the call was made (events are delivered on the calling task). Attributes are
/// in ``AlipayPlusSpanAttributes``; a call that threw, or an inbound call that was refused, has the
/// error status with the event's message (which never holds a secret). Times are read from the
/// library's configured clock.
public struct AlipayPlusEventTracer: Sendable {
    /// The tracer spans are started with.
    public let tracer: any Tracer

    /// Creates a sink starting spans with `tracer`.
    public init(tracer: any Tracer) {
        self.tracer = tracer
    }

    /// Records the span `event` ends, if it ends a call.
    public func record(_ event: AlipayPlusEvent) {
        guard let kind = EventSpanRule.spanKind(of: event), let startedAt = event.startedAt,
              let latency = event.latency
        else { return }
        let start = EventSpanRule.instant(startedAt)
        let end = DefaultTracerClock.Timestamp(
            nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + UInt64(DurationUnits.nanoseconds(of: latency)))
        let span = tracer.startSpan(EventSpanRule.spanName(of: event, kind: kind), ofKind: kind, at: start)
        span.attributes[AlipayPlusSpanAttributes.operation] = EventSpanRule.operation(of: event, kind: kind)
        if let id = event.paymentRequestId { span.attributes[AlipayPlusSpanAttributes.paymentRequestId] = id }
        if let id = event.refundRequestId { span.attributes[AlipayPlusSpanAttributes.refundRequestId] = id }
        if let status = event.resultStatus { span.attributes[AlipayPlusSpanAttributes.resultStatus] = status.rawValue }
        if let code = event.resultCode { span.attributes[AlipayPlusSpanAttributes.resultCode] = code.rawValue }
        if let attempts = event.attempt { span.attributes[AlipayPlusSpanAttributes.attempts] = attempts }
        if let status = event.httpStatus { span.attributes[AlipayPlusSpanAttributes.httpStatus] = status }
        if EventSpanRule.isFailure(event) {
            span.setStatus(SpanStatus(code: .error, message: event.singleLineMessage.map { Redaction.redact($0) }))
        }
        span.end(at: end)
    }
}
