/// `transactionType` of an inquiryPayment transaction.
public enum TransactionType: OpenStringEnum {
    /// `PAYMENT`.
    case payment
    /// `REFUND`.
    case refund
    /// `AUTHORIZATION`.
    case authorization
    /// `CAPTURE`.
    case capture
    /// `CANCEL`.
    case cancel
    /// `VOID`.
    case void
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "PAYMENT": self = .payment
        case "REFUND": self = .refund
        case "AUTHORIZATION": self = .authorization
        case "CAPTURE": self = .capture
        case "CANCEL": self = .cancel
        case "VOID": self = .void
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .payment: return "PAYMENT"
        case .refund: return "REFUND"
        case .authorization: return "AUTHORIZATION"
        case .capture: return "CAPTURE"
        case .cancel: return "CANCEL"
        case .void: return "VOID"
        case .unknown(let value): return value
        }
    }
}
