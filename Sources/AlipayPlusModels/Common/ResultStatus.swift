/// `result.resultStatus`: `S` success, `F` definite failure, `U` unknown outcome.
public enum ResultStatus: OpenStringEnum {
    /// `S`: the call succeeded.
    case success
    /// `F`: the call definitely failed; act on `resultCode`.
    case failure
    /// `U`: the outcome is unknown; never treat as failure, inquire or resend the same request.
    case unknown
    /// Any other letter, kept as received.
    case other(String)

    /// Maps `S`/`F`/`U`; keeps anything else in `.other`.
    public init(rawValue: String) {
        switch rawValue {
        case "S": self = .success
        case "F": self = .failure
        case "U": self = .unknown
        default: self = .other(rawValue)
        }
    }

    /// The wire letter.
    public var rawValue: String {
        switch self {
        case .success: return "S"
        case .failure: return "F"
        case .unknown: return "U"
        case .other(let value): return value
        }
    }
}
