public import AlipayPlusModels
/// Running totals of Transaction Detail lines, per type and currency pair.
public struct TransactionTotals: ReportTotals, Hashable {
    /// The key of one group of lines.
    public struct Group: Sendable, Hashable, CustomStringConvertible {
        /// The lines' type.
        public var transactionType: TransactionType
        /// The lines' transaction currency.
        public var transactionCurrency: String
        /// The lines' settlement currency, if given.
        public var settlementCurrency: String?

        /// `PAYMENT USD->USD`.
        public var description: String {
            "\(transactionType) \(transactionCurrency)" + (settlementCurrency.map { "->\($0)" } ?? "")
        }
    }

    /// The sums of one group.
    public struct Sums: Sendable, Hashable {
        /// Number of lines.
        public var count = 0
        /// Sum of |transactionAmountValue|.
        public var transactionAmount: Int64 = 0
        /// Sum of |settlementAmountValue| over lines that have one.
        public var settlementAmount: Int64 = 0
    }

    /// Sums per group.
    public private(set) var groups: [Group: Sums] = [:]
    /// Number of lines added.
    public private(set) var count = 0

    /// Empty totals.
    public init() {}

    /// Adds a line.
    ///
    /// - Throws: ``ReportError/Code/amountOverflow``.
    public mutating func add(_ line: TransactionDetailLine, at row: ReportRow) throws {
        let key = Group(transactionType: line.transactionType, transactionCurrency: line.transactionCurrency,
                        settlementCurrency: line.settlementCurrency)
        var sums = groups[key] ?? Sums()
        sums.count += 1
        sums.transactionAmount = try checkedAdd(sums.transactionAmount, line.transactionAmountValue.magnitudeClamped, at: row, column: "transactionAmountValue")
        if let settlement = line.settlementAmountValue {
            sums.settlementAmount = try checkedAdd(sums.settlementAmount, settlement.magnitudeClamped, at: row, column: "settlementAmountValue")
        }
        groups[key] = sums
        count += 1
    }

    /// Compares the totals with each summary row, and checks that filtered summary rows cover every group.
    public func findings(against summaryRows: [TransactionDetailSummaryRow]) -> [ReconciliationFinding] {
        var findings: [ReconciliationFinding] = []
        var covered = Set<Group>()
        var anyFilter = false
        for row in summaryRows {
            let matching = groups.filter { group, _ in
                (row.transactionType.map { $0 == group.transactionType } ?? true)
                    && (row.transactionCurrency.map { $0.caseInsensitiveCompare(group.transactionCurrency) } ?? true)
                    && (row.settlementCurrency.map { filter in group.settlementCurrency.map { filter.caseInsensitiveCompare($0) } ?? true } ?? true)
            }
            if row.transactionType != nil || row.transactionCurrency != nil || row.settlementCurrency != nil { anyFilter = true }
            covered.formUnion(matching.keys)
            var scope = [row.transactionType?.rawValue, row.transactionCurrency, row.settlementCurrency.map { "settled in \($0)" }]
                .compactMap { $0 }.joined(separator: " ")
            if scope.isEmpty { scope = "all lines" }
            let count = matching.values.reduce(0) { $0 + $1.count }
            if count != row.totalCount {
                findings.append(ReconciliationFinding(.countMismatch, file: row.file, line: row.line, column: "totalCount",
                                                      scope: scope, expected: Int64(row.totalCount), actual: Int64(count)))
            }
            let byType = row.transactionType != nil
            if let expected = row.totalTransactionAmountValue,
               Set(matching.keys.map { $0.transactionCurrency.uppercased() }).count <= 1 {
                let actual = Self.total(matching, byType: byType, \.transactionAmount)
                if !Self.agree(expected, actual, byType: byType) {
                    findings.append(ReconciliationFinding(.amountMismatch, file: row.file, line: row.line, column: "totalTransactionAmountValue",
                                                          scope: scope, expected: expected, actual: actual))
                }
            }
            if let expected = row.totalSettlementAmountValue {
                let actual = Self.total(matching, byType: byType, \.settlementAmount)
                if !Self.agree(expected, actual, byType: byType) {
                    findings.append(ReconciliationFinding(.amountMismatch, file: row.file, line: row.line, column: "totalSettlementAmountValue",
                                                          scope: scope, expected: expected, actual: actual))
                }
            }
        }
        if anyFilter {
            for (group, sums) in groups.sorted(by: { $0.key.description < $1.key.description }) where !covered.contains(group) {
                findings.append(ReconciliationFinding(.detailNotCoveredBySummary, scope: group.description, expected: 0, actual: Int64(sums.count)))
            }
        }
        return findings
    }

    /// Sum for one direction, or net (payments minus refunds, unknown types ignored) across directions.
    private static func total(_ groups: [Group: Sums], byType: Bool, _ value: KeyPath<Sums, Int64>) -> Int64 {
        groups.reduce(Int64(0)) { sum, entry in
            let sign: Int64 = byType ? 1 : entry.key.transactionType.netSign
            return sum &+ sign &* entry.value[keyPath: value]
        }
    }

    /// A per-direction total may be written negative (refunds); compare magnitudes there.
    private static func agree(_ expected: Int64, _ actual: Int64, byType: Bool) -> Bool {
        byType ? expected.magnitudeClamped == actual.magnitudeClamped : expected == actual
    }
}

extension Int64 {
    /// |self|, with `Int64.min` clamped to `Int64.max`.
    var magnitudeClamped: Int64 { self == .min ? .max : Swift.abs(self) }
}

extension String {
    func caseInsensitiveCompare(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
