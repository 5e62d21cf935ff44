import AlipayPlusModels
import Foundation
import XCTest

/// Parser regressions found by the hostile-input suite.
final class HostileInputParserTests: XCTestCase {
    struct Probe: Codable { var paymentRequestId: String }

    func testDuplicateKeysAreRejected() {
        let body = Data(#"{"paymentRequestId":"A","paymentRequestId":"B"}"#.utf8)
        XCTAssertThrowsError(try AlipayPlusJSON.decode(Probe.self, from: body)) { error in
            XCTAssertTrue("\(error)".contains("duplicate key"), "\(error)")
        }
    }

    func testInvalidUTF8InAStringIsRejected() {
        for bad in [Data([0xFF]), Data([0xC0, 0x80]), Data([0xED, 0xA0, 0x80])] {
            let body = Data(#"{"paymentRequestId":"A"#.utf8) + bad + Data(#""}"#.utf8)
            XCTAssertThrowsError(try AlipayPlusJSON.decode(Probe.self, from: body)) { error in
                XCTAssertTrue("\(error)".contains("invalid UTF-8"), "\(error)")
            }
            let escaped = Data(#"{"paymentRequestId":"\n"#.utf8) + bad + Data(#""}"#.utf8)
            XCTAssertThrowsError(try AlipayPlusJSON.decode(Probe.self, from: escaped))
        }
    }

    func testDeepNestingIsRejectedWithoutCrashing() {
        XCTAssertThrowsError(try AlipayPlusJSON.decode(Probe.self, from: Data(repeating: UInt8(ascii: "["), count: 100_000)))
        XCTAssertThrowsError(try AlipayPlusJSON.decode(Probe.self, from: Data(String(repeating: #"{"a":"#, count: 100_000).utf8)))
    }

    func testValidUnicodeStillDecodes() throws {
        let body = Data(#"{"paymentRequestId":"Café \u00e9 😀"}"#.utf8)
        XCTAssertEqual(try AlipayPlusJSON.decode(Probe.self, from: body).paymentRequestId, "Café é 😀")
    }
}
