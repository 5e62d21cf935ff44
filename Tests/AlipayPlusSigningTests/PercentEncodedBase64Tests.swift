import Foundation
import XCTest
@testable import AlipayPlusSigning

/// The one-pass header encoding writes exactly percent-encoding(base64(bytes)).
final class PercentEncodedBase64Tests: XCTestCase {
    private func reference(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "%2B")
            .replacingOccurrences(of: "/", with: "%2F")
            .replacingOccurrences(of: "=", with: "%3D")
    }

    private func encoded(_ bytes: [UInt8]) -> String {
        let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: PercentEncodedBase64.maximumLength(of: bytes.count))
        defer { out.deallocate() }
        let count = bytes.withUnsafeBytes { PercentEncodedBase64.write($0, into: out) }
        return String(decoding: UnsafeBufferPointer(rebasing: out[..<count]), as: UTF8.self)
    }

    func testTheEncodingIsPercentEncodedBase64ForEveryLengthAndByte() {
        let table: [(bytes: [UInt8], expected: String)] = [
            ([], ""),
            ([0xFB], "%2Bw%3D%3D"),
            ([0xFB, 0xEF], "%2B%2B8%3D"),
            ([0xFF, 0xFF, 0xFF], "%2F%2F%2F%2F"),
            (Array("abc".utf8), "YWJj"),
        ]
        for row in table {
            XCTAssertEqual(encoded(row.bytes), row.expected, "\(row.bytes)")
        }
        var generator = SystemRandomNumberGenerator()
        for length in 0...300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            XCTAssertEqual(encoded(bytes), reference(bytes), "length \(length)")
        }
    }

    func testAHeaderValueReadsBackToTheSameSignature() throws {
        for length in [0, 1, 2, 3, 255, 256] {
            let signature = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) })
            let header = SignatureHeader(keyVersion: "2", signature: signature)
            XCTAssertEqual(header.headerValue, "algorithm=RSA256, keyVersion=2, signature=" + reference(Array(signature)))
            if length > 0 { XCTAssertEqual(try SignatureHeader(parsing: header.headerValue).signature, signature) }
        }
    }
}
