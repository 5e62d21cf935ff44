import Foundation

/// Appends JSON tokens to a byte buffer: strings escaped as RFC 8259 asks, numbers in a form every
/// JSON reader parses back to the same value.
///
/// Only what JSON requires is escaped (`"`, `\` and the control characters below U+0020); everything
/// else, `/` and non-ASCII included, is written as its UTF-8 bytes.
struct JSONByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(contentsOf text: String.UTF8View) { bytes.append(contentsOf: text) }

    mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes `text` as a quoted JSON string.
    mutating func append(string text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(0x22)  // "
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(of: byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            bytes.append(0x22)
        }
    }

    private mutating func appendEscape(of byte: UInt8) {
        bytes.append(0x5C)  // \
        switch byte {
        case 0x22, 0x5C: bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
            hex.withUTF8Buffer { digits in
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
        }
    }

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
