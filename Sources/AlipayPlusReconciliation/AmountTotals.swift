/// Running count and amount per currency, for reports whose summary has a count and one total
/// (Fee and Settlement Reports).
public struct AmountTotals: Sendable, Hashable {
    /// Number of lines.
    public private(set) var count = 0
    /// Sum of amounts per upper-cased currency ("" when a line has no currency).
    public private(set) var amountByCurrency: [String: Int64] = [:]

    /// Empty totals.
    public init() {}

    mutating func add(amount: Int64?, currency: String?, at row: ReportRow, column: String) throws {
        count += 1
        if let amount {
            let key = currency?.uppercased() ?? ""
            amountByCurrency[key] = try checkedAdd(amountByCurrency[key] ?? 0, amount, at: row, column: column)
        }
    }

    /// Compares one summary row's count and amount (when given) with these totals.
    func findings(expectedCount: Int?, expectedAmount: Int64?, currency: String?, compareMagnitudes: Bool,
                  file: String, line: Int, countColumn: String, amountColumn: String) -> [ReconciliationFinding] {
        var findings: [ReconciliationFinding] = []
        let scope = currency.map { "all lines in \($0)" } ?? "all lines"
        if let expectedCount, expectedCount != count {
            findings.append(ReconciliationFinding(.countMismatch, file: file, line: line, column: countColumn, scope: scope,
                                                  expected: Int64(expectedCount), actual: Int64(count)))
        }
        if let expectedAmount {
            let actual: Int64?
            if let currency { actual = amountByCurrency[currency.uppercased()] ?? (amountByCurrency.count == 1 ? amountByCurrency[""] : 0) ?? 0 }
            else if amountByCurrency.count <= 1 { actual = amountByCurrency.values.first ?? 0 }
            else { actual = nil }  // several currencies and no filter: a single total cannot be compared
            if let actual {
                let agree = compareMagnitudes ? expectedAmount.magnitudeClamped == actual.magnitudeClamped : expectedAmount == actual
                if !agree {
                    findings.append(ReconciliationFinding(.amountMismatch, file: file, line: line, column: amountColumn, scope: scope,
                                                          expected: expectedAmount, actual: actual))
                }
            }
        }
        return findings
    }
}
