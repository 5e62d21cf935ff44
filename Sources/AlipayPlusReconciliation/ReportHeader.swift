/// The column names of one section, looked up case-insensitively.
public struct ReportHeader: Sendable, Hashable {
    /// The names as written in the file (trimmed).
    public let names: [String]
    /// The 1-based line of the header row.
    public let line: Int
    /// Lower-cased names, position for position.
    let lowercasedNames: [String]
    private let indexByName: [String: Int]
    private let indexByExactName: [String: Int]

    /// Creates a header from a header row.
    public init(names: [String], line: Int) {
        self.names = names.map { $0.trimmingASCIISpaces() }
        self.line = line
        lowercasedNames = self.names.map { $0.lowercased() }
        var index: [String: Int] = [:]
        var exact: [String: Int] = [:]
        for (position, name) in lowercasedNames.enumerated() where index[name] == nil {
            index[name] = position
            exact[self.names[position]] = position
        }
        indexByName = index
        // Resolve the column names the library asks for once, so per-row lookups are one hash probe.
        for name in Self.libraryColumnNames where exact[name] == nil {
            if let position = index[name.lowercased()] { exact[name] = position }
        }
        indexByExactName = exact
    }

    /// The position of a column (case-insensitive), or nil.
    public func index(of name: String) -> Int? {
        if let position = indexByExactName[name] { return position }
        if Self.libraryColumnNames.contains(name) { return nil }
        return indexByName[name.lowercased()]
    }

    /// Every column name the library's typed rows read, spelled as in the code (a name missing here
    /// is still found, only more slowly).
    static let libraryColumnNames: Set<String> = [
        "clearingBatchId", "currency", "direction", "feeAmountValue", "feeCurrency", "feeType",
        "interchangeFeeAmountValue", "interchangeFeeCurrency", "netSettlementAmount", "netSettlementAmountValue",
        "originalTransactionId", "originalTransactionRequestId", "serviceFeeAmountValue", "serviceFeeCurrency",
        "settlementAmountValue", "settlementBatchId", "settlementCurrency", "settlementDate", "totalAmountValue",
        "totalCount", "totalFeeAmountValue", "totalSettlementAmountValue", "totalTransactionAmountValue",
        "transactionAmountValue", "transactionCurrency", "transactionId", "transactionRequestId", "transactionTime",
        "transactionType", "valueDate",
    ]

    /// The first of `aliases` present in the header, as written in the file.
    func firstPresent(_ aliases: [String]) -> (name: String, index: Int)? {
        for alias in aliases { if let index = index(of: alias) { return (names[index], index) } }
        return nil
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
