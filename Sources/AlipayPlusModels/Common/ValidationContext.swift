/// Collects validation problems under a JSON path prefix; the building block of every `validate()`.
///
/// ```swift
/// var context = ValidationContext()
/// context.require(paymentRequestId, "paymentRequestId", maxLength: 64)
/// context.require(order, "order")          // nested problems come back as "order.…"
/// return context.problems
/// ```
public struct ValidationContext: Sendable {
    /// The problems found so far.
    public private(set) var problems: [ValidationProblem] = []
    private let prefix: String

    /// Creates a context whose paths start with `prefix` (empty for a top-level body).
    public init(prefix: String = "") { self.prefix = prefix }

    private func path(_ field: String) -> String {
        if prefix.isEmpty { return field }
        return field.hasPrefix("[") ? prefix + field : prefix + "." + field
    }

    /// Records a problem for `field`.
    public mutating func report(_ field: String, _ message: String) {
        problems.append(ValidationProblem(path: path(field), message: message))
    }

    /// Adds problems found by a nested value, prefixing their paths with `field`.
    public mutating func merge(_ nested: [ValidationProblem], under field: String) {
        let base = path(field)
        for problem in nested {
            let joined = problem.path.hasPrefix("[") ? base + problem.path : base + "." + problem.path
            problems.append(ValidationProblem(path: joined, message: problem.message))
        }
    }

    /// Requires a non-empty string of at most `maxLength` characters.
    public mutating func require(_ value: String?, _ field: String, maxLength: Int? = nil) {
        guard let value, !value.isEmpty else { report(field, "missing"); return }
        checkLength(value, field, maxLength)
    }

    /// Requires a non-empty secret of at most `maxLength` characters (the value is never printed).
    public mutating func require(_ value: Secret?, _ field: String, maxLength: Int? = nil) {
        require(value?.revealed, field, maxLength: maxLength)
    }

    /// Checks the length of an optional string when present.
    public mutating func optional(_ value: String?, _ field: String, maxLength: Int? = nil) {
        guard let value, !value.isEmpty else { return }
        checkLength(value, field, maxLength)
    }

    /// Checks the length of an optional secret when present.
    public mutating func optional(_ value: Secret?, _ field: String, maxLength: Int? = nil) {
        optional(value?.revealed, field, maxLength: maxLength)
    }

    /// Requires a nested object and validates it.
    public mutating func require(_ value: (some Validatable)?, _ field: String) {
        guard let value else { report(field, "missing"); return }
        merge(value.validate(), under: field)
    }

    /// Validates a nested object when present.
    public mutating func optional(_ value: (some Validatable)?, _ field: String) {
        guard let value else { return }
        merge(value.validate(), under: field)
    }

    /// Validates each element of an array, naming elements `field[i]`.
    public mutating func each(_ values: [some Validatable]?, _ field: String, maxCount: Int? = nil) {
        guard let values else { return }
        if let maxCount, values.count > maxCount { report(field, "more than \(maxCount) entries") }
        for (index, value) in values.enumerated() {
            merge(value.validate(), under: "\(field)[\(index)]")
        }
    }

    /// Requires an enumeration value from `allowed` (when present).
    public mutating func allowed<E: OpenStringEnum>(_ value: E?, _ field: String, _ allowed: [E], required: Bool = false) {
        guard let value else {
            if required { report(field, "missing") }
            return
        }
        if !allowed.contains(value) {
            report(field, "\"\(value.rawValue)\" is not one of \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Reports when none of the named conditional fields is present.
    public mutating func requireOne(of fields: [(name: String, present: Bool)]) {
        guard !fields.contains(where: \.present), let first = fields.first else { return }
        let names = fields.map(\.name)
        report(first.name, "missing: one of \(names.joined(separator: " or ")) is required")
    }

    private mutating func checkLength(_ value: String, _ field: String, _ maxLength: Int?) {
        if let maxLength, value.count > maxLength { report(field, "longer than \(maxLength) characters") }
    }
}
