import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

final class SimulatorFaultTests: XCTestCase {
    private func boundHarness() async throws -> (Harness, Secret) {
        let harness = try Harness()
        let tokens = try await harness.bind()
        return (harness, try XCTUnwrap(tokens.accessToken))
    }

    func testConnectionFailureIsNotSentAndNothingIsBooked() async throws {
        let (harness, token) = try await boundHarness()
        await harness.simulator.injectFault(.connectionFailure, path: PayRequest.path)
        do {
            _ = try await harness.simulator.send(HTTPRequest(url: AlipayPlusSimulator.baseURL.appendingPathComponent(PayRequest.path)))
            XCTFail("expected a transport error")
        } catch let error as TransportError {
            XCTAssertEqual(error.code, .connectionFailed)
            XCTAssertEqual(error.delivery, .notSent)
        }
        let pay = try await harness.client.send(Harness.payRequest("PAY-1", token: token))
        XCTAssertEqual(pay.result.resultStatus, .success)
        let ledger = await harness.simulator.ledger
        XCTAssertEqual(ledger.payment("PAY-1")?.payCalls, 1)
    }

    func testResponseLostAfterProcessingStillBooksThePayment() async throws {
        let (harness, token) = try await boundHarness()
        await harness.simulator.injectFault(.responseLost, path: PayRequest.path)
        do {
            _ = try await harness.client.send(Harness.payRequest("PAY-1", token: token))
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .transport)
            XCTAssertTrue(error.requestMayHaveBeenProcessed)
        }
        let ledger = await harness.simulator.ledger
        XCTAssertEqual(ledger.payment("PAY-1")?.chargeCount, 1)
        let inquiry = try await harness.client.send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))
        XCTAssertEqual(inquiry.paymentResult?.resultStatus, .success)
    }

    func testHTTP5xxWithHTMLBody() async throws {
        let (harness, token) = try await boundHarness()
        await harness.simulator.injectFault(.httpError(status: 502), path: PayRequest.path)
        do {
            _ = try await harness.client.send(Harness.payRequest("PAY-1", token: token))
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .httpStatus)
            XCTAssertEqual(error.httpStatus, 502)
        }
    }

    func testMalformedBody() async throws {
        let (harness, _) = try await boundHarness()
        await harness.simulator.injectFault(.malformedBody)
        do {
            _ = try await harness.client.send(InquiryPaymentRequest(paymentRequestId: "X"))
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .decoding)
        }
    }

    func testBadAndMissingResponseSignatures() async throws {
        let (harness, _) = try await boundHarness()
        await harness.simulator.injectFault(.badSignature, count: 1)
        await harness.simulator.injectFault(.missingSignature, count: 1)
        for expected in [SignatureMismatch.Code.signatureDoesNotMatch, .missingHeader] {
            do {
                _ = try await harness.client.send(InquiryPaymentRequest(paymentRequestId: "X"))
                XCTFail("expected an error")
            } catch let error as AlipayPlusError {
                XCTAssertEqual(error.code, .signature)
                XCTAssertEqual(error.signatureMismatch?.code, expected)
            }
        }
        let after = try await harness.client.send(InquiryPaymentRequest(paymentRequestId: "X"))
        XCTAssertEqual(after.result.resultCode, .orderNotExist)
    }

    func testLatencySleepsOnTheClock() async throws {
        let (harness, _) = try await boundHarness()
        let before = harness.clock.now
        await harness.simulator.injectFault(.latency(.seconds(4)), path: InquiryPaymentRequest.path, count: 2)
        _ = try await harness.client.send(InquiryPaymentRequest(paymentRequestId: "X"))
        _ = try await harness.client.send(InquiryPaymentRequest(paymentRequestId: "X"))
        XCTAssertGreaterThanOrEqual(harness.clock.now.timeIntervalSince(before), 8)
    }

    func testPredicateFaultHitsOnlyMatchingRequests() async throws {
        let (harness, token) = try await boundHarness()
        await harness.simulator.injectFault(.connectionFailure, count: 5) { $0.field("paymentRequestId") == "PAY-2" }
        let one = try await harness.client.send(Harness.payRequest("PAY-1", token: token))
        XCTAssertEqual(one.result.resultStatus, .success)
        do {
            _ = try await harness.client.send(Harness.payRequest("PAY-2", token: token))
            XCTFail("expected an error")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .transport)
            XCTAssertFalse(error.requestMayHaveBeenProcessed)
        }
        let ledger = await harness.simulator.ledger
        XCTAssertNil(ledger.payment("PAY-2"))
    }
}
