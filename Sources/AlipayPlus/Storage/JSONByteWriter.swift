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

    /// Writes an integer in decimal.
    mutating func append<Integer: BinaryInteger>(integer value: Integer) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a finite floating-point number: integral values below 2^53 without a fraction (as
    /// Foundation's `JSONEncoder` writes them), others in Swift's shortest form that reads back exactly.
    ///
    /// - Throws: ``Unrepresentable`` for NaN and the infinities, which JSON cannot hold.
    mutating func append<Number: BinaryFloatingPoint & LosslessStringConvertible>(number value: Number) throws {
        guard value.isFinite else { throw Unrepresentable() }
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992, let integral = Int64(exactly: value) {
            if integral == 0, value.sign == .minus { append(literal: "-0"); return }
            append(integer: integral)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// A number JSON cannot hold (NaN or an infinity).
    struct Unrepresentable: Error {}
}
