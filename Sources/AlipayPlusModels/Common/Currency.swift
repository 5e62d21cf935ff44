/// ISO 4217: the active currency codes and their minor-unit exponents, used to check outbound
/// amounts and to turn Alipay+ amounts (minor units) into decimals and back.
///
/// The list is ISO 4217 list one as of 2025: every active code that has a minor unit. Left out on
/// purpose: codes without a minor unit (precious metals XAU/XAG/XPT/XPD, bond units XBA-XBD, XDR,
/// XSU, XUA, the test code XTS and "no currency" XXX) and withdrawn codes (HRK, SLL, ZWL, ANG after
/// its 2025 replacement by XCG). Outbound requests must use a listed code (``isISO4217(_:)``);
/// answers are read tolerantly: an unlisted code decodes and is shown with 2 decimals.
public enum Currency {
    /// Codes whose exponent is not 2.
    private static let nonDefaultExponents: [String: Int] = [
        // 0 decimals
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
        "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        // 3 decimals
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        // 4 decimals
        "CLF": 4, "UYW": 4,
    ]

    /// Every active ISO 4217 code with a minor unit, exponent 2 unless listed above.
    private static let activeCodes: Set<String> = Set(nonDefaultExponents.keys).union([
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD",
        "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW",
        "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB",
        "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF",
        "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR",
        "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
        "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR",
        "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS",
        "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS",
        "UAH", "USD", "USN", "UYU", "UZS", "VED", "VES", "WST", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
    ])

    /// The number of minor-unit digits of `code` (JPY 0, USD 2, KWD 3, CLF 4); 2 for codes not
    /// listed, so that answers in an unknown currency can still be read and shown.
    public static func exponent(of code: String) -> Int {
        nonDefaultExponents[code.uppercased()] ?? 2
    }

    /// True when `code` looks like an ISO 4217 alpha-3 code (three uppercase ASCII letters).
    ///
    /// A shape check only; ``isISO4217(_:)`` also checks the code is an active currency.
    public static func isWellFormed(_ code: String) -> Bool {
        let utf8 = code.utf8
        return utf8.count == 3 && utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    /// True when `code` is an active ISO 4217 currency code with a minor unit (exact, uppercase).
    ///
    /// Outbound requests are validated with it; see the type's documentation for what is left out.
    public static func isISO4217(_ code: String) -> Bool {
        activeCodes.contains(code)
    }

    /// The validation message for a currency field, or nil when `code` is an active ISO 4217 code.
    ///
    /// Shared by every outbound field that carries a currency, so they explain the same way.
    static func problem(with code: String) -> String? {
        if !isWellFormed(code) {
            return "\"\(code)\" is not an ISO 4217 alpha-3 code (three uppercase letters such as HKD)"
        }
        if !isISO4217(code) {
            return "\"\(code)\" is not an active ISO 4217 currency code; use the currency's ISO code (for example HKD, USD, JPY)"
        }
        return nil
    }
}
