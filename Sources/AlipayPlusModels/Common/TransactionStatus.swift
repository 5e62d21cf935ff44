/// `transactionStatus` of an inquiryPayment transaction.
public enum TransactionStatus: OpenStringEnum {
    /// `SUCCESS`.
    case success
    /// `FAIL`.
    case fail
    /// `PROCESSING`.
    case processing
    /// `CANCELLED`.
    case cancelled
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "SUCCESS": self = .success
        case "FAIL": self = .fail
        case "PROCESSING": self = .processing
        case "CANCELLED": self = .cancelled
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .success: return "SUCCESS"
        case .fail: return "FAIL"
        case .processing: return "PROCESSING"
        case .cancelled: return "CANCELLED"
        case .unknown(let value): return value
        }
    }
}
