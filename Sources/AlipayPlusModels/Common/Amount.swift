public import Foundation

/// `Amount`: `{ "currency": "HKD", "value": "599" }`, the value in the currency's minor units.
///
/// HKD 5.99 is `value` `"599"`, JPY 599 is `"599"`, USD 1.00 is `"100"`. Build one from minor units or
/// from a `Decimal` (which checks sign and precision).
public struct Amount: Codable, Sendable, Hashable, CustomStringConvertible, Validatable {
    /// `currency`: ISO 4217 alpha-3 code, required, 3 characters; an active code in outbound requests.
    public var currency: String
    /// `value`: non-negative integer in minor units, as a string; required.
    public var value: String

    /// Creates an amount from already-formatted wire fields (no checks; see ``validate()``).
    public init(currency: String, value: String) {
        self.currency = currency
        self.value = value
    }

    /// Creates an amount from minor units (cents for USD, yen for JPY); no checks (see ``validate()``).
    public init(currency: String, minorUnits: Int64) {
        self.currency = currency
        self.value = String(minorUnits)
    }

    /// Creates an amount from a decimal major-unit value: `Amount(currency: "HKD", decimal: 5.99)` → `"599"`.
    ///
    /// - Throws: ``AmountError`` `.negativeValue`, `.tooManyFractionDigits` (e.g. 1.5 JPY, 1.234 USD),
    ///   `.invalidCurrency` (not three uppercase letters), `.unknownCurrency` (not an active ISO 4217
    ///   code, e.g. `XYZ`) or `.outOfRange`.
    public init(currency: String, decimal: Decimal) throws {
        let text = decimal.description
        guard Currency.isWellFormed(currency) else { throw AmountError.invalidCurrency(currency: currency, value: text) }
        guard Currency.isISO4217(currency) else { throw AmountError.unknownCurrency(currency: currency, value: text) }
        guard decimal >= 0 else { throw AmountError.negativeValue(currency: currency, value: text) }
        var scaled = decimal
        for _ in 0..<Currency.exponent(of: currency) { scaled *= 10 }
        var rounded = Decimal()
        var source = scaled
        NSDecimalRound(&rounded, &source, 0, .plain)
        guard rounded == scaled else { throw AmountError.tooManyFractionDigits(currency: currency, value: text) }
        let digits = rounded.description
        guard Int64(digits) != nil else { throw AmountError.outOfRange(currency: currency, value: text) }
        self.currency = currency
        self.value = digits
    }

    /// The value in minor units, or nil when `value` is not an integer that fits in 64 bits.
    public var minorUnits: Int64? { Int64(value) }

    /// The value in major units (`"599"` HKD → 5.99), or nil when `value` is not an integer.
    public var decimalValue: Decimal? {
        guard let minor = minorUnits else { return nil }
        var result = Decimal(minor)
        for _ in 0..<Currency.exponent(of: currency) { result /= 10 }
        return result
    }

    /// Display text with all minor digits: `5.99 HKD`, `599 JPY`, `1.000 KWD`; the raw fields when malformed.
    public var displayString: String {
        guard let minor = minorUnits else { return "\(value) \(currency)" }
        let exponent = Currency.exponent(of: currency)
        guard exponent > 0 else { return "\(minor) \(currency)" }
        let sign = minor < 0 ? "-" : ""
        var digits = String(minor.magnitude)
        while digits.count <= exponent { digits = "0" + digits }
        let split = digits.index(digits.endIndex, offsetBy: -exponent)
        return "\(sign)\(digits[..<split]).\(digits[split...]) \(currency)"
    }

    /// Same as ``displayString``.
    public var description: String { displayString }

    /// Checks that the currency is an active ISO 4217 code and that `value` is a non-negative integer.
    ///
    /// Strict on purpose: outbound requests are validated with it before sending. Decoding is
    /// tolerant: an answer carrying an unknown code decodes (and is shown with 2 decimals).
    public func validate() -> [ValidationProblem] {
        var context = ValidationContext()
        if currency.isEmpty {
            context.report("currency", "missing")
        } else if let problem = Currency.problem(with: currency) {
            context.report("currency", problem)
        }
        if value.isEmpty {
            context.report("value", "missing")
        } else if value.hasPrefix("-") {
            context.report("value", "\"\(value)\" is negative")
        } else if !value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            context.report("value", "\"\(value)\" is not an integer in minor units")
        } else if minorUnits == nil {
            context.report("value", "\"\(value)\" is out of range")
        }
        return context.problems
    }
}
