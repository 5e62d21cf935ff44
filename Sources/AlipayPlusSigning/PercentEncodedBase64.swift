import Foundation

/// Base64 with `+`, `/` and `=` percent-encoded (`%2B`, `%2F`, `%3D`): the form of the signature in a
/// `Signature` header, written in one pass straight from the signature's bytes.
///
/// The same text as `percent-encoding(base64(bytes))`, without the intermediate base64 string.
enum PercentEncodedBase64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The most bytes ``write(_:into:)`` writes for `count` input bytes (every character escaped).
    static func maximumLength(of count: Int) -> Int { (count + 2) / 3 * 4 * 3 }

    /// Writes the encoding of `bytes` at the start of `out` (at least ``maximumLength(of:)`` long)
    /// and returns how many bytes it wrote.
    static func write(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        func put(_ sextet: UInt8) {
            let character = alphabet[Int(sextet)]
            switch character {
            case UInt8(ascii: "+"): escape(0x32, 0x42)
            case UInt8(ascii: "/"): escape(0x32, 0x46)
            default: out[written] = character; written += 1
            }
        }
        func escape(_ first: UInt8, _ second: UInt8) {
            out[written] = 0x25; out[written + 1] = first; out[written + 2] = second
            written += 3
        }
        var index = 0
        while index + 3 <= bytes.count {
            let a = bytes[index], b = bytes[index + 1], c = bytes[index + 2]
            put(a >> 2); put((a & 0x03) << 4 | b >> 4); put((b & 0x0F) << 2 | c >> 6); put(c & 0x3F)
            index += 3
        }
        switch bytes.count - index {
        case 1:
            let a = bytes[index]
            put(a >> 2); put((a & 0x03) << 4)
            escape(0x33, 0x44); escape(0x33, 0x44)
        case 2:
            let a = bytes[index], b = bytes[index + 1]
            put(a >> 2); put((a & 0x03) << 4 | b >> 4); put((b & 0x0F) << 2)
            escape(0x33, 0x44)
        default: break
        }
        return written
    }
}
