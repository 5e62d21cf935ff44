/// A sensitive string (access token, refresh token, auth code) that never shows up in logs.
///
/// Encodes as a plain JSON string; `description`, `debugDescription`, `dump()` and mirrors all print
/// `<redacted>`. Read the value with ``revealed`` only where it must go on the wire or into storage.
public struct Secret: Codable, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable, ExpressibleByStringLiteral {
    /// The secret value itself. Never log it.
    public let revealed: String

    /// Wraps a secret value.
    public init(_ value: String) { revealed = value }

    /// Wraps a secret literal (tests and samples).
    public init(stringLiteral value: String) { revealed = value }

    /// Decodes the secret from a JSON string.
    ///
    /// - Throws: `DecodingError` when the value is not a JSON string.
    public init(from decoder: any Decoder) throws {
        revealed = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the secret as a plain JSON string.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(revealed)
    }

    /// True when the secret is the empty string.
    public var isEmpty: Bool { revealed.isEmpty }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// A mirror with no children, so reflection shows nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
