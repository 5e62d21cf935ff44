/// The labels of every metric ``AlipayPlusEventMetrics`` records, and their dimensions.
public enum AlipayPlusMetricNames {
    /// Counter: finished calls to Alipay+, by `operation` and `result` (``MetricDimensionRules/callResult(of:)``:
    /// `S`, `F`, `U`, `other` or `error`).
    public static let calls = "alipayplus_calls_total"
    /// Timer: the duration of each call to Alipay+ (all its attempts), by `operation`.
    public static let callDuration = "alipayplus_call_duration_seconds"
    /// Counter: attempts that failed and were retried, by `operation`.
    public static let retries = "alipayplus_call_retries_total"
    /// Counter: verified answers that were not believed (about another payment, or outside the time
    /// window), by `operation`.
    public static let answersRefused = "alipayplus_answers_refused_total"
    /// Counter: charges that reached an outcome, by `outcome` (`succeeded`, `failed`, `canceled`).
    public static let charges = "alipayplus_charges_total"
    /// Counter: Alipay+ reports that contradict a stored payment (reconcile them).
    public static let paymentConflicts = "alipayplus_payment_conflicts_total"
    /// Gauge: payments this process started or saw pending that have no outcome yet.
    public static let unresolvedPayments = "alipayplus_unresolved_payments"
    /// Counter: refunds that reached an outcome, by `outcome` (`succeeded`, `failed`, `pending`).
    public static let refunds = "alipayplus_refunds_total"
    /// Counter: inbound calls, once each, by `operation` (an inbound call name or `unknown`) and
    /// `result` (`applied`: acknowledged, `rejected`: refused).
    public static let notifications = "alipayplus_notifications_total"
    /// Counter: verified notifications that disagree with the stored records (not applied, though
    /// acknowledged), by `operation`.
    public static let notificationMismatches = "alipayplus_notification_mismatches_total"
    /// Timer: the time each inbound call took to answer, by `operation`.
    public static let notificationDuration = "alipayplus_notification_duration_seconds"
    /// Counter: inbound calls refused because their signature, client id or time did not verify
    /// (HTTP 401), by `operation`.
    public static let notificationVerificationsFailed = "alipayplus_notification_verifications_failed_total"
    /// Counter: configuration and protocol warnings (`warning` events).
    public static let warnings = "alipayplus_warnings_total"
}
