import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

/// The calls recorded in the committed cassette: bind, pay, inquire, refund, unbind, through the real
/// client. `authCode` supplies the code (from the simulator when recording, anything when replaying).
enum CassetteScenario {
    static let fileName = "bind-pay-refund-unbind.json"

    static func run(client: AlipayPlusClient, authCode: @Sendable (PrepareResponse) async throws -> String) async throws {
        let prepared = try await client.send(Harness.prepareRequest(agreement: "AGR-CASSETTE", state: "STATE-CASSETTE"))
        XCTAssertEqual(prepared.result.resultStatus, .success)
        let code = try await authCode(prepared)
        let tokens = try await client.send(
            ApplyTokenRequest.authorizationCode(authClientId: Harness.authClientId, authCode: Secret(code)))
        let accessToken = try XCTUnwrap(tokens.accessToken)
        let refreshed = try await client.send(
            ApplyTokenRequest.refreshToken(authClientId: Harness.authClientId, refreshToken: XCTUnwrap(tokens.refreshToken)))
        let current = try XCTUnwrap(refreshed.accessToken)
        XCTAssertNotEqual(current, accessToken)
        let pay = try await client.send(Harness.payRequest("PAY-CASSETTE-1", token: current, minor: 1000))
        XCTAssertEqual(pay.result.resultStatus, .success)
        let inquiry = try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-CASSETTE-1"))
        XCTAssertEqual(inquiry.paymentResult?.resultStatus, .success)
        let refund = try await client.send(RefundRequest(
            paymentRequestId: "PAY-CASSETTE-1", refundRequestId: "REF-CASSETTE-1",
            refundAmount: Amount(currency: "HKD", minorUnits: 400)))
        XCTAssertEqual(refund.result.resultStatus, .success)
        let cancel = try await client.send(CancelTokenRequest(accessToken: current, authClientId: Harness.authClientId))
        XCTAssertEqual(cancel.result.resultStatus, .success)
    }

    /// Records the scenario against a fresh simulator into `file`.
    static func record(to file: URL) async throws {
        // The simulator signs with its own fresh key; the cassette re-signs with TestKeys.
        let simulatorKey = try RSAPrivateKey.generate()
        let harness = try Harness(
            transport: {
                CassetteTransport(recordingTo: file, wrapping: $0, originalAlipayPlusPublicKey: simulatorKey.publicKey)
            },
            configure: { $0.alipayPlusPrivateKey = simulatorKey }
        )
        let simulator = harness.simulator
        try await run(client: harness.client) { prepared in
            let back = try await simulator.approve(walletPageURL: XCTUnwrap(prepared.redirectURL(for: .web)))
            return try XCTUnwrap(URLComponents(url: back, resolvingAgainstBaseURL: false)?.queryItems?
                .first { $0.name == "authCode" }?.value)
        }
    }

    /// A client that trusts only the public test key, over `transport`.
    static func replayClient(_ transport: any HTTPTransport) -> AlipayPlusClient {
        AlipayPlusClient(
            configuration: Harness.clientConfiguration(clock: VirtualClock(), alipayPlusKey: TestKeys.alipayPlusPublicKey),
            transport: transport
        )
    }

    static var committedCassette: URL {
        get throws {
            try XCTUnwrap(Bundle.module.url(forResource: "Cassettes/" + fileName, withExtension: nil)
                ?? Bundle.module.url(forResource: fileName, withExtension: nil, subdirectory: "Cassettes"))
        }
    }
}
