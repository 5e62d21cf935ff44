import AlipayPlusModels
import Foundation
import XCTest

/// Prints encode+decode throughput (`swift test -c release --filter ThroughputReport`); asserts no timing.
final class ThroughputReport: XCTestCase {
    func testPrintEncodeDecodeThroughput() throws {
        let pay = Fixtures.pay
        let response = Fixtures.payResponse
        #if DEBUG
        let iterations = 2_000
        #else
        let iterations = 20_000
        #endif
        var bytes = 0
        let start = ContinuousClock.now
        for _ in 0..<iterations {
            let requestData = try AlipayPlusJSON.encode(pay)
            let decodedRequest = try AlipayPlusJSON.decode(PayRequest.self, from: requestData)
            let responseData = try AlipayPlusJSON.encode(response)
            let decodedResponse = try AlipayPlusJSON.decode(PayResponse.self, from: responseData)
            bytes += requestData.count + responseData.count
            if decodedRequest.paymentRequestId.isEmpty || decodedResponse.paymentId == nil { XCTFail("round trip lost data") }
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(iterations) / seconds
        print("ThroughputReport: \(iterations) x (encode+decode pay request \(try AlipayPlusJSON.encode(pay).count) B + pay response \(try AlipayPlusJSON.encode(response).count) B) in \(String(format: "%.3f", seconds)) s = \(Int(rate)) ops/s (\(bytes) bytes total)")
        XCTAssertGreaterThan(bytes, 0)

        // Reference only: Foundation's JSONEncoder/JSONDecoder on the same values (no wire rules applied).
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let decoder = JSONDecoder()
        let referenceStart = ContinuousClock.now
        for _ in 0..<iterations {
            let requestData = try encoder.encode(pay)
            _ = try decoder.decode(PayRequest.self, from: requestData)
            let responseData = try encoder.encode(response)
            _ = try decoder.decode(PayResponse.self, from: responseData)
        }
        let referenceElapsed = ContinuousClock.now - referenceStart
        let referenceSeconds = Double(referenceElapsed.components.seconds) + Double(referenceElapsed.components.attoseconds) / 1e18
        print("ThroughputReport: Foundation JSONEncoder/JSONDecoder reference on the same values: \(Int(Double(iterations) / referenceSeconds)) ops/s")
    }
}
