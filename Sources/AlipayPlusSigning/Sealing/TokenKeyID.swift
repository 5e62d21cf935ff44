/// The rule for key ids in a ``TokenKeyRing``: 1 to 32 characters of `A–Z a–z 0–9 - _`.
///
/// The id is written in clear into every sealed string (`aps1.<keyId>.…`), so it must never hold
/// a dot, a colon, a comma or whitespace, and it must not be mistaken for key material.
enum TokenKeyID {
    /// The longest key id accepted.
    static let maximumLength = 32

    /// True when `id` follows the rule.
    static func isValid(_ id: some Collection<UInt8>) -> Bool {
        guard !id.isEmpty, id.count <= maximumLength else { return false }
        return id.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// True when `id` follows the rule.
    static func isValid(_ id: String) -> Bool { isValid(Array(id.utf8)) }

    /// Explains the rule without repeating the refused text (which may be key material pasted in
    /// the wrong place).
    static func refusal(length: Int) -> String {
        "a key id must be 1 to \(maximumLength) characters of A-Z a-z 0-9 - _ (this one has \(length) characters, not shown in case it is key material)"
    }
}
