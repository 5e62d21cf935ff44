import AlipayPlus
import AlipayPlusModels
import AlipayPlusObservability
import AlipayPlusTesting
import MetricsTestKit
import XCTest

/// The swift-metrics sink, seen through swift-metrics' test factory after bind → charge → refund
/// against the simulator.
final class MetricsSinkTests: XCTestCase {
    func testABindChargeAndRefundAreCountedAndTimedByOperationAndResult() async throws {
        let metrics = TestMetrics()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventMetrics(factory: metrics).record)
        try await flow.bindChargeRefund()

        for operation in [PrepareRequest.name, ApplyTokenRequest.name, PayRequest.name, RefundRequest.name] {
            let calls = try metrics.expectCounter(AlipayPlusMetricNames.calls, [("operation", operation), ("result", "S")])
            XCTAssertEqual(calls.totalValue, 1, operation)
            let timer = try metrics.expectTimer(AlipayPlusMetricNames.callDuration, [("operation", operation)])
            XCTAssertEqual(timer.values.count, 1, operation)
        }
        XCTAssertEqual(try metrics.expectCounter(AlipayPlusMetricNames.charges, [("outcome", "succeeded")]).totalValue, 1)
        XCTAssertEqual(try metrics.expectCounter(AlipayPlusMetricNames.refunds, [("outcome", "succeeded")]).totalValue, 1)
        XCTAssertEqual(try metrics.expectGauge(AlipayPlusMetricNames.unresolvedPayments).lastValue, 0)
        XCTAssertEqual(metrics.counterTotal(label: AlipayPlusMetricNames.retries), 0)
        XCTAssertEqual(metrics.counterTotal(label: AlipayPlusMetricNames.notificationVerificationsFailed), 0)
        XCTAssertEqual(metrics.counterTotal(label: AlipayPlusMetricNames.calls, dimensions: [("operation", PayRequest.name), ("result", "error")]), 0)
    }

    func testARetriedCallCountsOneRetryAndOneCall() async throws {
        let metrics = TestMetrics()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventMetrics(factory: metrics).record)
        await flow.simulator.injectFault(.connectionFailure, path: PayRequest.path)
        try await flow.bindChargeRefund()
        XCTAssertEqual(try metrics.expectCounter(AlipayPlusMetricNames.retries, [("operation", PayRequest.name)]).totalValue, 1)
        XCTAssertEqual(try metrics.expectCounter(AlipayPlusMetricNames.calls, [("operation", PayRequest.name), ("result", "S")]).totalValue, 1)
    }

    func testAForgedNotificationCountsAsAFailedVerification() async throws {
        let metrics = TestMetrics()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventMetrics(factory: metrics).record)
        _ = await flow.sendForgedNotification()
        let failed = try metrics.expectCounter(
            AlipayPlusMetricNames.notificationVerificationsFailed, [("operation", ConsultUnbindingRequest.name)])
        XCTAssertEqual(failed.totalValue, 1)
        let rejected = try metrics.expectCounter(
            AlipayPlusMetricNames.notifications, [("operation", ConsultUnbindingRequest.name), ("result", "rejected")])
        XCTAssertEqual(rejected.totalValue, 1)
    }

    func testEachInboundCallIsCountedOnceWhateverEventsItsHandlingEmits() async throws {
        let metrics = TestMetrics()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventMetrics(factory: metrics).record)
        let status = NotifyRegistrationStatusRequest(
            registrationRequestId: "REG-1", registrationResult: APIResult(resultCode: .success, resultStatus: .success),
            referenceMerchantId: "M0001")
        let answer = try await flow.sendSigned(status, path: "/alipayplus/notifyRegistrationStatus")
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(metrics.counterTotal(label: AlipayPlusMetricNames.notifications), 1)
        XCTAssertEqual(try metrics.expectCounter(AlipayPlusMetricNames.notifications,
            [("operation", NotifyRegistrationStatusRequest.name), ("result", "applied")]).totalValue, 1)
        XCTAssertEqual(try metrics.expectTimer(AlipayPlusMetricNames.notificationDuration,
            [("operation", NotifyRegistrationStatusRequest.name)]).values.count, 1)
    }

    func testAnUnknownInboundPathIsCountedAsUnknownNotByItsName() async throws {
        let metrics = TestMetrics()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventMetrics(factory: metrics).record)
        let answer = await flow.coordinator.handleInbound(
            InboundRequest(path: "/alipayplus/attacker-chosen-\(UUID().uuidString)", headers: [:], body: Data("{}".utf8)))
        XCTAssertEqual(answer.status, 404)
        XCTAssertEqual(metrics.counters(label: AlipayPlusMetricNames.notifications).map(\.dimensions.description),
                       [[("operation", "unknown"), ("result", "rejected")].description])
    }

    func testTheUnresolvedGaugeCountsPaymentsUntilTheirOutcome() {
        let metrics = TestMetrics()
        let sink = AlipayPlusEventMetrics(factory: metrics)
        let steps: [(AlipayPlusEvent.Kind, String, Double)] = [
            (.paymentStarted, "PAY-1", 1), (.paymentStarted, "PAY-2", 2), (.paymentPending, "PAY-1", 2),
            (.paymentSucceeded, "PAY-1", 1), (.paymentPending, "PAY-3", 2),  // PAY-3: pending after a restart
            (.paymentCanceled, "PAY-3", 1), (.paymentFailed, "PAY-2", 0), (.paymentFailed, "PAY-2", 0),
        ]
        for (kind, id, expected) in steps {
            sink.record(AlipayPlusEvent(kind, paymentRequestId: id))
            XCTAssertEqual(try metrics.expectGauge(AlipayPlusMetricNames.unresolvedPayments).lastValue, expected,
                           "after \(kind) \(id)")
        }
    }
}
