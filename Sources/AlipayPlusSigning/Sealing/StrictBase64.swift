/// A strict base64 codec for the sealing layer's text forms: one alphabet per call, no whitespace,
/// no characters outside the alphabet, canonical final bits, padding as the caller's rule says.
///
/// Foundation's decoder neither knows base64url nor decodes into memory we own, so key text can
/// be decoded straight into wiped storage (``SecretBytes``) without an intermediate `Data`.
enum StrictBase64 {
    /// Which of the two RFC 4648 alphabets.
    enum Alphabet {
        /// `A–Z a–z 0–9 + /` (RFC 4648 §4), as `openssl rand -base64` writes.
        case standard
        /// `A–Z a–z 0–9 - _` (RFC 4648 §5), safe in file names, URLs and dotted strings.
        case url

        var characters: [UInt8] {
            let common = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
            switch self {
            case .standard: return common + Array("+/".utf8)
            case .url: return common + Array("-_".utf8)
            }
        }
    }

    /// Encodes `bytes` without padding.
    static func encode(_ bytes: some Collection<UInt8>, alphabet: Alphabet) -> String {
        let table = alphabet.characters
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            out.append(table[Int(value >> 18 & 63)])
            out.append(table[Int(value >> 12 & 63)])
            if second != nil { out.append(table[Int(value >> 6 & 63)]) }
            if third != nil { out.append(table[Int(value & 63)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The number of bytes `text` decodes to, or nil when it is not strict base64 of `alphabet`.
    ///
    /// - Parameter allowsPadding: Whether a correct `=` padding may end the text (it is never required).
    static func decodedCount(of text: UnsafeRawBufferPointer, alphabet: Alphabet, allowsPadding: Bool) -> Int? {
        guard let digits = significantDigits(text, allowsPadding: allowsPadding), digits % 4 != 1 else { return nil }
        let values = reverseTable(alphabet)
        for index in 0..<digits where values[Int(text[index])] == 0xFF { return nil }
        return digits / 4 * 3 + max(digits % 4 - 1, 0)
    }

    /// Decodes `text` into `output`, which must be exactly ``decodedCount(of:alphabet:allowsPadding:)``
    /// bytes long. Returns false (having written nothing meaningful) when `text` is not strict base64.
    static func decode(_ text: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                       alphabet: Alphabet, allowsPadding: Bool) -> Bool {
        guard let digits = significantDigits(text, allowsPadding: allowsPadding),
              digits % 4 != 1, output.count == digits / 4 * 3 + max(digits % 4 - 1, 0) else { return false }
        let values = reverseTable(alphabet)
        var accumulator: UInt32 = 0
        var bits = 0
        var written = 0
        for index in 0..<digits {
            let value = values[Int(text[index])]
            guard value != 0xFF else { return false }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output[written] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                written += 1
            }
        }
        // Canonical: the unused low bits of the last digit must be zero.
        let leftover = accumulator & ((1 << UInt32(bits)) - 1)
        return leftover == 0 && written == output.count
    }

    /// Decodes `text` into a new array, or nil when it is not strict base64 (not for key material:
    /// an array can be copied behind the caller's back).
    static func decodeArray(_ text: UnsafeRawBufferPointer, alphabet: Alphabet, allowsPadding: Bool = false) -> [UInt8]? {
        guard let count = decodedCount(of: text, alphabet: alphabet, allowsPadding: allowsPadding) else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBytes { decode(text, into: $0, alphabet: alphabet, allowsPadding: allowsPadding) }
        return ok ? bytes : nil
    }

    /// The count of alphabet digits before any padding, or nil when the padding is wrong or not allowed.
    private static func significantDigits(_ text: UnsafeRawBufferPointer, allowsPadding: Bool) -> Int? {
        var digits = text.count
        while digits > 0 && text[digits - 1] == UInt8(ascii: "=") { digits -= 1 }
        let padding = text.count - digits
        if padding > 0 {
            guard allowsPadding, padding <= 2, text.count % 4 == 0 else { return nil }
        }
        return digits
    }

    private static func reverseTable(_ alphabet: Alphabet) -> [UInt8] {
        switch alphabet {
        case .standard: return standardReverse
        case .url: return urlReverse
        }
    }

    private static let standardReverse = makeReverse(.standard)
    private static let urlReverse = makeReverse(.url)

    private static func makeReverse(_ alphabet: Alphabet) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.characters.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }
}
