/// A parsed JSON value as the wire decoder sees it; numbers keep their literal text.
enum JSONValue: Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in document order; looked up linearly (objects are small), the last duplicate wins.
    case object([(String, JSONValue)])

    /// A short name of the JSON kind, used in error messages.
    var kindName: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension Array where Element == (String, JSONValue) {
    /// The value of the last member named `key`.
    func member(_ key: String) -> JSONValue? {
        // Comparing lengths first skips most string comparisons (both counts are stored, not counted).
        let length = key.utf8.count
        var index = count - 1
        while index >= 0 {
            if self[index].0.utf8.count == length, self[index].0 == key { return self[index].1 }
            index -= 1
        }
        return nil
    }
}
