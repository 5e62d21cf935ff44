import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation
import XCTest

// docs: TestingWithTheSimulator
/// The cassette code of the "Testing with the simulator and cassettes" DocC article (checked by .ci/docs.sh).
final class CassettesArticleTests: XCTestCase {
    /// The same calls, recorded or replayed: an inquiry for a payment the simulator never saw.
    private func makeTheCalls(_ client: AlipayPlusClient) async throws -> ResultStatus {
        try await client.send(InquiryPaymentRequest(paymentRequestId: "PAY-cassette-1")).result.resultStatus
    }

    func testARecordedCassetteReplaysWithTheRealSignatureCheckAndNoSimulator() async throws {
        let cassetteURL = FileManager.default.temporaryDirectory.appendingPathComponent("article-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: cassetteURL) }
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey))

        // Record (against the simulator, or the sandbox through URLSessionTransport):
        let recorder = CassetteTransport(recordingTo: cassetteURL, wrapping: simulator)
        let recordingClient = AlipayPlusClient(configuration: try AlipayPlusClient.Configuration(
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(simulator.alipayPlusPublicKey),
            environment: .custom(AlipayPlusSimulator.baseURL), clock: VirtualClock()), transport: recorder)
        let live = try await makeTheCalls(recordingClient)

        // Replay: the client must trust the public test key that re-signed the recorded responses.
        let player = try CassetteTransport(replaying: cassetteURL)
        let client = AlipayPlusClient(configuration: try AlipayPlusClient.Configuration(
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(TestKeys.alipayPlusPublicKey),
            environment: .custom(AlipayPlusSimulator.baseURL), clock: VirtualClock()), transport: player)
        let replayed = try await makeTheCalls(client)
        try await player.assertAllExchangesUsed()

        XCTAssertEqual(replayed, live)
    }
}
