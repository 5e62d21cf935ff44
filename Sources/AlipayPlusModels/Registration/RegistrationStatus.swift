/// `registrationStatus` of a merchant registration; the value list is [U], unknown values are kept.
public enum RegistrationStatus: OpenStringEnum {
    /// `PROCESSING` [U].
    case processing
    /// `APPROVED` [U].
    case approved
    /// `REJECTED` [U].
    case rejected
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "PROCESSING": self = .processing
        case "APPROVED": self = .approved
        case "REJECTED": self = .rejected
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .processing: return "PROCESSING"
        case .approved: return "APPROVED"
        case .rejected: return "REJECTED"
        case .unknown(let value): return value
        }
    }
}
