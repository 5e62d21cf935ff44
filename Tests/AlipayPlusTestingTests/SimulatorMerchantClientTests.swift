import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// `AlipayPlusSimulator.merchantClient(...)`: the test merchant's client over the simulator, in one call.
final class SimulatorMerchantClientTests: XCTestCase {
    private func simulator(clock: VirtualClock, alipayPlusPrivateKey: RSAPrivateKey? = TestKeys.alipayPlusPrivateKey) throws
        -> AlipayPlusSimulator {
        AlipayPlusSimulator(configuration: try .init(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: alipayPlusPrivateKey, clock: clock))
    }

    func testTheHelpersClientIsBelievedByTheSimulatorAndBelievesItsSignedAnswers() async throws {
        let simulator = try simulator(clock: VirtualClock())
        let client = try simulator.merchantClient(retryPolicy: .none)

        let response = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-NEVER-SENT"))

        XCTAssertEqual(response.result.resultStatus, .failure, "a verified, signed business answer, not a signature error")
        let calls = await simulator.receivedCalls
        XCTAssertEqual(calls.map(\.path), [InquiryPaymentRequest.path])
    }

    func testTheHelpersClientKeepsTimeOnTheSimulatorsClock() async throws {
        let clock = VirtualClock()
        let client = try simulator(clock: clock).merchantClient()
        clock.advance(by: .seconds(3600))
        XCTAssertEqual(client.configuration.clock.now, clock.now)
        XCTAssertEqual(client.configuration.clientId, TestKeys.merchantClientId)
        XCTAssertEqual(client.configuration.environment.baseURL, AlipayPlusSimulator.baseURL)
    }

    func testTheHelpersClientSendsThroughTheTransportItIsGiven() async throws {
        let simulator = try simulator(clock: VirtualClock())
        let counting = CountingTransport(next: simulator)
        let client = try simulator.merchantClient(transport: counting, retryPolicy: .none)

        _ = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-1"))

        XCTAssertEqual(counting.count, 1)
    }

    func testASimulatorSigningWithTheMerchantsOwnKeyIsRefusedWithAConfigurationError() throws {
        let simulator = try simulator(clock: VirtualClock(), alipayPlusPrivateKey: TestKeys.merchantPrivateKey)
        XCTAssertThrowsError(try simulator.merchantClient()) { error in
            XCTAssertEqual((error as? AlipayPlusError)?.code, .configuration, "\(error)")
        }
    }
}

/// Counts the requests on their way to `next`.
private final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let next: any HTTPTransport
    private let lock = NSLock()
    private var sent = 0

    init(next: any HTTPTransport) { self.next = next }

    var count: Int { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { sent += 1 }
        return try await next.send(request)
    }
}
