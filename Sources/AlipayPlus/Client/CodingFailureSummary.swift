import Foundation

/// Why a body failed to decode or encode, without any value from the body.
///
/// `DecodingError`'s and `EncodingError`'s descriptions quote the offending value (a token in the
/// wrong field, a customer id), so ``AlipayPlusError/underlyingError`` carries this instead: the kind
/// of failure and the field path only.
public struct CodingFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure it was.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case typeMismatch, valueNotFound, keyNotFound, dataCorrupted, invalidJSON, notEncodable, other
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A field holds another JSON type than expected.
        public static let typeMismatch = Kind(.typeMismatch)
        /// A field is `null` where a value is required.
        public static let valueNotFound = Kind(.valueNotFound)
        /// A required field is missing.
        public static let keyNotFound = Kind(.keyNotFound)
        /// A field's value has the wrong form (a date, a number, an enum).
        public static let dataCorrupted = Kind(.dataCorrupted)
        /// The body is not JSON at all.
        public static let invalidJSON = Kind(.invalidJSON)
        /// A request value could not be encoded.
        public static let notEncodable = Kind(.notEncodable)
        /// Any other failure of the coder.
        public static let other = Kind(.other)

        /// The kind's name, such as `keyNotFound`.
        public var description: String { value.rawValue }
    }

    /// What kind of failure it was.
    public let kind: Kind
    /// The field's path, such as `paymentAmount.value` (`the body` for the whole body).
    public let path: String
    /// "what went wrong at which field", with no value from the body.
    public let summary: String

    /// The summary.
    public var description: String { summary }

    /// `error` without its values: the kind and the path only.
    init(_ error: any Error) {
        if let encodingError = error as? EncodingError, case .invalidValue(_, let context) = encodingError {
            let path = Self.path(context.codingPath)
            self.init(kind: .notEncodable, path: path, summary: "\(path) cannot be encoded")
            return
        }
        guard let decodingError = error as? DecodingError else {
            self.init(kind: .other, path: "the body", summary: "\(type(of: error))")
            return
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            let path = Self.path(context.codingPath)
            self.init(kind: .typeMismatch, path: path, summary: "\(path) is not a \(type)")
        case .valueNotFound(let type, let context):
            let path = Self.path(context.codingPath)
            self.init(kind: .valueNotFound, path: path, summary: "\(path) has no \(type) value")
        case .keyNotFound(let key, let context):
            let path = Self.path(context.codingPath + [key])
            self.init(kind: .keyNotFound, path: path, summary: "required field \(path) is missing")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // Only the wire parser reports syntax errors with an underlying error; its text says where and
            // why ("invalid JSON at byte 12: invalid UTF-8 in string") and quotes no value, a key at most.
            let detail = context.underlyingError == nil ? "" : ": \(context.debugDescription)"
            self.init(kind: .invalidJSON, path: "the body", summary: "the body is not valid JSON\(detail)")
        case .dataCorrupted(let context):
            let path = Self.path(context.codingPath)
            self.init(kind: .dataCorrupted, path: path, summary: "\(path) has a value of the wrong form")
        @unknown default:
            self.init(kind: .other, path: "the body", summary: "the body does not match the expected shape")
        }
    }

    private init(kind: Kind, path: String, summary: String) {
        self.kind = kind
        self.path = path
        self.summary = summary
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "the body" }
        return codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            .joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }
}

/// Describes why a body failed to decode or encode without echoing any value from it.
enum CodingFailureSummary {
    /// `error` as "what went wrong at which field", with no value from the body.
    static func summary(of error: any Error) -> String {
        CodingFailure(error).summary
    }
}
