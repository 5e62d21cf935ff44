import AlipayPlusModels
import Foundation

/// Appends JSON tokens to a byte buffer: strings as the wire encoder writes them (``JSONText``), numbers
/// in a form every JSON reader parses back to the same value.
struct JSONByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(contentsOf text: String.UTF8View) { bytes.append(contentsOf: text) }

    mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes `text` as a quoted JSON string (escaped as ``JSONText`` escapes it for the wire).
    mutating func append(string text: String) { JSONText.appendQuoted(text, to: &bytes) }

    /// Writes a signed integer in decimal.
    mutating func append<Integer: BinaryInteger>(integer value: Integer) {
        if let small = Int64(exactly: value) {
            appendDecimal(magnitude: small.magnitude, negative: small < 0)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// Writes a finite floating-point number: integral values below 2^53 without a fraction (as
    /// Foundation's `JSONEncoder` writes them), others in Swift's shortest form that reads back exactly.
    ///
    /// - Throws: ``Unrepresentable`` for NaN and the infinities, which JSON cannot hold.
    mutating func append<Number: BinaryFloatingPoint & LosslessStringConvertible>(number value: Number) throws {
        guard value.isFinite else { throw Unrepresentable() }
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992, let integral = Int64(exactly: value) {
            if integral == 0, value.sign == .minus { append(literal: "-0"); return }
            appendDecimal(magnitude: integral.magnitude, negative: integral < 0)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    private mutating func appendDecimal(magnitude: UInt64, negative: Bool) {
        if negative { bytes.append(0x2D) }
        guard magnitude > 0 else { bytes.append(0x30); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: UInt64.max has 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var value = magnitude
            var index = buffer.count
            while value > 0 {
                index -= 1
                buffer[index] = UInt8(truncatingIfNeeded: value % 10) + 0x30
                value /= 10
            }
            bytes.append(contentsOf: buffer[index...])
        }
    }

    /// A number JSON cannot hold (NaN or an infinity).
    struct Unrepresentable: Error {}
}
