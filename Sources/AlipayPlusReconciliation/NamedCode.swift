/// A public code type (``Discrepancy/Kind``, ``ReconciliationFinding/Code``, ``ReportError/Code``) that
/// wraps a private-by-convention string enum: its name and its Codable form, written once.
protocol NamedCode {
    /// The string enum behind the code.
    associatedtype Value: RawRepresentable where Value.RawValue == String
    /// What a code is called in decoding errors, e.g. `discrepancy kind`.
    static var codeKindName: String { get }
    /// The wrapped case.
    var value: Value { get }
    /// Wraps a case.
    init(_ value: Value)
}

extension NamedCode {
    /// The code's name, e.g. `amountMismatch`.
    var name: String { value.rawValue }

    /// Encodes the name as a single string.
    func encodeName(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.rawValue)
    }

    /// Decodes a name.
    ///
    /// - Throws: `DecodingError.dataCorrupted` for an unknown name.
    init(decodingNameFrom decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Value(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown \(Self.codeKindName) '\(text)'")
        }
        self.init(value)
    }
}
