/// The direction of a report line: `PAYMENT`, `REFUND`, or a value this library does not know.
public enum TransactionType: Sendable, Hashable, CustomStringConvertible {
    /// A payment (money from the user to the merchant).
    case payment
    /// A refund (money back to the user).
    case refund
    /// Any other value, kept as written.
    case unknown(String)

    /// Reads a value case-insensitively.
    public init(_ text: String) {
        switch text.uppercased() {
        case "PAYMENT": self = .payment
        case "REFUND": self = .refund
        default: self = .unknown(text)
        }
    }

    /// The value as written in reports (`PAYMENT`, `REFUND`, or the unknown text).
    public var rawValue: String {
        switch self {
        case .payment: return "PAYMENT"
        case .refund: return "REFUND"
        case .unknown(let text): return text
        }
    }

    /// Same as ``rawValue``.
    public var description: String { rawValue }

    /// The sign this direction has in a net total: +1 for payments, -1 for refunds, 0 when unknown.
    var netSign: Int64 {
        switch self {
        case .payment: return 1
        case .refund: return -1
        case .unknown: return 0
        }
    }
}
