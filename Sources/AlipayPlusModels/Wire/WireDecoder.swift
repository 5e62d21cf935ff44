import Foundation
import AlipayPlusTime

/// A `Decoder` over a parsed JSON tree that applies the Alipay+ wire rules leniently: scalars may come as
/// strings or as JSON numbers/booleans, dates as ISO 8601 with offset, `Z` or fractional seconds, and
/// unknown fields are ignored.
struct WireDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else { throw mismatch(type, "an object") }
        return KeyedDecodingContainer(KeyedWireDecoder<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([JSONValue].self, "an array") }
        return UnkeyedWireDecoder(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueWireDecoder(value: value, codingPath: codingPath)
    }

    func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value.kindName)"))
    }

    /// The text of a scalar: a string's content, a number's literal or `true`/`false`.
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// Decodes `T` from `value`, handling the scalar types directly.
    static func unbox<T: Decodable>(_ type: T.Type, from value: JSONValue, codingPath: @autoclosure () -> [any CodingKey]) throws -> T {
        if T.self == String.self || T.self == Bool.self || T.self == Date.self || T.self == Decimal.self
            || T.self == URL.self || T.self == Int.self || T.self == Int64.self || T.self == Double.self {
            return try scalar(type, from: value, codingPath: codingPath())
        }
        return try T(from: WireDecoder(value: value, codingPath: codingPath()))
    }

    static func scalar<T>(_ type: T.Type, from value: JSONValue, codingPath: @autoclosure () -> [any CodingKey]) throws -> T {
        guard let text = text(value) else {
            throw DecodingError.typeMismatch(type, .init(codingPath: codingPath(), debugDescription: "expected a string, found \(value.kindName)"))
        }
        func fail() -> DecodingError {
            DecodingError.dataCorrupted(.init(codingPath: codingPath(), debugDescription: "\"\(text)\" is not a valid \(type)"))
        }
        func cast<U>(_ parsed: U?) throws -> T {
            guard let parsed else { throw fail() }
            return unsafeBitCast(parsed, to: T.self)
        }
        if T.self == String.self { return try cast(text) }
        if T.self == Bool.self {
            switch text {
            case "true", "TRUE", "True": return try cast(true)
            case "false", "FALSE", "False": return try cast(false)
            default: throw fail()
            }
        }
        if T.self == Date.self { return try cast(AlipayPlusTimestamp.date(from: text)) }
        if T.self == Decimal.self { return try cast(text.isEmpty ? nil : Decimal(string: text, locale: nil)) }
        if T.self == URL.self { return try cast(URL(string: text)) }
        if T.self == Int.self { return try cast(Int(text)) }
        if T.self == Int8.self { return try cast(Int8(text)) }
        if T.self == Int16.self { return try cast(Int16(text)) }
        if T.self == Int32.self { return try cast(Int32(text)) }
        if T.self == Int64.self { return try cast(Int64(text)) }
        if T.self == UInt.self { return try cast(UInt(text)) }
        if T.self == UInt8.self { return try cast(UInt8(text)) }
        if T.self == UInt16.self { return try cast(UInt16(text)) }
        if T.self == UInt32.self { return try cast(UInt32(text)) }
        if T.self == UInt64.self { return try cast(UInt64(text)) }
        if T.self == Double.self { return try cast(Double(text)) }
        if T.self == Float.self { return try cast(Float(text)) }
        throw fail()
    }
}

private struct KeyedWireDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [(String, JSONValue)]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { fields.compactMap { Key(stringValue: $0.0) } }
    func contains(_ key: Key) -> Bool { fields.member(key.stringValue) != nil }

    private func value(_ key: Key) throws -> JSONValue {
        guard let value = fields.member(key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required field \"\(key.stringValue)\" is missing"))
        }
        return value
    }

    private func scalar<T>(_ type: T.Type, _ key: Key) throws -> T {
        try WireDecoder.scalar(type, from: try value(key), codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let value = fields.member(key.stringValue) else { return true }
        if case .null = value { return true }
        return false
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        if case .string(let text)? = fields.member(key.stringValue) { return text }
        return try scalar(type, key)
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(type, key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try WireDecoder.unbox(type, from: try value(key), codingPath: codingPath + [key])
    }

    // One lookup per optional field instead of the default contains + decodeNil + decode.
    private func present(_ key: Key) -> JSONValue? {
        guard let value = fields.member(key.stringValue) else { return nil }
        if case .null = value { return nil }
        return value
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = present(key) else { return nil }
        if case .string(let text) = value { return text }
        return try WireDecoder.scalar(type, from: value, codingPath: codingPath + [key])
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = present(key) else { return nil }
        return try WireDecoder.scalar(type, from: value, codingPath: codingPath + [key])
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = present(key) else { return nil }
        return try WireDecoder.scalar(type, from: value, codingPath: codingPath + [key])
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = present(key) else { return nil }
        return try WireDecoder.unbox(type, from: value, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try WireDecoder(value: try value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try WireDecoder(value: try value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder {
        WireDecoder(value: fields.member("super") ?? .null, codingPath: codingPath)
    }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        WireDecoder(value: fields.member(key.stringValue) ?? .null, codingPath: codingPath + [key])
    }
}

private struct UnkeyedWireDecoder: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    private mutating func next() throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "array has no more elements"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    private mutating func scalar<T>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try WireDecoder.scalar(type, from: value, codingPath: path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if case .null = items[currentIndex] { currentIndex += 1; return true }
        return false
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) }
    mutating func decode(_ type: String.Type) throws -> String { try scalar(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try scalar(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try scalar(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try scalar(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try WireDecoder.unbox(type, from: value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        return try WireDecoder(value: value, codingPath: path).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try WireDecoder(value: value, codingPath: path).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        return WireDecoder(value: value, codingPath: path)
    }
}

private struct SingleValueWireDecoder: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    private func scalar<T>(_ type: T.Type) throws -> T { try WireDecoder.scalar(type, from: value, codingPath: codingPath) }

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }
    func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) }
    func decode(_ type: String.Type) throws -> String { try scalar(type) }
    func decode(_ type: Double.Type) throws -> Double { try scalar(type) }
    func decode(_ type: Float.Type) throws -> Float { try scalar(type) }
    func decode(_ type: Int.Type) throws -> Int { try scalar(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try scalar(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try scalar(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try scalar(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try scalar(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try scalar(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireDecoder.unbox(type, from: value, codingPath: codingPath)
    }
}
