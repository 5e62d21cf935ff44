/// Why an `Amount` could not be made from a decimal value.
public struct AmountError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: Sendable, Hashable {
        /// The value is below zero.
        case negativeValue
        /// The value has more fraction digits than the currency's minor unit allows.
        case tooManyFractionDigits
        /// The currency is not three uppercase letters.
        case invalidCurrency
        /// The value in minor units does not fit in 64 bits.
        case outOfRange
    }

    /// The kind of problem; compare it in tests.
    public let code: Code
    /// The currency given.
    public let currency: String
    /// The decimal value given, as text.
    public let value: String

    /// A value below zero was given.
    public static func negativeValue(currency: String, value: String) -> AmountError { .init(code: .negativeValue, currency: currency, value: value) }
    /// A value too precise for the currency was given.
    public static func tooManyFractionDigits(currency: String, value: String) -> AmountError { .init(code: .tooManyFractionDigits, currency: currency, value: value) }
    /// A malformed currency code was given.
    public static func invalidCurrency(currency: String, value: String) -> AmountError { .init(code: .invalidCurrency, currency: currency, value: value) }
    /// A value too large for 64-bit minor units was given.
    public static func outOfRange(currency: String, value: String) -> AmountError { .init(code: .outOfRange, currency: currency, value: value) }

    /// Explains the problem and how to fix it.
    public var description: String {
        switch code {
        case .negativeValue:
            return "amount \(value) \(currency) is negative; Alipay+ amounts must be zero or more"
        case .tooManyFractionDigits:
            let digits = Currency.exponent(of: currency)
            return "amount \(value) \(currency) has more than \(digits) fraction digit(s), the minor unit of \(currency); round it first"
        case .invalidCurrency:
            return "currency \"\(currency)\" is not an ISO 4217 alpha-3 code (three uppercase letters such as HKD)"
        case .outOfRange:
            return "amount \(value) \(currency) does not fit in 64-bit minor units"
        }
    }
}
