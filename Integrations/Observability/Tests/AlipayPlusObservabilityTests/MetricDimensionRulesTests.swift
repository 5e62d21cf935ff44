import AlipayPlus
import AlipayPlusModels
import AlipayPlusObservability
import Foundation
import Logging
import XCTest

/// The pure rules the sinks are built on, as tables.
final class MetricDimensionRulesTests: XCTestCase {
    func testACallsResultIsItsStatusOrErrorWhenItThrew() {
        let table: [(AlipayPlusEvent, String?)] = [
            (AlipayPlusEvent(.requestFinished, resultStatus: .success), "S"),
            (AlipayPlusEvent(.requestFinished, resultStatus: .failure), "F"),
            (AlipayPlusEvent(.requestFinished, resultStatus: .unknown), "U"),
            (AlipayPlusEvent(.requestFinished, resultStatus: .other("Q")), "other"),
            (AlipayPlusEvent(.requestFailed, resultStatus: .failure), "error"),
            (AlipayPlusEvent(.requestStarted), nil),
            (AlipayPlusEvent(.attemptFailed), nil),
        ]
        for (event, result) in table {
            XCTAssertEqual(MetricDimensionRules.callResult(of: event), result, "\(event)")
        }
    }

    func testAnInboundOperationIsAKnownCallNameOrUnknown() {
        let table: [(String?, String)] = [
            ("notifyPayment", "notifyPayment"), ("authNotify", "authNotify"), ("consultUnbinding", "consultUnbinding"),
            ("notifyRegistrationStatus", "notifyRegistrationStatus"), ("wp-login.php", "unknown"), (nil, "unknown"),
        ]
        for (name, operation) in table {
            XCTAssertEqual(MetricDimensionRules.inboundOperation(of: AlipayPlusEvent(.notificationRejected, operation: name)),
                           operation)
        }
    }

    func testOutcomesComeFromTheEventKind() {
        let table: [(AlipayPlusEvent.Kind, String?, String?)] = [
            (.paymentSucceeded, "succeeded", nil), (.paymentFailed, "failed", nil), (.paymentCanceled, "canceled", nil),
            (.paymentPending, nil, nil), (.paymentStarted, nil, nil), (.refundSucceeded, nil, "succeeded"),
            (.refundFailed, nil, "failed"), (.refundPending, nil, "pending"), (.warning, nil, nil),
        ]
        for (kind, charge, refund) in table {
            XCTAssertEqual(MetricDimensionRules.chargeOutcome(of: kind), charge, "\(kind)")
            XCTAssertEqual(MetricDimensionRules.refundOutcome(of: kind), refund, "\(kind)")
        }
    }

    func testOnlyTheEventThatEndsACallEndsIt() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let table: [(AlipayPlusEvent, CallEndRule.Direction?, String?)] = [
            (AlipayPlusEvent(.requestFinished, startedAt: now, latency: .zero), .outbound, nil),
            (AlipayPlusEvent(.requestFailed, startedAt: now, latency: .zero), .outbound, nil),
            (AlipayPlusEvent(.requestStarted, startedAt: now), nil, nil),
            (AlipayPlusEvent(.attemptFailed, startedAt: now), nil, nil),
            (AlipayPlusEvent(.notificationApplied, startedAt: now, latency: .zero), .inbound, "applied"),
            (AlipayPlusEvent(.notificationRejected, startedAt: now, latency: .zero), .inbound, "rejected"),
            (AlipayPlusEvent(.notificationApplied), nil, nil),     // emitted while the call is handled
            (AlipayPlusEvent(.notificationMismatch, startedAt: now, latency: .zero), nil, nil),
            (AlipayPlusEvent(.paymentSucceeded, startedAt: now, latency: .zero), nil, nil),
        ]
        for (event, direction, result) in table {
            XCTAssertEqual(CallEndRule.direction(of: event), direction, "\(event)")
            XCTAssertEqual(MetricDimensionRules.notificationResult(of: event), result, "\(event)")
        }
    }

    func testOnlyAnUnauthenticatedInboundCallIsAFailedVerification() {
        let table: [(AlipayPlusEvent, Bool)] = [
            (AlipayPlusEvent(.notificationRejected, httpStatus: 401), true),
            (AlipayPlusEvent(.notificationRejected, httpStatus: 400), false),
            (AlipayPlusEvent(.notificationRejected, httpStatus: 404), false),
            (AlipayPlusEvent(.notificationMismatch, httpStatus: 401), false),
        ]
        for (event, failed) in table {
            XCTAssertEqual(MetricDimensionRules.isFailedVerification(event), failed, "\(event)")
        }
    }

    func testEachSeverityLogsAtTheSameNamedLevel() {
        let table: [(AlipayPlusEvent.Severity, Logger.Level)] = [
            (.debug, .debug), (.info, .info), (.notice, .notice), (.warning, .warning), (.error, .error),
        ]
        for (severity, level) in table {
            XCTAssertEqual(LogLevelRule.level(for: severity), level)
        }
        XCTAssertEqual(table.map(\.0), AlipayPlusEvent.Severity.allCases)
    }
}
