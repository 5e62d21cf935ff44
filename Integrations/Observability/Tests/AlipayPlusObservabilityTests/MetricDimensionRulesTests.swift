import AlipayPlus
import AlipayPlusModels
import AlipayPlusObservability
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
        let table: [(AlipayPlusEvent.Kind, String?, String?, String?)] = [
            (.paymentSucceeded, "succeeded", nil, nil), (.paymentFailed, "failed", nil, nil),
            (.paymentCanceled, "canceled", nil, nil), (.paymentPending, nil, nil, nil), (.paymentStarted, nil, nil, nil),
            (.refundSucceeded, nil, "succeeded", nil), (.refundFailed, nil, "failed", nil), (.refundPending, nil, "pending", nil),
            (.notificationApplied, nil, nil, "applied"), (.notificationRejected, nil, nil, "rejected"),
            (.notificationMismatch, nil, nil, "mismatch"), (.warning, nil, nil, nil),
        ]
        for (kind, charge, refund, notification) in table {
            XCTAssertEqual(MetricDimensionRules.chargeOutcome(of: kind), charge, "\(kind)")
            XCTAssertEqual(MetricDimensionRules.refundOutcome(of: kind), refund, "\(kind)")
            XCTAssertEqual(MetricDimensionRules.notificationResult(of: kind), notification, "\(kind)")
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
