import Foundation

/// Describes why a body failed to decode or encode without echoing any value from it.
///
/// `DecodingError`'s and `EncodingError`'s descriptions quote the offending value (a token in the
/// wrong field, a customer id), so errors and events name only the kind of failure and the field path.
enum CodingFailureSummary {
    /// `error` as "what went wrong at which field", with no value from the body.
    static func summary(of error: any Error) -> String {
        if let encodingError = error as? EncodingError, case .invalidValue(_, let context) = encodingError {
            return "\(path(context.codingPath)) cannot be encoded"
        }
        guard let decodingError = error as? DecodingError else {
            return "\(type(of: error))"
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not a \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) has no \(type) value"
        case .keyNotFound(let key, let context):
            return "required field \(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "the body is not valid JSON"
                : "\(path(context.codingPath)) has a value of the wrong form"
        @unknown default:
            return "the body does not match the expected shape"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "the body" }
        return codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            .joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }
}
