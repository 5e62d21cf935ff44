public import AlipayPlus
public import CoreMetrics

/// Records swift-metrics counters, timers and a gauge from the library's events.
///
/// Every label is in ``AlipayPlusMetricNames``; every dimension value comes from
/// ``MetricDimensionRules``, so the number of series stays small and fixed. The unresolved-payments
/// gauge is this process's view: the payments it started or saw pending that have not ended (with
/// several instances, sum the gauge only if each payment is worked by one of them).
public struct AlipayPlusEventMetrics: Sendable {
    /// Where the metrics are made.
    public let factory: any MetricsFactory
    private let unresolved = UnresolvedPayments()

    /// Creates a sink recording into `factory`.
    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Updates the metrics `event` concerns.
    public func record(_ event: AlipayPlusEvent) {
        recordCall(event)
        recordPayment(event)
        recordInbound(event)
        switch event.kind {
        case .attemptFailed: count(AlipayPlusMetricNames.retries, ["operation": MetricDimensionRules.outboundOperation(of: event)])
        case .answerMismatch:
            count(AlipayPlusMetricNames.answersRefused, ["operation": MetricDimensionRules.outboundOperation(of: event)])
        case .warning: count(AlipayPlusMetricNames.warnings, [:])
        default: break
        }
    }

    private func recordCall(_ event: AlipayPlusEvent) {
        guard let result = MetricDimensionRules.callResult(of: event) else { return }
        let operation = MetricDimensionRules.outboundOperation(of: event)
        count(AlipayPlusMetricNames.calls, ["operation": operation, "result": result])
        if let latency = event.latency {
            time(AlipayPlusMetricNames.callDuration, ["operation": operation], latency)
        }
    }

    private func recordPayment(_ event: AlipayPlusEvent) {
        if let outcome = MetricDimensionRules.chargeOutcome(of: event.kind) {
            count(AlipayPlusMetricNames.charges, ["outcome": outcome])
        }
        if event.kind == .paymentConflict { count(AlipayPlusMetricNames.paymentConflicts, [:]) }
        if let outcome = MetricDimensionRules.refundOutcome(of: event.kind) {
            count(AlipayPlusMetricNames.refunds, ["outcome": outcome])
        }
        if let open = unresolved.apply(event) {
            Gauge(label: AlipayPlusMetricNames.unresolvedPayments, dimensions: [], factory: factory).record(open)
        }
    }

    private func recordInbound(_ event: AlipayPlusEvent) {
        let operation = MetricDimensionRules.inboundOperation(of: event)
        if event.kind == .notificationMismatch {
            count(AlipayPlusMetricNames.notificationMismatches, ["operation": operation])
        }
        guard let result = MetricDimensionRules.notificationResult(of: event), let latency = event.latency else { return }
        count(AlipayPlusMetricNames.notifications, ["operation": operation, "result": result])
        time(AlipayPlusMetricNames.notificationDuration, ["operation": operation], latency)
        if MetricDimensionRules.isFailedVerification(event) {
            count(AlipayPlusMetricNames.notificationVerificationsFailed, ["operation": operation])
        }
    }

    private func count(_ label: String, _ dimensions: KeyValuePairs<String, String>) {
        Counter(label: label, dimensions: dimensions.map { ($0.key, $0.value) }, factory: factory).increment()
    }

    private func time(_ label: String, _ dimensions: KeyValuePairs<String, String>, _ duration: Duration) {
        CoreMetrics.Timer(label: label, dimensions: dimensions.map { ($0.key, $0.value) }, factory: factory)
            .recordNanoseconds(DurationUnits.nanoseconds(of: duration))
    }
}
