import AlipayPlus
import AlipayPlusObservability
import AlipayPlusSigning
import AlipayPlusTesting
import InMemoryLogging
import InMemoryTracing
import Logging
import MetricsTestKit
import XCTest

/// The one-call installation: one handler feeds the three sinks.
final class ObservabilityInstallTests: XCTestCase {
    func testOneHandlerLogsCountsAndTracesEveryEvent() async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "alipayplus-test", factory: { _ in handler })
        logger.logLevel = .debug
        let metrics = TestMetrics()
        let tracer = InMemoryTracer()
        let observability = AlipayPlusObservability(logger: logger, metricsFactory: metrics, tracer: tracer)
        let flow = try ObservedFlow.make(sink: observability.eventHandler)
        try await flow.bindChargeRefund()
        XCTAssertEqual(handler.entries.count, flow.events.all.count)
        XCTAssertEqual(try metrics.expectCounter(AlipayPlusMetricNames.charges, [("outcome", "succeeded")]).totalValue, 1)
        XCTAssertTrue(tracer.finishedSpans.contains { $0.operationName == "alipayplus.pay" })
    }

    /// Documentation/Observability.md's installation, verbatim but for the keys.
    func testTheDocumentedInstallationCompiles() throws {
        let clientId = TestKeys.merchantClientId
        let privateKey = TestKeys.merchantPrivateKey
        let alipayPlusKeys = AlipayPlusPublicKeys(TestKeys.alipayPlusPublicKey)

        let observability = AlipayPlusObservability(logger: Logger(label: "alipayplus"))
        let configuration = try AlipayPlusClient.Configuration(
            clientId: clientId, privateKey: privateKey, alipayPlusPublicKeys: alipayPlusKeys,
            environment: .otherRegions, eventHandler: observability.eventHandler)

        XCTAssertNotNil(configuration.eventHandler)
        XCTAssertNotNil(observability.logging)
    }

    func testASinkPassedAsNilRecordsNothing() {
        let observability = AlipayPlusObservability(logger: nil, metricsFactory: nil, tracer: nil)
        XCTAssertNil(observability.logging)
        XCTAssertNil(observability.metrics)
        XCTAssertNil(observability.tracing)
        observability.record(AlipayPlusEvent(.paymentStarted, paymentRequestId: "PAY-1"))
    }
}
