/// Shared Codable behaviour of the string enumerations that keep unknown values.
///
/// Types conforming to it have a non-failable `init(rawValue:)` mapping unknown text to `.unknown(text)`,
/// so decoding never fails on a value this version does not know.
public protocol OpenStringEnum: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible
where RawValue == String {
    /// Creates the value for `rawValue`, keeping unknown text.
    init(rawValue: String)
}

extension OpenStringEnum {
    /// Decodes the raw string (or number) and keeps unknown values.
    ///
    /// - Throws: `DecodingError` when the value is neither a string nor a number.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the raw string.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The raw wire value.
    public var description: String { rawValue }
}
