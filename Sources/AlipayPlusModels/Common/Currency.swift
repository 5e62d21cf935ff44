/// ISO 4217 minor-unit exponents, used to turn Alipay+ amounts (minor units) into decimals and back.
public enum Currency {
    private static let exponents: [String: Int] = [
        // 0 decimals
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
        "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        // 3 decimals
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        // 4 decimals
        "CLF": 4, "UYW": 4,
    ]

    /// The number of minor-unit digits of `code` (JPY 0, USD 2, KWD 3, CLF 4); 2 for codes not listed.
    public static func exponent(of code: String) -> Int {
        exponents[code.uppercased()] ?? 2
    }

    /// True when `code` looks like an ISO 4217 alpha-3 code (three uppercase ASCII letters).
    public static func isWellFormed(_ code: String) -> Bool {
        let utf8 = code.utf8
        return utf8.count == 3 && utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
    }
}
