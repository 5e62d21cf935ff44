/// `SettlementStrategy`: the currency the ACQP is settled in.
public struct SettlementStrategy: Codable, Sendable, Hashable, Validatable {
    /// `settlementCurrency`: ISO 4217 alpha-3; required in pay (Auto Debit) since v1.2.3.
    public var settlementCurrency: String?

    /// Creates a settlement strategy.
    public init(settlementCurrency: String? = nil) { self.settlementCurrency = settlementCurrency }

    /// Checks, when present, that the currency is an active ISO 4217 code.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        if let settlementCurrency, let problem = Currency.problem(with: settlementCurrency) {
            c.report("settlementCurrency", problem)
        }
        return c.problems
    }
}
