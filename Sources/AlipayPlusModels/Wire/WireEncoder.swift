import Foundation
import AlipayPlusTime

/// An `Encoder` that applies the Alipay+ wire rules: every scalar becomes a JSON string (numbers and
/// booleans included), dates become ISO 8601 with offset, `nil` and empty optional values are left out.
///
/// A value type: handing one to a nested value's `encode(to:)` allocates nothing (the tree it fills
/// is the node's).
struct WireEncoder: Encoder {
    let node: WireNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: WireNode, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.kind != .object {
            node.kind = .object
            // Most wire objects have a few fields: one allocation instead of growing 1, 2, 4, 8.
            node.fields.reserveCapacity(WireNode.typicalFieldCount)
        }
        return KeyedEncodingContainer(KeyedWireEncoder<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.kind != .array { node.kind = .array }
        return UnkeyedWireEncoder(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueWireEncoder(node: node, codingPath: codingPath)
    }

    /// Encodes any value: a scalar as its text, anything else into a fresh node.
    static func box<T: Encodable>(_ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws -> WireValue {
        if let text = scalarText(value) { return .text(text) }
        let node = WireNode()
        try value.encode(to: WireEncoder(node: node, codingPath: codingPath()))
        return .node(node)
    }

    /// The wire text of the scalar types that need special handling, or nil for other types.
    static func scalarText<T: Encodable>(_ value: T) -> String? {
        // Compare metatypes first (cheap) and cast only on a match: a dynamic cast per candidate type
        // costs more than encoding a small struct, and most values here are nested structs.
        if T.self == String.self { return value as? String }
        if T.self == Date.self, let date = value as? Date { return AlipayPlusTimestamp.string(from: date, precision: .millisecondsWhenNonZero) }
        if T.self == URL.self { return (value as? URL)?.absoluteString }
        if T.self == Decimal.self { return (value as? Decimal)?.description }
        if T.self == Bool.self { return (value as? Bool).map { $0 ? "true" : "false" } }
        return nil
    }
}

private struct KeyedWireEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: WireNode
    let codingPath: [any CodingKey]

    private func set(_ text: String, _ key: Key) { node.fields.append((key.stringValue, .text(text))) }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(value ? "true" : "false", key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(value.description, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(value.description, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(String(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.fields.append((key.stringValue, try WireEncoder.box(value, codingPath: codingPath + [key])))
    }

    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value, !value.isEmpty { set(value, key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { set(value ? "true" : "false", key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { set(String(value), key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { set(String(value), key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        guard let value else { return }
        let child = try WireEncoder.box(value, codingPath: codingPath + [key])
        if !child.isEmpty { node.fields.append((key.stringValue, child)) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = WireNode()
        child.kind = .object
        node.fields.append((key.stringValue, .node(child)))
        return KeyedEncodingContainer(KeyedWireEncoder<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = WireNode()
        child.kind = .array
        node.fields.append((key.stringValue, .node(child)))
        return UnkeyedWireEncoder(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let child = WireNode()
        node.fields.append(("super", .node(child)))
        return WireEncoder(node: child, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = WireNode()
        node.fields.append((key.stringValue, .node(child)))
        return WireEncoder(node: child, codingPath: codingPath + [key])
    }
}

/// Index key used in coding paths of array elements.
struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ index: Int) { intValue = index; stringValue = "[\(index)]" }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.init(intValue) }
}

private struct UnkeyedWireEncoder: UnkeyedEncodingContainer {
    let node: WireNode
    let codingPath: [any CodingKey]
    var count: Int { node.items.count }

    private func add(_ text: String) { node.items.append(.text(text)) }

    mutating func encodeNil() throws { node.items.append(.node(WireNode())) }
    mutating func encode(_ value: Bool) throws { add(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { add(value) }
    mutating func encode(_ value: Double) throws { add(value.description) }
    mutating func encode(_ value: Float) throws { add(value.description) }
    mutating func encode(_ value: Int) throws { add(String(value)) }
    mutating func encode(_ value: Int8) throws { add(String(value)) }
    mutating func encode(_ value: Int16) throws { add(String(value)) }
    mutating func encode(_ value: Int32) throws { add(String(value)) }
    mutating func encode(_ value: Int64) throws { add(String(value)) }
    mutating func encode(_ value: UInt) throws { add(String(value)) }
    mutating func encode(_ value: UInt8) throws { add(String(value)) }
    mutating func encode(_ value: UInt16) throws { add(String(value)) }
    mutating func encode(_ value: UInt32) throws { add(String(value)) }
    mutating func encode(_ value: UInt64) throws { add(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.items.append(try WireEncoder.box(value, codingPath: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = WireNode()
        child.kind = .object
        node.items.append(.node(child))
        return KeyedEncodingContainer(KeyedWireEncoder<NestedKey>(node: child, codingPath: codingPath + [IndexKey(count - 1)]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = WireNode()
        child.kind = .array
        node.items.append(.node(child))
        return UnkeyedWireEncoder(node: child, codingPath: codingPath + [IndexKey(count - 1)])
    }

    mutating func superEncoder() -> any Encoder {
        let child = WireNode()
        node.items.append(.node(child))
        return WireEncoder(node: child, codingPath: codingPath + [IndexKey(count - 1)])
    }
}

private struct SingleValueWireEncoder: SingleValueEncodingContainer {
    let node: WireNode
    let codingPath: [any CodingKey]

    private func set(_ text: String) { node.kind = .string; node.text = text }

    mutating func encodeNil() throws { node.kind = .unset }
    mutating func encode(_ value: Bool) throws { set(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { set(value) }
    mutating func encode(_ value: Double) throws { set(value.description) }
    mutating func encode(_ value: Float) throws { set(value.description) }
    mutating func encode(_ value: Int) throws { set(String(value)) }
    mutating func encode(_ value: Int8) throws { set(String(value)) }
    mutating func encode(_ value: Int16) throws { set(String(value)) }
    mutating func encode(_ value: Int32) throws { set(String(value)) }
    mutating func encode(_ value: Int64) throws { set(String(value)) }
    mutating func encode(_ value: UInt) throws { set(String(value)) }
    mutating func encode(_ value: UInt8) throws { set(String(value)) }
    mutating func encode(_ value: UInt16) throws { set(String(value)) }
    mutating func encode(_ value: UInt32) throws { set(String(value)) }
    mutating func encode(_ value: UInt64) throws { set(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let text = WireEncoder.scalarText(value) { set(text); return }
        try value.encode(to: WireEncoder(node: node, codingPath: codingPath))
    }
}
