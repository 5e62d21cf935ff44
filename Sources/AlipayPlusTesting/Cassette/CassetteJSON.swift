import Foundation

/// JSON helpers for cassettes: redaction of secrets, and comparison that ignores volatile fields.
enum CassetteJSON {
    /// Field names whose values are secrets: replaced by placeholders when recording.
    static let secretKeys: Set<String> = ["accessToken", "refreshToken", "authCode", "paymentMethodId", "customerId"]

    /// Whether a field's value changes from run to run (or is redacted) and so is not compared.
    static func isVolatile(_ key: String) -> Bool {
        key.hasSuffix("RequestId") || key == "authState" || key == "referenceAgreementId" || secretKeys.contains(key)
    }

    static func parse(_ data: Data) -> Any? {
        try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    static func serialize(_ value: Any) -> Data? {
        try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    }

    /// Replaces every secret string in `value` with its placeholder (recording new ones in `table`).
    static func redact(_ value: Any, table: inout PlaceholderTable) -> Any {
        if let object = value as? [String: Any] {
            var copy: [String: Any] = [:]
            for (key, child) in object {
                if secretKeys.contains(key), let secret = child as? String {
                    copy[key] = table.placeholder(for: secret, field: key)
                } else {
                    copy[key] = redact(child, table: &table)
                }
            }
            return copy
        }
        if let array = value as? [Any] {
            return array.map { redact($0, table: &table) }
        }
        return value
    }

    /// The first place where `recorded` and `actual` differ, ignoring volatile fields (each must be
    /// present in both or absent in both); `nil` when they match.
    static func firstDifference(_ recorded: Any, _ actual: Any, path: String = "$") -> (path: String, recorded: String, actual: String)? {
        if let left = recorded as? [String: Any], let right = actual as? [String: Any] {
            for key in Set(left.keys).union(right.keys).sorted() {
                let child = path + "." + key
                switch (left[key], right[key]) {
                case (nil, let value?): return (child, "absent", describe(value))
                case (let value?, nil): return (child, describe(value), "absent")
                case (let l?, let r?):
                    if isVolatile(key) { continue }
                    if let difference = firstDifference(l, r, path: child) { return difference }
                default: continue
                }
            }
            return nil
        }
        if let left = recorded as? [Any], let right = actual as? [Any] {
            for index in 0..<max(left.count, right.count) {
                let child = "\(path)[\(index)]"
                guard index < left.count else { return (child, "absent", describe(right[index])) }
                guard index < right.count else { return (child, describe(left[index]), "absent") }
                if let difference = firstDifference(left[index], right[index], path: child) { return difference }
            }
            return nil
        }
        let l = describe(recorded)
        let r = describe(actual)
        return l == r ? nil : (path, l, r)
    }

    private static func describe(_ value: Any) -> String {
        if let string = value as? String { return "\"\(string)\"" }
        if value is NSNull { return "null" }
        if value is [String: Any] { return "an object" }
        if value is [Any] { return "an array" }
        return "\(value)"
    }
}

/// Secret values seen in one cassette and their stable placeholders.
struct PlaceholderTable {
    private var byValue: [String: String] = [:]
    private var counters: [String: Int] = [:]

    /// The placeholder for `secret`: the same secret always gets the same placeholder; a value that
    /// already is a placeholder is kept.
    mutating func placeholder(for secret: String, field: String) -> String {
        if secret.hasPrefix("<redacted-") { return secret }
        if let existing = byValue[secret] { return existing }
        let next = (counters[field] ?? 0) + 1
        counters[field] = next
        let placeholder = "<redacted-\(field)-\(next)>"
        byValue[secret] = placeholder
        return placeholder
    }
}
