import Foundation

/// Alipay+'s body rules, checked before decoding: a JSON object whose every non-array leaf is a
/// string (numbers and booleans travel as strings), with no `""` value.
enum WireRules {
    /// The first broken rule, or `nil` when the body is fine.
    static func check(_ body: Data) -> String? {
        // Fast path: a single pass over the bytes proves the common, well-formed case. Anything it is
        // unsure of (numbers, booleans, "", escapes, non-ASCII, bad syntax) takes the full check below,
        // which produces the message.
        if FastScan.passes(body) { return nil }
        guard let root = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return "the body is not JSON"
        }
        guard root is [String: Any] else { return "the body is not a JSON object" }
        return check(root, path: "")
    }

    private static func check(_ value: Any, path: String) -> String? {
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() {
                let child = path.isEmpty ? key : path + "." + key
                if let problem = check(object[key] as Any, path: child) { return problem }
            }
            return nil
        }
        if let array = value as? [Any] {
            for (index, element) in array.enumerated() {
                if let problem = check(element, path: "\(path)[\(index)]") { return problem }
            }
            return nil
        }
        if value is NSNull { return nil }
        if let string = value as? String {
            return string.isEmpty ? "\(path): empty string; omit optional fields instead of sending \"\"" : nil
        }
        return "\(path): every non-array value must be a JSON string (send numbers and booleans as \"20\", \"true\")"
    }
}

/// A strict, allocation-free scan that accepts only JSON objects whose every non-array leaf is a
/// non-empty plain ASCII string (or `null`); `false` means "let the full check decide".
private struct FastScan {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    static func passes(_ body: Data) -> Bool {
        body.withUnsafeBytes { buffer in
            var scan = FastScan(bytes: buffer)
            scan.skipWhitespace()
            guard scan.peek == UInt8(ascii: "{"), scan.value(depth: 0) else { return false }
            scan.skipWhitespace()
            return scan.index == buffer.count
        }
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    private mutating func value(depth: Int) -> Bool {
        guard depth < 64, let byte = peek else { return false }
        switch byte {
        case UInt8(ascii: "{"):
            index += 1
            skipWhitespace()
            if take(UInt8(ascii: "}")) { return true }
            while true {
                skipWhitespace()
                guard string(allowEmpty: true) else { return false }
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipWhitespace()
                guard value(depth: depth + 1) else { return false }
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "}"))
            }
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return true }
            while true {
                skipWhitespace()
                guard value(depth: depth + 1) else { return false }
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]"))
            }
        case UInt8(ascii: "\""):
            return string(allowEmpty: false)
        case UInt8(ascii: "n"):
            guard index + 4 <= bytes.count, bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
                  bytes[index + 3] == UInt8(ascii: "l") else { return false }
            index += 4
            return true
        default:
            return false
        }
    }

    /// A string of printable ASCII with only the simple escapes.
    private mutating func string(allowEmpty: Bool) -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        let start = index
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return allowEmpty || index - 1 > start
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { return false }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                default:
                    return false
                }
            case 0x20...0x7E:
                continue
            default:
                return false
            }
        }
        return false
    }
}
