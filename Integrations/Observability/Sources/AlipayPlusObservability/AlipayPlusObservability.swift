public import AlipayPlus
public import CoreMetrics
public import Logging
public import Tracing

/// The library's events in swift-log, swift-metrics and swift-distributed-tracing, installed with one
/// event handler.
///
/// Each event becomes one log line (``AlipayPlusEventLogger``), updates the counters, timers and gauge
/// named in ``AlipayPlusMetricNames`` (``AlipayPlusEventMetrics``), and each finished outbound call or
/// inbound notification becomes one span (``AlipayPlusEventTracer``). Nothing secret is logged, counted
/// or traced: events carry no tokens, auth codes, signatures or keys.
///
/// ```swift
/// let observability = AlipayPlusObservability(logger: Logger(label: "alipayplus"))
/// let configuration = try AlipayPlusClient.Configuration(
///     clientId: clientId, privateKey: privateKey, alipayPlusPublicKeys: alipayPlusKeys,
///     environment: .otherRegions, eventHandler: observability.eventHandler)
/// ```
///
/// By default metrics go to `MetricsSystem.factory` and spans to `InstrumentationSystem.tracer`, so
/// bootstrap those first (both are no-ops until then); pass `nil` to turn one sink off.
public struct AlipayPlusObservability: Sendable {
    /// The log sink, if logging is on.
    public let logging: AlipayPlusEventLogger?
    /// The metrics sink, if metrics are on.
    public let metrics: AlipayPlusEventMetrics?
    /// The tracing sink, if tracing is on.
    public let tracing: AlipayPlusEventTracer?

    /// Creates the sinks.
    ///
    /// - Parameters:
    ///   - logger: where the one line per event goes; `nil` logs nothing.
    ///   - metricsFactory: where counters, timers and the gauge are made; `nil` records no metrics.
    ///   - tracer: where spans are started; `nil` traces nothing.
    public init(
        logger: Logger? = Logger(label: "alipayplus"),
        metricsFactory: (any MetricsFactory)? = MetricsSystem.factory,
        tracer: (any Tracer)? = InstrumentationSystem.tracer
    ) {
        logging = logger.map(AlipayPlusEventLogger.init(logger:))
        metrics = metricsFactory.map(AlipayPlusEventMetrics.init(factory:))
        tracing = tracer.map(AlipayPlusEventTracer.init(tracer:))
    }

    /// Logs, counts and traces `event`.
    ///
    /// Call it from your own handler when you also handle events yourself:
    /// `eventHandler: { observability.record($0); mine($0) }`.
    public func record(_ event: AlipayPlusEvent) {
        logging?.record(event)
        metrics?.record(event)
        tracing?.record(event)
    }

    /// The handler to pass as `AlipayPlusClient.Configuration.eventHandler`.
    public var eventHandler: @Sendable (AlipayPlusEvent) -> Void {
        { [self] event in record(event) }
    }
}
