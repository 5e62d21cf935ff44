/// An ordered list of HTTP header fields with case-insensitive names.
///
/// Header names compare case-insensitively (`content-type` finds `Content-Type`), while the spelling
/// used when a field was added is kept for sending. Order and duplicate fields are preserved:
/// iterating yields every field in the order it was added.
///
/// ```swift
/// var headers: HTTPHeaders = ["Content-Type": "application/json; charset=UTF-8"]
/// headers.add(name: "Accept", value: "application/json")
/// headers["content-type"]          // "application/json; charset=UTF-8"
/// ```
///
/// Values of `Signature`, `Authorization` and `Agent-Token` never show in `description`,
/// `debugDescription`, string interpolation, `dump` or `Mirror`: each prints `<redacted>` instead.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable {
    /// One header field: the name as spelled when added, and its value.
    public typealias Element = (name: String, value: String)

    private struct Field: Sendable, Hashable {
        var name: String
        var value: String
        var key: String { name.lowercased() }

        /// Whether this field is named `name` (case-insensitive), without building lowercased copies
        /// when both names are ASCII (header names are), and as `key` does otherwise.
        func isNamed(_ name: String) -> Bool {
            var mine = self.name
            var theirs = name
            let answer: Bool? = mine.withUTF8 { a in
                theirs.withUTF8 { b in
                    guard a.count == b.count else { return a.allSatisfy { $0 < 0x80 } && b.allSatisfy { $0 < 0x80 } ? false : nil }
                    for index in a.indices where a[index] != b[index] {
                        let x = a[index], y = b[index]
                        if x >= 0x80 || y >= 0x80 { return nil }
                        let lower = x | 0x20
                        guard lower == y | 0x20, lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return false }
                    }
                    return true
                }
            }
            return answer ?? (key == name.lowercased())
        }
    }

    private var fields: [Field]

    /// Creates an empty header list.
    public init() {
        fields = []
    }

    /// Creates a header list from name/value pairs, keeping their order and duplicates.
    ///
    /// - Parameter fields: the fields in sending order.
    public init(_ fields: some Sequence<(name: String, value: String)>) {
        self.fields = fields.map { Field(name: $0.name, value: $0.value) }
    }

    /// Creates a header list from a dictionary literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The first value of the field `name` (case-insensitive), or `nil` when absent.
    ///
    /// Setting a value replaces every field of that name with one field, placed where the first one
    /// was (or appended when there was none); setting `nil` removes every field of that name.
    public subscript(name: String) -> String? {
        get {
            fields.first { $0.isNamed(name) }?.value
        }
        set {
            guard let newValue else {
                fields.removeAll { $0.isNamed(name) }
                return
            }
            if let index = fields.firstIndex(where: { $0.isNamed(name) }) {
                fields[index] = Field(name: name, value: newValue)
                var position = fields.index(after: index)
                while position < fields.endIndex {
                    if fields[position].isNamed(name) {
                        fields.remove(at: position)
                    } else {
                        position += 1
                    }
                }
            } else {
                fields.append(Field(name: name, value: newValue))
            }
        }
    }

    /// Every value of the field `name` (case-insensitive), in order; empty when absent.
    ///
    /// - Parameter name: the header name in any case.
    public func values(for name: String) -> [String] {
        fields.filter { $0.isNamed(name) }.map(\.value)
    }

    /// For each of `names`, its value when exactly one field has that name, else `nil` (absent or
    /// repeated), in one pass over the fields.
    package func singleValues(of names: [String]) -> [String?] {
        var values = [String?](repeating: nil, count: names.count)
        var seen = [Int](repeating: 0, count: names.count)
        for field in fields {
            guard let slot = names.firstIndex(where: field.isNamed) else { continue }
            seen[slot] += 1
            values[slot] = field.value
        }
        return zip(values, seen).map { value, count in count == 1 ? value : nil }
    }

    /// Appends a field, keeping any existing fields of the same name.
    ///
    /// - Parameters:
    ///   - name: the header name as it should be sent.
    ///   - value: the header value.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field named `name` (case-insensitive).
    public mutating func remove(name: String) {
        fields.removeAll { $0.isNamed(name) }
    }

    /// Whether a field named `name` (case-insensitive) is present.
    public func contains(name: String) -> Bool {
        fields.contains { $0.isNamed(name) }
    }

    /// The number of fields, counting duplicates.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// Iterates the fields in order, duplicates included.
    public func makeIterator() -> some IteratorProtocol<Element> {
        fields.lazy.map { (name: $0.name, value: $0.value) }.makeIterator()
    }

    /// Two header lists are equal when they hold the same fields in the same order; names compare
    /// case-insensitively, values exactly.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashes the lower-cased names and the values in order, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.count)
        for field in fields {
            hasher.combine(field.key)
            hasher.combine(field.value)
        }
    }

    /// The names (lower-cased) whose values are secrets and never printed.
    static let redactedNames: Set<String> = ["signature", "authorization", "agent-token"]

    /// The field's value as it may be shown: `<redacted>` for a secret-bearing field.
    private static func printable(_ field: Field) -> String {
        redactedNames.contains(field.key) ? "<redacted>" : field.value
    }

    /// The fields as `Name: value` lines. Values of `Signature`, `Authorization` and `Agent-Token` are redacted.
    public var description: String {
        fields.map { "\($0.name): \(Self.printable($0))" }.joined(separator: "\n")
    }

    /// Same as ``description``: secret values are redacted.
    public var debugDescription: String { description }

    /// One child per field, labelled by its name, with secret values redacted, so `dump` shows no secret.
    public var customMirror: Mirror {
        Mirror(self, children: fields.map { (label: Optional($0.name), value: Self.printable($0) as Any) }, displayStyle: .dictionary)
    }
}
