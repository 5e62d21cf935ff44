import AlipayPlus
import AlipayPlusModels
import AlipayPlusObservability
import AlipayPlusTesting
import InMemoryTracing
import Tracing
import XCTest

/// The tracing sink, seen through swift-distributed-tracing's in-memory tracer.
final class TracingSinkTests: XCTestCase {
    func testEveryOutboundCallIsOneClientSpanWithItsOperationRequestIdAndResult() async throws {
        let tracer = InMemoryTracer()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventTracer(tracer: tracer).record)
        try await flow.bindChargeRefund()

        let calls = flow.events.all.filter { $0.kind == .requestFinished || $0.kind == .requestFailed }
        let received = await flow.simulator.receivedCalls
        XCTAssertEqual(calls.count, received.count)   // no retries here: one call, one request
        let spans = tracer.finishedSpans.filter { $0.kind == .client }
        XCTAssertEqual(spans.map(\.operationName), calls.map { "alipayplus.\($0.operation ?? "")" })
        XCTAssertTrue(tracer.activeSpans.isEmpty)

        let pay = try XCTUnwrap(spans.first { $0.operationName == "alipayplus.pay" })
        XCTAssertEqual(pay.attributes[AlipayPlusSpanAttributes.operation]?.toSpanAttribute(), "pay")
        XCTAssertEqual(pay.attributes[AlipayPlusSpanAttributes.paymentRequestId]?.toSpanAttribute(), "PAY-1")
        XCTAssertEqual(pay.attributes[AlipayPlusSpanAttributes.resultStatus]?.toSpanAttribute(), "S")
        XCTAssertEqual(pay.attributes[AlipayPlusSpanAttributes.resultCode]?.toSpanAttribute(), "SUCCESS")
        XCTAssertEqual(pay.attributes[AlipayPlusSpanAttributes.attempts]?.toSpanAttribute(), 1)
        let refund = try XCTUnwrap(spans.first { $0.operationName == "alipayplus.refund" })
        XCTAssertNotNil(refund.attributes[AlipayPlusSpanAttributes.refundRequestId])
    }

    func testASpanCoversTheCallFromItsStartForItsDuration() async throws {
        let tracer = InMemoryTracer()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventTracer(tracer: tracer).record)
        await flow.simulator.injectFault(.connectionFailure, path: PayRequest.path)
        try await flow.bindChargeRefund()
        let event = try XCTUnwrap(flow.events.all.first { $0.kind == .requestFinished && $0.operation == PayRequest.name })
        let span = try XCTUnwrap(tracer.finishedSpans.first { $0.operationName == "alipayplus.pay" })
        let start = UInt64(try XCTUnwrap(event.startedAt).timeIntervalSince1970 * 1_000_000_000)
        XCTAssertEqual(span.startInstant.nanosecondsSinceEpoch, start)
        XCTAssertGreaterThan(span.endInstant.nanosecondsSinceEpoch, span.startInstant.nanosecondsSinceEpoch)
        XCTAssertEqual(span.attributes[AlipayPlusSpanAttributes.attempts]?.toSpanAttribute(), 2)
    }

    func testSpansAreChildrenOfTheSpanTheCallWasMadeIn() async throws {
        let tracer = InMemoryTracer()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventTracer(tracer: tracer).record)
        let checkout = tracer.startSpan("checkout")
        _ = try await InstrumentationContext.withValue(checkout.context) {
            try await flow.bindChargeRefund()
        }
        checkout.end()
        let clientSpans = tracer.finishedSpans.filter { $0.kind == .client }
        XCTAssertFalse(clientSpans.isEmpty)
        XCTAssertTrue(clientSpans.allSatisfy { $0.parentSpanID == checkout.spanID })
    }

    func testEveryInboundCallIsOneServerSpanAndARefusedOneIsAnError() async throws {
        let tracer = InMemoryTracer()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventTracer(tracer: tracer).record)
        try await flow.bindChargeRefund()
        _ = await flow.sendForgedNotification()
        let delivered = await flow.simulator.deliveries
        let spans = tracer.finishedSpans.filter { $0.kind == .server }
        XCTAssertEqual(spans.count, delivered.count + 1)
        let refused = try XCTUnwrap(spans.last)
        XCTAssertEqual(refused.operationName, "alipayplus.consultUnbinding")
        XCTAssertEqual(refused.status?.code, .error)
        XCTAssertEqual(refused.attributes[AlipayPlusSpanAttributes.httpStatus]?.toSpanAttribute(), 401)
        let applied = try XCTUnwrap(spans.first)
        XCTAssertEqual(applied.attributes[AlipayPlusSpanAttributes.httpStatus]?.toSpanAttribute(), 200)
        XCTAssertNil(applied.status)
    }
}
