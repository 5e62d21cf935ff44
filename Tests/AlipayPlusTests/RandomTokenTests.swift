@testable import AlipayPlus
import XCTest

/// The random hex behind request ids, lease owners and binding states.
final class RandomTokenTests: XCTestCase {
    func testATokenIsTwoLowercaseHexDigitsPerByte() {
        for byteCount in [0, 1, 4, 7, 8, 9, 16, 32, 33] {
            let token = RandomToken.hex(byteCount: byteCount)
            XCTAssertEqual(token.utf8.count, 2 * byteCount, "\(byteCount) bytes")
            XCTAssertTrue(token.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }, token)
        }
    }

    /// Every digit position takes all sixteen values over many draws (a byte of the drawn words left
    /// unused, or a nibble stuck, would show), the eight bytes of one draw are not one byte repeated,
    /// and no two tokens repeat.
    func testEveryDigitPositionVariesAndTokensDoNotRepeat() {
        let byteCount = 12  // a draw of 64 bits and half of the next
        var seen = Array(repeating: Set<UInt8>(), count: 2 * byteCount)
        var tokens = Set<String>()
        for _ in 0..<2_000 {
            let token = RandomToken.hex(byteCount: byteCount)
            tokens.insert(token)
            let digits = Array(token.utf8)
            let firstDraw = Set(stride(from: 0, to: 16, by: 2).map { [digits[$0], digits[$0 + 1]] })
            XCTAssertGreaterThan(firstDraw.count, 1, token)
            for (position, digit) in token.utf8.enumerated() { seen[position].insert(digit) }
        }
        XCTAssertEqual(tokens.count, 2_000)
        for (position, digits) in seen.enumerated() {
            XCTAssertEqual(digits.count, 16, "position \(position) took \(digits.count) values")
        }
    }
}
