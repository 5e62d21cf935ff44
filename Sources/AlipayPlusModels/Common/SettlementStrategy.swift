/// `SettlementStrategy`: the currency the ACQP is settled in.
public struct SettlementStrategy: Codable, Sendable, Hashable, Validatable {
    /// `settlementCurrency`: ISO 4217 alpha-3; required in pay (Auto Debit) since v1.2.3.
    public var settlementCurrency: String?

    /// Creates a settlement strategy.
    public init(settlementCurrency: String? = nil) { self.settlementCurrency = settlementCurrency }

    /// Checks the currency code when present.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        if let settlementCurrency, !Currency.isWellFormed(settlementCurrency) {
            c.report("settlementCurrency", "\"\(settlementCurrency)\" is not an ISO 4217 alpha-3 code")
        }
        return c.problems
    }
}
