import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest

final class CassetteTests: XCTestCase {
    private func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("cassette-\(UUID().uuidString)").appendingPathComponent("c.json")
    }

    /// Re-records the committed cassette when ALIPAYPLUS_RECORD_CASSETTES=1 (run it after an
    /// intended change to the simulator or the models, then review the diff).
    func testRecordCommittedCassette() async throws {
        guard ProcessInfo.processInfo.environment["ALIPAYPLUS_RECORD_CASSETTES"] == "1" else {
            throw XCTSkip("set ALIPAYPLUS_RECORD_CASSETTES=1 to re-record the committed cassette")
        }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Cassettes").appendingPathComponent(CassetteScenario.fileName)
        try? FileManager.default.removeItem(at: file)
        try await CassetteScenario.record(to: file)
    }

    func testCommittedCassetteReplaysWithoutTheSimulator() async throws {
        let player = try CassetteTransport(replaying: CassetteScenario.committedCassette)
        try await CassetteScenario.run(client: CassetteScenario.replayClient(player)) { _ in "any code: it is redacted" }
        try await player.assertAllExchangesUsed()
        let served = await player.replayedCount
        XCTAssertEqual(served, 7)
    }

    func testCommittedCassetteHoldsNoSecrets() throws {
        let text = try String(contentsOf: CassetteScenario.committedCassette, encoding: .utf8)
        XCTAssertTrue(text.contains("<redacted-accessToken-1>"))
        XCTAssertFalse(text.contains("SIMAT"), "a raw access token leaked")
        XCTAssertFalse(text.contains("SIMRT"), "a raw refresh token leaked")
        XCTAssertFalse(text.contains("SIMAC"), "a raw auth code leaked")
        XCTAssertFalse(text.contains("Request-Time"))
    }

    func testChangingOneResponseByteFailsSignatureVerification() async throws {
        var cassette = try Cassette(contentsOf: CassetteScenario.committedCassette)
        let index = try XCTUnwrap(cassette.exchanges.firstIndex { $0.path == PayRequest.path })
        var bytes = Array(cassette.exchanges[index].responseBody.utf8)
        let position = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "H")))  // in "HKD"
        bytes[position] = UInt8(ascii: "J")
        cassette.exchanges[index].responseBody = String(decoding: bytes, as: UTF8.self)
        let player = CassetteTransport(replaying: cassette)
        do {
            try await CassetteScenario.run(client: CassetteScenario.replayClient(player)) { _ in "x" }
            XCTFail("a tampered response was believed")
        } catch let error as AlipayPlusError {
            XCTAssertEqual(error.code, .signature)
            XCTAssertEqual(error.operation, "pay")
            XCTAssertEqual(error.signatureMismatch?.code, .signatureDoesNotMatch)
        }
    }

    func testRequestMismatchNamesExchangeAndJSONPath() async throws {
        let player = try CassetteTransport(replaying: CassetteScenario.committedCassette)
        let cassette = try Cassette(contentsOf: CassetteScenario.committedCassette)
        let url = AlipayPlusSimulator.baseURL.appendingPathComponent(PrepareRequest.path)
        var body = Data(cassette.exchanges[0].requestBody.utf8)
        body = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "Demo Ltd", with: "Other Ltd").utf8)
        do {
            _ = try await player.send(HTTPRequest(url: url, body: body))
            XCTFail("expected a mismatch")
        } catch let error as CassetteError {
            XCTAssertEqual(error.code, .requestMismatch)
            XCTAssertEqual(error.exchangeIndex, 0)
            XCTAssertEqual(error.path, "$.authClientName")
            XCTAssertTrue(error.description.contains("\"Demo Ltd\""), error.description)
        }
        do {
            _ = try await player.send(HTTPRequest(url: AlipayPlusSimulator.baseURL.appendingPathComponent(PayRequest.path)))
            XCTFail("expected a mismatch")
        } catch let error as CassetteError {
            XCTAssertEqual(error.path, "path")
        }
    }

    func testVolatileFieldsAreIgnoredOnReplay() async throws {
        let player = try CassetteTransport(replaying: CassetteScenario.committedCassette)
        let cassette = try Cassette(contentsOf: CassetteScenario.committedCassette)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cassette.exchanges[0].requestBody.utf8)) as? [String: Any])
        object["authState"] = "another-state"
        object["referenceAgreementId"] = "another-agreement"
        let body = try JSONSerialization.data(withJSONObject: object)
        let response = try await player.send(HTTPRequest(
            url: AlipayPlusSimulator.baseURL.appendingPathComponent(PrepareRequest.path), body: body))
        XCTAssertEqual(response.status, 200)
    }

    func testRecordingRedactsStablyAndWritesSortedPrettyJSON() async throws {
        let file = temporaryFile()
        try await CassetteScenario.record(to: file)
        let cassette = try Cassette(contentsOf: file)
        XCTAssertEqual(cassette.exchanges.map(\.path), [
            PrepareRequest.path, ApplyTokenRequest.path, ApplyTokenRequest.path, PayRequest.path,
            InquiryPaymentRequest.path, RefundRequest.path, CancelTokenRequest.path,
        ])
        // The refreshed token is placeholder 2 in the applyToken response and in pay and cancelToken.
        XCTAssertTrue(cassette.exchanges[2].responseBody.contains("<redacted-accessToken-2>"))
        XCTAssertTrue(cassette.exchanges[3].requestBody.contains("\"paymentMethodId\":\"<redacted-accessToken-2>\""))
        XCTAssertTrue(cassette.exchanges[6].requestBody.contains("\"accessToken\":\"<redacted-accessToken-2>\""))
        XCTAssertTrue(cassette.exchanges[2].requestBody.contains("<redacted-refreshToken-1>"))
        XCTAssertNil(cassette.exchanges[0].requestHeaders["Signature"])
        XCTAssertNil(cassette.exchanges[0].requestHeaders["Request-Time"])
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains("\n  \"exchanges\" : ["), "pretty-printed with sorted keys")
        XCTAssertEqual(try cassette.encoded(), try Data(contentsOf: file))

        // The fresh recording replays too.
        let player = CassetteTransport(replaying: cassette)
        try await CassetteScenario.run(client: CassetteScenario.replayClient(player)) { _ in "x" }
        try await player.assertAllExchangesUsed()
    }

    func testExhaustedAndUnusedExchanges() async throws {
        let player = CassetteTransport(replaying: Cassette())
        do {
            _ = try await player.send(HTTPRequest(url: AlipayPlusSimulator.baseURL))
            XCTFail("expected exhaustion")
        } catch let error as CassetteError {
            XCTAssertEqual(error.code, .exhausted)
        }
        let unused = try CassetteTransport(replaying: CassetteScenario.committedCassette)
        do {
            try await unused.assertAllExchangesUsed()
            XCTFail("expected unused exchanges")
        } catch let error as CassetteError {
            XCTAssertEqual(error.code, .unusedExchanges)
        }
    }
}
