public import Foundation

/// Removes secrets from bodies before they reach an error, an event, a log line or a recording.
public enum Redaction {
    /// The JSON field names whose string values are secrets or personal identifiers.
    public static let sensitiveFieldNames: Set<String> = [
        "accessToken", "refreshToken", "authCode", "paymentMethodId", "customerId", "userLoginId",
        "signature", "privateKey",
    ]

    /// The text that replaces a redacted value.
    public static let placeholder = "<redacted>"

    /// `body` as text with the string value of every sensitive field replaced by ``placeholder``.
    ///
    /// Works on any text, not only valid JSON, so a truncated or malformed body is redacted too.
    public static func redactedText(of body: Data, fieldNames: Set<String> = sensitiveFieldNames) -> String {
        redact(String(decoding: body, as: UTF8.self), fieldNames: fieldNames)
    }

    /// A redacted excerpt of `body` of at most `limit` characters, for error messages.
    ///
    /// Only the bytes that can be shown are read: at most `4 × limit` (a character is at most four
    /// UTF-8 bytes), so a huge body costs no more than a small one. A secret whose value starts in that
    /// prefix and ends after it is still replaced (an unterminated value is redacted to the end).
    public static func excerpt(of body: Data, limit: Int = 512) -> String? {
        guard !body.isEmpty else { return nil }
        let limit = max(limit, 0)
        let shownBytes = limit.multipliedReportingOverflow(by: 4)
        let prefixLength = shownBytes.overflow ? body.count : min(body.count, shownBytes.partialValue)
        let text = redactedText(of: body.prefix(prefixLength))
        guard text.count > limit || prefixLength < body.count else { return text }
        return String(text.prefix(limit)) + "…"
    }

    /// `text` with the string value of every field in `fieldNames` replaced.
    public static func redact(_ text: String, fieldNames: Set<String> = sensitiveFieldNames) -> String {
        let characters = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < characters.count {
            guard characters[index] == "\"", let keyEnd = closingQuote(in: characters, after: index) else {
                output.append(characters[index])
                index += 1
                continue
            }
            let key = String(String.UnicodeScalarView(characters[(index + 1)..<keyEnd]))
            output.append(contentsOf: characters[index...keyEnd])
            index = keyEnd + 1
            guard fieldNames.contains(key), let valueStart = valueQuote(in: characters, from: index) else { continue }
            output.append(contentsOf: characters[index...valueStart])
            output.append(contentsOf: placeholder.unicodeScalars)
            let valueEnd = closingQuote(in: characters, after: valueStart) ?? characters.count
            if valueEnd < characters.count { output.append("\"") }
            index = valueEnd + 1
        }
        return String(output)
    }

    /// The index of the quote that closes the string opened at `open`, honouring backslash escapes.
    private static func closingQuote(in characters: [Unicode.Scalar], after open: Int) -> Int? {
        var index = open + 1
        while index < characters.count {
            switch characters[index] {
            case "\\": index += 2
            case "\"": return index
            default: index += 1
            }
        }
        return nil
    }

    /// The index of the opening quote of a string value after a key (`: "`), if the value is a string.
    private static func valueQuote(in characters: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        var sawColon = false
        while index < characters.count {
            let character = characters[index]
            if character == ":" && !sawColon {
                sawColon = true
            } else if character == "\"" && sawColon {
                return index
            } else if !(character == " " || character == "\t" || character == "\n" || character == "\r") {
                return nil
            }
            index += 1
        }
        return nil
    }
}
