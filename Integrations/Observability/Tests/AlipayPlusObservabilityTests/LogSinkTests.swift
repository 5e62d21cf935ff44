import AlipayPlus
import AlipayPlusObservability
import InMemoryLogging
import Logging
import XCTest

/// The swift-log sink: one line per event, at the event's level, ids as metadata, never a secret.
final class LogSinkTests: XCTestCase {
    private func logger(_ handler: InMemoryLogHandler) -> Logger {
        var logger = Logger(label: "alipayplus-test", factory: { _ in handler })
        logger.logLevel = .trace
        return logger
    }

    func testEveryEventIsOneLineAtTheLevelOfItsSeverity() async throws {
        let handler = InMemoryLogHandler()
        let sink = AlipayPlusEventLogger(logger: logger(handler))
        let flow = try ObservedFlow.make(sink: sink.record)
        try await flow.bindChargeRefund()
        let refused = await flow.sendForgedNotification()
        XCTAssertEqual(refused.status, 401)

        let events = flow.events.all
        let entries = handler.entries
        XCTAssertEqual(entries.count, events.count)
        XCTAssertGreaterThan(events.count, 10)
        for (event, entry) in zip(events, entries) {
            XCTAssertEqual(entry.message.description, event.kind.name)
            XCTAssertEqual(entry.level, LogLevelRule.level(for: event.severity), "\(event.kind)")
        }
        XCTAssertTrue(entries.contains { $0.level == .warning && $0.message.description == "notificationRejected" })
        for entry in entries {   // one line: a signature check's several-line report is joined
            XCTAssertFalse("\(entry.message) \(entry.metadata)".contains("\n"), "\(entry.message)")
        }
    }

    func testIdsResultsAndDurationAreStructuredMetadata() async throws {
        let handler = InMemoryLogHandler()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventLogger(logger: logger(handler)).record)
        let binding = try await flow.bindChargeRefund()
        let pay = try XCTUnwrap(handler.entries.first {
            $0.message.description == "requestFinished" && $0.metadata["operation"] == "pay"
        })
        XCTAssertEqual(pay.metadata["paymentRequestId"], "PAY-1")
        XCTAssertEqual(pay.metadata["resultStatus"], "S")
        XCTAssertEqual(pay.metadata["resultCode"], "SUCCESS")
        XCTAssertEqual(pay.metadata["attempt"], "1")
        XCTAssertNotNil(pay.metadata["latencyMs"])
        let refund = try XCTUnwrap(handler.entries.first { $0.message.description == "refundSucceeded" })
        XCTAssertEqual(refund.metadata["paymentRequestId"], "PAY-1")
        XCTAssertNotNil(refund.metadata["refundRequestId"])
        let bound = try XCTUnwrap(handler.entries.first { $0.message.description == "bindingCompleted" })
        XCTAssertEqual(bound.metadata["bindingId"], "\(binding.bindingId)")
    }

    func testNoLineCarriesASecret() async throws {
        let handler = InMemoryLogHandler()
        let flow = try ObservedFlow.make(sink: AlipayPlusEventLogger(logger: logger(handler)).record)
        try await flow.bindChargeRefund()
        _ = await flow.sendForgedNotification()
        let secrets = RedactionTestValues.all + flow.seen.all
        XCTAssertGreaterThan(flow.seen.all.count, 4)   // the auth code, the tokens, signatures both ways
        for entry in handler.entries {
            let line = "\(entry.level) \(entry.message) \(entry.metadata)"
            for secret in secrets {
                XCTAssertFalse(line.contains(secret), "a \(entry.message) line holds a secret")
            }
        }
    }
}
