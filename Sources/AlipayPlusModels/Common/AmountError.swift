/// Why an `Amount` could not be made from a decimal value.
public struct AmountError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem; new kinds can be added without breaking callers.
    public struct Code: Sendable, Hashable {
        private enum Base: Sendable, Hashable { case negativeValue, tooManyFractionDigits, invalidCurrency, unknownCurrency, outOfRange }
        private let base: Base

        /// The value is below zero.
        public static let negativeValue = Code(base: .negativeValue)
        /// The value has more fraction digits than the currency's minor unit allows.
        public static let tooManyFractionDigits = Code(base: .tooManyFractionDigits)
        /// The currency is not three uppercase letters.
        public static let invalidCurrency = Code(base: .invalidCurrency)
        /// The currency is three uppercase letters but not an active ISO 4217 code (for example `XYZ`).
        public static let unknownCurrency = Code(base: .unknownCurrency)
        /// The value in minor units does not fit in 64 bits.
        public static let outOfRange = Code(base: .outOfRange)
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
    /// A well-formed code that is not an active ISO 4217 currency was given.
    public static func unknownCurrency(currency: String, value: String) -> AmountError { .init(code: .unknownCurrency, currency: currency, value: value) }
    /// A value too large for 64-bit minor units was given.
    public static func outOfRange(currency: String, value: String) -> AmountError { .init(code: .outOfRange, currency: currency, value: value) }

    /// Explains the problem and how to fix it.
    public var description: String {
        switch code {
        case .negativeValue:
            "amount \(value) \(currency) is negative; Alipay+ amounts must be zero or more"
        case .tooManyFractionDigits:
            "amount \(value) \(currency) has more than \(Currency.exponent(of: currency)) fraction digit(s), "
                + "the minor unit of \(currency); round it first"
        case .invalidCurrency:
            "currency \"\(currency)\" is not an ISO 4217 alpha-3 code (three uppercase letters such as HKD)"
        case .unknownCurrency:
            "currency \"\(currency)\" is not an active ISO 4217 currency code; use the currency's ISO code "
                + "(for example HKD, USD, JPY)"
        default:
            "amount \(value) \(currency) does not fit in 64-bit minor units"
        }
    }
}
