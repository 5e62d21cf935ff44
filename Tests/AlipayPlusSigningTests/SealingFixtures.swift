import AlipayPlusSigning
import Foundation
import XCTest

/// Keys, rings and byte helpers shared by the sealing tests.
enum SealingFixtures {
    /// Three distinct 32-byte keys.
    static let keyA = [UInt8](repeating: 0x11, count: 32)
    static let keyB = Array(0..<32) as [UInt8]
    static let keyC = (0..<32).map { UInt8(255 - $0) }

    /// Standard base64 of a key, as `openssl rand -base64 32` prints one.
    static func base64(_ key: [UInt8]) -> String { Data(key).base64EncodedString() }

    /// `k1` (keyA) then `k2` (keyB, sealing).
    static func twoKeyRing() throws -> TokenKeyRing {
        try TokenKeyRing(keyId: "k1", key: keyA).adding(keyId: "k2", key: keyB)
    }

    /// Every way the key bytes could show up in text: hex, base64 and base64url.
    static func renderings(of key: [UInt8]) -> [String] {
        let base64 = base64(key)
        return [hexString(key), base64, String(base64.dropLast()), base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")]
    }

    /// Bytes of a hex string.
    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    /// Lowercase hex of bytes.
    static func hexString(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Asserts that `body` throws a ``SealingError`` with `code` whose description contains `phrase`.
    static func assertRefused<T>(_ code: SealingError.Code, _ phrase: String, file: StaticString = #filePath, line: UInt = #line,
                                 _ body: () throws -> T) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard let error = error as? SealingError else {
                return XCTFail("unexpected error \(error)", file: file, line: line)
            }
            XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
            XCTAssertTrue(error.description.contains(phrase), "'\(error.description)' lacks '\(phrase)'", file: file, line: line)
        }
    }

    /// Everything a value can print: description, debug description and dump.
    static func printedForms(of value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), dumped]
    }
}
