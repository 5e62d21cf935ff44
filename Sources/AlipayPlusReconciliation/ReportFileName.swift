/// The parts of a report file name:
/// `<kind>_<participantId>_<settlementCurrency>_<batchId>_<participantAgreementId>_<seq>.csv`.
///
/// `batchId` is the `clearingBatchId` for clearing reports and the `settlementBatchId` for the
/// Settlement Report. `seq` is `000`–`999` when one batch spans several files.
public struct ReportFileName: Sendable, Hashable, CustomStringConvertible {
    /// The report kind (`transactionItems`, `summary`, `feeItems`, `settlement`).
    public var kind: ReportKind
    /// The ACQP's Alipay+ participant (partner) ID.
    public var participantId: String
    /// The settlement currency, e.g. `USD`.
    public var settlementCurrency: String
    /// The clearing batch ID (clearing reports) or settlement batch ID (Settlement Report).
    public var batchId: String
    /// The settlement agreement ID.
    public var participantAgreementId: String
    /// The sequence number, 0...999.
    public var seq: Int

    /// The clearing batch ID, or nil for a Settlement Report.
    public var clearingBatchId: String? { kind == .settlement ? nil : batchId }
    /// The settlement batch ID, or nil for a clearing report.
    public var settlementBatchId: String? { kind == .settlement ? batchId : nil }

    /// Creates a file name from its parts.
    public init(kind: ReportKind, participantId: String, settlementCurrency: String, batchId: String,
                participantAgreementId: String, seq: Int = 0) {
        self.kind = kind
        self.participantId = participantId
        self.settlementCurrency = settlementCurrency
        self.batchId = batchId
        self.participantAgreementId = participantAgreementId
        self.seq = seq
    }

    /// Parses a file name (a path is allowed; only its last component is read).
    ///
    /// - Throws: ``ReportError/Code/badFileName`` naming the part that is wrong.
    public init(parsing name: String) throws {
        let base = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
        func bad(_ detail: String) -> ReportError {
            ReportError(.badFileName, file: base, detail: detail,
                        hint: "expected <kind>_<participantId>_<settlementCurrency>_<batchId>_<participantAgreementId>_<seq>.csv with kind transactionItems, summary, feeItems or settlement and seq 000-999")
        }
        guard base.lowercased().hasSuffix(".csv") else { throw bad("the name does not end in .csv") }
        let stem = base.dropLast(4)
        let parts = stem.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6 else { throw bad("expected 6 parts separated by '_', found \(parts.count)") }
        guard let kind = ReportKind(rawValue: parts[0]) else { throw bad("unknown report kind '\(parts[0])'") }
        for (index, label) in [(1, "participantId"), (2, "settlementCurrency"), (3, "batchId"), (4, "participantAgreementId")] where parts[index].isEmpty {
            throw bad("\(label) is empty")
        }
        let currency = parts[2]
        guard currency.utf8.count == 3, currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw bad("settlementCurrency '\(currency)' is not a 3-letter upper-case ISO 4217 code")
        }
        let seqText = parts[5]
        guard seqText.utf8.count == 3, seqText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seq = Int(seqText) else {
            throw bad("seq '\(seqText)' is not three digits 000-999")
        }
        self.init(kind: kind, participantId: parts[1], settlementCurrency: currency, batchId: parts[3],
                  participantAgreementId: parts[4], seq: seq)
    }

    /// The file name, e.g. `transactionItems_1022..._USD_2026112900001_AGR1_000.csv`.
    public var fileName: String {
        let seqText = String(seq)
        let padded = String(repeating: "0", count: max(0, 3 - seqText.count)) + seqText
        return "\(kind.rawValue)_\(participantId)_\(settlementCurrency)_\(batchId)_\(participantAgreementId)_\(padded).csv"
    }

    /// Same as ``fileName``.
    public var description: String { fileName }
}
