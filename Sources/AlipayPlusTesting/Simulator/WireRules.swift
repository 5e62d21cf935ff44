import Foundation

/// Alipay+'s body rules, checked before decoding: a JSON object whose every non-array leaf is a
/// string (numbers and booleans travel as strings), with no `""` value.
enum WireRules {
    /// The first broken rule, or `nil` when the body is fine.
    static func check(_ body: Data) -> String? {
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
