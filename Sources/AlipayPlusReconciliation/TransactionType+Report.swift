public import AlipayPlusModels

extension TransactionType {
    /// Reads a report's `transactionType` cell case-insensitively (`PAYMENT`, `refund`, ...).
    public init(reportValue text: String) {
        self.init(rawValue: text.uppercased())
        if case .unknown = self { self = .unknown(text) }
    }

    /// The sign this direction has in a net total: +1 for payments, -1 for refunds, 0 otherwise.
    var netSign: Int64 {
        switch self {
        case .payment: 1
        case .refund: -1
        default: 0
        }
    }
}
