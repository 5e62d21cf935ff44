public import AlipayPlusModels
/// One way a report line and the merchant's records disagree.
///
/// ``expected`` is always what the merchant's records say and ``found`` what the report file says
/// (`nil` when that side has nothing). Discrepancies are data: report them to Alipay+ support
/// (overseas_support@service.alibaba.com); settlement still completes first and differences are
/// resolved afterwards.
public struct Discrepancy: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of disagreement.
    public struct Kind: Sendable, Hashable, NamedCode, Codable, CustomStringConvertible {
        enum Value: String, Sendable, Hashable, CaseIterable {
            case amountMismatch, currencyMismatch, typeMismatch, statusMismatch
            case missingOnOurSide, missingInFile, duplicateInFile
        }
        let value: Value
        init(_ value: Value) { self.value = value }
        static var codeKindName: String { "discrepancy kind" }

        /// The line's amount differs from the record's.
        public static let amountMismatch = Kind(.amountMismatch)
        /// The line's currency differs from the record's.
        public static let currencyMismatch = Kind(.currencyMismatch)
        /// The line says PAYMENT but the id is one of our refunds, or the other way round (or the type is unknown).
        public static let typeMismatch = Kind(.typeMismatch)
        /// The file clears a transaction that our records hold as failed, canceled or still pending.
        public static let statusMismatch = Kind(.statusMismatch)
        /// A line whose ids match none of our payments or refunds.
        public static let missingOnOurSide = Kind(.missingOnOurSide)
        /// A successful payment or refund of the clearing day that no line reports.
        public static let missingInFile = Kind(.missingInFile)
        /// A transaction reported on more than one line.
        public static let duplicateInFile = Kind(.duplicateInFile)

        /// Every kind, in the order reports list them.
        public static let allKinds: [Kind] = Value.allCases.map(Kind.init)

        /// The kind's name, e.g. `amountMismatch`.
        public var description: String { name }

        /// Encodes the name.
        ///
        /// - Throws: `EncodingError` from the encoder.
        public func encode(to encoder: any Encoder) throws {
            try encodeName(to: encoder)
        }

        /// Decodes a name.
        ///
        /// - Throws: `DecodingError.dataCorrupted` for an unknown name.
        public init(from decoder: any Decoder) throws {
            try self.init(decodingNameFrom: decoder)
        }
    }

    /// What kind of disagreement.
    public var kind: Kind
    /// The transaction type (from the line, or from our record when the file lacks it).
    public var transactionType: TransactionType
    /// Alipay+'s id (`paymentId` / `refundId`), when known.
    public var transactionId: String?
    /// The merchant's request id (`paymentRequestId` / `refundRequestId`), when known.
    public var transactionRequestId: String?
    /// The report line involved (nil for ``Kind/missingInFile``).
    public var location: ReportLocation?
    /// For ``Kind/duplicateInFile``: the line that reported the transaction first.
    public var firstLocation: ReportLocation?
    /// What the merchant's records say, e.g. `1000 USD` or `failed`; nil when we have no record.
    public var expected: String?
    /// What the report says, e.g. `1200 USD`; nil when the file has no line.
    public var found: String?

    /// Creates a discrepancy.
    public init(kind: Kind, transactionType: TransactionType, transactionId: String?, transactionRequestId: String?,
                location: ReportLocation?, firstLocation: ReportLocation? = nil, expected: String?, found: String?) {
        self.kind = kind
        self.transactionType = transactionType
        self.transactionId = transactionId
        self.transactionRequestId = transactionRequestId
        self.location = location
        self.firstLocation = firstLocation
        self.expected = expected
        self.found = found
    }

    /// The id to show: the request id when known, else Alipay+'s id.
    public var displayId: String { transactionRequestId ?? transactionId ?? "?" }

    /// `file:line: amountMismatch PAYMENT pay-1: expected 1000 USD, found 1200 USD`.
    public var description: String {
        var text = "\(location?.description ?? "-"): \(kind) \(transactionType) \(displayId)"
        text += ": expected \(expected ?? "nothing"), found \(found ?? "nothing")"
        if let firstLocation { text += " (first reported at \(firstLocation))" }
        return text
    }

    private enum CodingKeys: String, CodingKey {
        case kind, transactionType, transactionId, transactionRequestId, file, line, firstFile, firstLine, expected, found
    }

    /// Encodes as a flat object (`file` and `line` instead of a nested location).
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(transactionType.rawValue, forKey: .transactionType)
        try container.encodeIfPresent(transactionId, forKey: .transactionId)
        try container.encodeIfPresent(transactionRequestId, forKey: .transactionRequestId)
        try container.encodeIfPresent(location?.file, forKey: .file)
        try container.encodeIfPresent(location?.line, forKey: .line)
        try container.encodeIfPresent(firstLocation?.file, forKey: .firstFile)
        try container.encodeIfPresent(firstLocation?.line, forKey: .firstLine)
        try container.encodeIfPresent(expected, forKey: .expected)
        try container.encodeIfPresent(found, forKey: .found)
    }

    /// Decodes the flat object written by ``encode(to:)``.
    ///
    /// - Throws: `DecodingError` for missing or malformed fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        transactionType = TransactionType(reportValue: try container.decode(String.self, forKey: .transactionType))
        transactionId = try container.decodeIfPresent(String.self, forKey: .transactionId)
        transactionRequestId = try container.decodeIfPresent(String.self, forKey: .transactionRequestId)
        if let file = try container.decodeIfPresent(String.self, forKey: .file), let line = try container.decodeIfPresent(Int.self, forKey: .line) {
            location = ReportLocation(file: file, line: line)
        }
        if let file = try container.decodeIfPresent(String.self, forKey: .firstFile), let line = try container.decodeIfPresent(Int.self, forKey: .firstLine) {
            firstLocation = ReportLocation(file: file, line: line)
        }
        expected = try container.decodeIfPresent(String.self, forKey: .expected)
        found = try container.decodeIfPresent(String.self, forKey: .found)
    }
}
