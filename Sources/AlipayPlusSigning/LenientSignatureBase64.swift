import Foundation

/// Decodes the signature value of a received `Signature` header in one pass over its UTF-8 bytes,
/// straight into the signature's bytes (no intermediate strings or arrays).
///
/// Accepted, in any mix: percent-encoding (`%2B`, `%2f`, ...), standard base64, base64url (`-`, `_`),
/// a `+` that a form decoder turned into a space, padding present or missing, and the whole value in
/// double quotes. Refused (`nil`): any other byte, a bad `%` escape, `=` anywhere but at the end, a
/// length no base64 can have, and an empty result.
enum LenientSignatureBase64 {
    /// The signature bytes, or `nil` when `value` is not a signature in an accepted form.
    static func decode(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> Data? {
        var lower = value.startIndex
        var upper = value.endIndex
        let bytes = value.base
        if upper - lower >= 2, bytes[lower] == UInt8(ascii: "\""), bytes[upper - 1] == UInt8(ascii: "\"") {
            lower += 1
            upper -= 1
        }
        guard lower < upper else { return nil }
        var output = Data(count: (upper - lower) / 4 * 3 + 3)
        let decoded: Int? = classes.withUnsafeBufferPointer { classOf in
            output.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) -> Int? in
                var out = 0
                var accumulator: UInt32 = 0
                var sextets = 0
                var padding = 0
                var index = lower
                while index < upper {
                    var kind = classOf[Int(bytes[index])]
                    index += 1
                    if kind == percent {
                        guard index + 1 < upper, let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else {
                            return nil
                        }
                        kind = classOf[Int(high << 4 | low)]
                        index += 2
                        // An escaped '%' is not base64.
                        if kind == percent { return nil }
                    }
                    if kind == pad {
                        padding += 1
                        continue
                    }
                    // A character after padding, or one outside the alphabets, is not base64.
                    guard padding == 0, kind < 64 else { return nil }
                    accumulator = accumulator << 6 | UInt32(kind)
                    sextets += 1
                    if sextets & 3 == 0 {
                        raw[out] = UInt8(truncatingIfNeeded: accumulator >> 16)
                        raw[out + 1] = UInt8(truncatingIfNeeded: accumulator >> 8)
                        raw[out + 2] = UInt8(truncatingIfNeeded: accumulator)
                        out += 3
                        accumulator = 0
                    }
                }
                // Missing or partial padding is completed; a complete quantum takes none, and one
                // sextet alone is never base64.
                switch sextets % 4 {
                case 0 where padding == 0:
                    break
                case 2 where padding <= 2:
                    raw[out] = UInt8(truncatingIfNeeded: accumulator >> 4)
                    out += 1
                case 3 where padding <= 1:
                    raw[out] = UInt8(truncatingIfNeeded: accumulator >> 10)
                    raw[out + 1] = UInt8(truncatingIfNeeded: accumulator >> 2)
                    out += 2
                default:
                    return nil
                }
                return out
            }
        }
        guard let decoded, decoded > 0 else { return nil }
        output.count = decoded
        return output
    }

    /// The class of a byte: its 6-bit value for a base64 or base64url character (a space is a `+`
    /// a form decoder changed), `pad` for `=`, `percent` for `%`, `invalid` for anything else.
    private static let classes: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt8(byte) - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt8(byte) - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(byte) - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: " "): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        case UInt8(ascii: "="): return pad
        case UInt8(ascii: "%"): return percent
        default: return invalid
        }
    }
    private static let pad: UInt8 = 64
    private static let percent: UInt8 = 65
    private static let invalid: UInt8 = 255

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
