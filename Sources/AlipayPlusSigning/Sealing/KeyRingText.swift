/// Parses the key ring text format, straight from bytes into wiped key storage.
///
/// ```
/// ring  = entry *( ("," / line break) entry )
/// entry = ["*"] key-id ":" base64-of-32-bytes
/// ```
/// Spaces and tabs around entries, ids and keys are ignored, as are empty entries and `#` comments
/// to the end of a line. Keys are standard base64 (`+/`, padding optional), as
/// `openssl rand -base64 32` prints them. The last entry seals new values unless one entry is marked
/// with `*`. Errors name the entry by position (and id, when it is well-formed), never its key text.
enum KeyRingText {
    /// Parses `text` into a ring.
    ///
    /// - Throws: ``SealingError`` `.badKeyRingText`, `.invalidKeyId`, `.duplicateKeyId`, `.badKeyLength`.
    static func parse(_ text: UnsafeRawBufferPointer) throws -> TokenKeyRing {
        var keys: [TokenKey] = []
        var markedIndex: Int?
        for (position, entry) in entries(text).enumerated() {
            let number = position + 1
            var start = entry.lowerBound
            let marked = text[start] == UInt8(ascii: "*")
            if marked { start += 1 }
            guard let colon = (start..<entry.upperBound).first(where: { text[$0] == UInt8(ascii: ":") }) else {
                throw SealingError(.badKeyRingText, "entry \(number) has no ':'; write each key as id:base64key (for example k1:<output of openssl rand -base64 32>)")
            }
            let idRange = trimmed(text, start..<colon)
            let idBytes = UnsafeRawBufferPointer(rebasing: text[idRange])
            guard TokenKeyID.isValid(idBytes) else {
                throw SealingError(.invalidKeyId, "entry \(number): " + TokenKeyID.refusal(length: idBytes.count))
            }
            let id = String(decoding: idBytes, as: UTF8.self)
            let keyText = UnsafeRawBufferPointer(rebasing: text[trimmed(text, (colon + 1)..<entry.upperBound)])
            guard let count = StrictBase64.decodedCount(of: keyText, alphabet: .standard, allowsPadding: true) else {
                throw SealingError(.badKeyRingText, "entry \(number) (key '\(id)'): the key is not standard base64; paste the whole output of `openssl rand -base64 32`, including the final '='", keyId: id)
            }
            let material = try SecretBytes(count: count) { output in
                guard StrictBase64.decode(keyText, into: output, alphabet: .standard, allowsPadding: true) else {
                    throw SealingError(.badKeyRingText, "entry \(number) (key '\(id)'): the key is not canonical standard base64; paste the whole output of `openssl rand -base64 32`", keyId: id)
                }
            }
            if marked {
                if markedIndex != nil {
                    throw SealingError(.badKeyRingText, "entry \(number) (key '\(id)') is the second entry marked '*'; mark at most one key as the sealing key", keyId: id)
                }
                markedIndex = keys.count
            }
            keys.append(try TokenKey(id: id, taking: material))
        }
        guard !keys.isEmpty else {
            throw SealingError(.badKeyRingText, "the key ring text holds no key; write id:base64key entries separated by commas or lines (generate a key with `openssl rand -base64 32`)")
        }
        return try TokenKeyRing(keys: keys, sealingIndex: markedIndex ?? keys.count - 1)
    }

    /// The byte ranges of the non-empty entries, comments and surrounding blanks removed.
    static func entries(_ text: UnsafeRawBufferPointer) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var inComment = false
        func close(_ end: Int) {
            let range = trimmed(text, start..<end)
            if !range.isEmpty { result.append(range) }
        }
        for index in 0..<text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "\n") {
                if !inComment { close(index) }
                inComment = false
                start = index + 1
            } else if inComment {
                continue
            } else if byte == UInt8(ascii: "#") {
                close(index)
                inComment = true
            } else if byte == UInt8(ascii: ",") {
                close(index)
                start = index + 1
            }
        }
        if !inComment { close(text.count) }
        return result
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    private static func trimmed(_ text: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isBlank(text[lower]) { lower += 1 }
        while upper > lower && isBlank(text[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
