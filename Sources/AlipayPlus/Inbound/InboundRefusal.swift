/// Why a verified inbound call is refused before it changes anything (answered 400, unsigned).
///
/// Its ``reason`` names the field at most, never a value from the body.
struct InboundRefusal: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case malformedBody, missingField
    }

    private let code: Code
    /// What is wrong, safe to answer and to log.
    let reason: String

    private init(_ code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The body does not decode as the call's type; `failure` names the field only.
    static func malformedBody(_ call: String, _ failure: CodingFailure) -> InboundRefusal {
        InboundRefusal(.malformedBody, reason: "the body is not a valid \(call): \(failure.summary)")
    }

    /// A field the checks need before applying the call is absent.
    static func missingField(_ call: String, _ field: String, because check: String) -> InboundRefusal {
        InboundRefusal(.missingField, reason: "\(call) has no \(field), which is needed to \(check); nothing was applied")
    }

    /// `InboundRefusal.<code>: <reason>`.
    var description: String { "InboundRefusal.\(code.rawValue): \(reason)" }
}
