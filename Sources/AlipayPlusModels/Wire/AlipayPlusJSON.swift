public import Foundation

/// Serializes and parses Alipay+ message bodies under the wire rules.
///
/// Encoding: every non-array value becomes a JSON string (`20` → `"20"`, `true` → `"true"`), dates become
/// ISO 8601 with offset (`2026-11-29T13:05:09+00:00`), `nil` and empty optional values (`""`, `{}`, `[]`)
/// are left out, object keys are sorted and `/` is not escaped, so the same value always gives the same bytes.
///
/// Decoding: scalars are read from JSON strings or from JSON numbers/booleans, dates with an offset, `Z`
/// or fractional seconds; unknown fields are ignored.
///
/// The model types rely on these rules: encode and decode them with `AlipayPlusJSON`, not `JSONEncoder`.
public enum AlipayPlusJSON {
    /// Encodes `value` as a wire body.
    ///
    /// - Throws: whatever the value's `encode(to:)` throws; the model types do not throw.
    public static func encode(_ value: some Encodable) throws -> Data {
        let node = try WireEncoder.box(value, codingPath: [])
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        node.write(into: &bytes)
        return Data(bytes)
    }

    /// Decodes a wire body into `type`.
    ///
    /// - Throws: `DecodingError` naming the coding path for a missing required field or a value of the
    ///   wrong kind; `DecodingError.dataCorrupted` when the body is not JSON.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try parse(data).decode(type)
    }

    /// Parses a wire body once, for decoding it into more than one type (an answer and its echo)
    /// without parsing it again.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the body is not JSON.
    package static func parse(_ data: Data) throws -> ParsedBody {
        do {
            return ParsedBody(value: try data.withUnsafeBytes { raw in try JSONParser.parse(raw.bindMemory(to: UInt8.self)) })
        } catch let error as JSONParser.SyntaxError {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: error.description, underlyingError: error))
        }
    }

    /// A body parsed by ``AlipayPlusJSON/parse(_:)``: decoding it applies the same rules as
    /// ``AlipayPlusJSON/decode(_:from:)``.
    package struct ParsedBody: Sendable {
        let value: JSONValue

        /// The body as `type`.
        ///
        /// - Throws: `DecodingError` naming the coding path, as ``AlipayPlusJSON/decode(_:from:)``.
        package func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try WireDecoder.unbox(type, from: value, codingPath: [])
        }
    }
}
