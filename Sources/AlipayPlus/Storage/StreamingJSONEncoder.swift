import Foundation

/// Writes an `Encodable` value as JSON straight into one byte buffer, with the meaning Foundation's
/// `JSONEncoder` gives it under its default options: dates as seconds since 2001 (their own
/// `encode(to:)`), `Data` as base64, URLs as their absolute string, `nil` optionals left out,
/// `encodeNil` as `null`, a nested value that encodes nothing as `{}`. Keys keep the order they were
/// encoded in.
///
/// No tree is built: each container writes its elements as they come and is closed when the value
/// that opened it returns, so a value must fill its containers in order, the way synthesized
/// conformances do. One that goes back to a container it left (or asks for a super encoder) gets
/// ``OutOfOrder`` at the end and should be encoded by `JSONEncoder` instead (``JournalRecordEncoder``
/// does that). `codingPath` is always empty: errors are for the fallback to report, with full paths.
enum StreamingJSONEncoder {
    /// The value used its containers in an order a stream cannot write.
    struct OutOfOrder: Error {}

    /// The JSON of `value`.
    ///
    /// - Throws: ``OutOfOrder``; ``JSONByteWriter/Unrepresentable`` for a non-finite number; whatever
    ///   the value's `encode(to:)` throws; `EncodingError` when the value encodes nothing.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let stream = JSONStream()
        try stream.encodeValue(value, level: 0, isTopLevel: true)
        guard !stream.outOfOrder else { throw OutOfOrder() }
        return stream.writer.bytes
    }
}

/// What one encoding's encoders and containers share: the output and the containers still open.
final class JSONStream {
    private struct OpenContainer {
        let id: Int
        let isObject: Bool
        var hasElements = false
    }

    /// Never accessed from two places at once (one thread, no overlapping access), so the runtime's
    /// exclusivity check on every append is skipped.
    @exclusivity(unchecked) var writer = JSONByteWriter(capacity: 512)
    /// Set when a value used its containers out of order; the output is then not to be used.
    var outOfOrder = false
    /// Open containers, outermost first.
    @exclusivity(unchecked) private var open: [OpenContainer] = []
    private var nextId = 0

    var openCount: Int { open.count }

    /// Writes `value` where the stream stands; `level` is the number of containers open around it. A
    /// nested value that writes nothing is written `{}`; the whole value writing nothing is an error.
    func encodeValue<T: Encodable>(_ value: T, level: Int, isTopLevel: Bool = false) throws {
        if T.self == String.self, let text = value as? String { return writer.append(string: text) }
        if T.self == Data.self, let data = value as? Data { return writer.append(string: data.base64EncodedString()) }
        if T.self == URL.self, let url = value as? URL { return writer.append(string: url.absoluteString) }
        if T.self == Decimal.self, let decimal = value as? Decimal {
            guard decimal.isFinite else { throw JSONByteWriter.Unrepresentable() }
            return writer.append(contentsOf: decimal.description.utf8)
        }
        let start = writer.bytes.count
        try value.encode(to: StreamEncoder(stream: self, level: level, start: start))
        closeContainers(from: level)
        guard writer.bytes.count == start else { return }
        guard !isTopLevel else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(T.self) did not encode any values"))
        }
        writer.append(literal: "{}")
    }

    /// Opens a container at `level` (writing `{` or `[`) and returns its id.
    func openContainer(isObject: Bool) -> Int {
        nextId += 1
        open.append(OpenContainer(id: nextId, isObject: isObject))
        writer.append(isObject ? 0x7B : 0x5B)
        return nextId
    }

    /// The id of the container open at `level` when it is of the kind asked for, else nil.
    func containerOpen(at level: Int, isObject: Bool) -> Int? {
        guard level >= 0, level < open.count, open[level].isObject == isObject else { return nil }
        return open[level].id
    }

    /// Closes every container at `level` and deeper, writing their `}` or `]`.
    func closeContainers(from level: Int) {
        while open.count > level {
            writer.append(open.removeLast().isObject ? 0x7D : 0x5D)
        }
    }

    /// Starts the next element of container `id` at `level`: closes the containers its last element
    /// left open and writes the separator. Marks the stream out of order and throws when that
    /// container was closed already.
    func beginElement(of id: Int, at level: Int) throws {
        guard level >= 0, level < open.count, open[level].id == id else {
            outOfOrder = true
            throw StreamingJSONEncoder.OutOfOrder()
        }
        closeContainers(from: level + 1)
        if open[level].hasElements { writer.append(0x2C) } else { open[level].hasElements = true }
    }

    /// ``beginElement(of:at:)`` followed by `"key":`.
    func beginField(_ key: some CodingKey, of id: Int, at level: Int) throws {
        try beginElement(of: id, at: level)
        writer.append(string: key.stringValue)
        writer.append(0x3A)
    }
}

/// The `Encoder` handed to each value's `encode(to:)`: where the value starts in the stream.
private struct StreamEncoder: Encoder {
    let stream: JSONStream
    /// Containers open around the value.
    let level: Int
    /// The output's length when the value started.
    let start: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The id of this value's container of the given kind, opened now or earlier; nil (and the stream
    /// marked out of order) when the value already wrote something else.
    private func container(isObject: Bool) -> Int? {
        if stream.openCount == level, stream.writer.bytes.count == start {
            return stream.openContainer(isObject: isObject)
        }
        if let id = stream.containerOpen(at: level, isObject: isObject) {
            stream.closeContainers(from: level + 1)
            return id
        }
        stream.outOfOrder = true
        return nil
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(StreamKeyedContainer<Key>(stream: stream, id: container(isObject: true) ?? 0, level: level))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        StreamUnkeyedContainer(stream: stream, id: container(isObject: false) ?? 0, level: level)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamSingleValueContainer(stream: stream, level: level, start: start)
    }
}

private struct StreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let stream: JSONStream
    /// The container's id in the stream (0: none, every write throws).
    let id: Int
    /// Where it is among the open containers.
    let level: Int
    var codingPath: [any CodingKey] { [] }

    private func field(_ key: Key) throws { try stream.beginField(key, of: id, at: level) }

    mutating func encodeNil(forKey key: Key) throws { try field(key); stream.writer.append(literal: "null") }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try field(key)
        value ? stream.writer.append(literal: "true") : stream.writer.append(literal: "false")
    }
    mutating func encode(_ value: String, forKey key: Key) throws { try field(key); stream.writer.append(string: value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try field(key); try stream.writer.append(number: value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try field(key); try stream.writer.append(number: value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try field(key); stream.writer.append(integer: value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try field(key)
        try stream.encodeValue(value, level: level + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = (try? field(key)).map { stream.openContainer(isObject: true) } ?? 0
        return KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(stream: stream, id: nested, level: level + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = (try? field(key)).map { stream.openContainer(isObject: false) } ?? 0
        return StreamUnkeyedContainer(stream: stream, id: nested, level: level + 1)
    }

    mutating func superEncoder() -> any Encoder { StreamEncoder.refused(stream) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { StreamEncoder.refused(stream) }
}

private struct StreamUnkeyedContainer: UnkeyedEncodingContainer, StreamScalarWriter {
    let stream: JSONStream
    /// The container's id in the stream (0: none, every write throws).
    let id: Int
    /// Where it is among the open containers.
    let level: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(stream: JSONStream, id: Int, level: Int) {
        self.stream = stream
        self.id = id
        self.level = level
    }

    /// Starts the next element (after a comma when it is not the first).
    mutating func beginValue() throws {
        try stream.beginElement(of: id, at: level)
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try beginValue()
        try stream.encodeValue(value, level: level + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = (try? beginValue()).map { stream.openContainer(isObject: true) } ?? 0
        return KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(stream: stream, id: nested, level: level + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = (try? beginValue()).map { stream.openContainer(isObject: false) } ?? 0
        return StreamUnkeyedContainer(stream: stream, id: nested, level: level + 1)
    }

    mutating func superEncoder() -> any Encoder { StreamEncoder.refused(stream) }
}

private struct StreamSingleValueContainer: SingleValueEncodingContainer, StreamScalarWriter {
    let stream: JSONStream
    /// Containers open around the value.
    let level: Int
    /// The output's length when the value started.
    let start: Int
    var codingPath: [any CodingKey] { [] }

    /// Checks that nothing was written for this value yet.
    func beginValue() throws {
        guard stream.openCount == level, stream.writer.bytes.count == start else {
            stream.outOfOrder = true
            throw StreamingJSONEncoder.OutOfOrder()
        }
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try beginValue()
        try stream.encodeValue(value, level: level)
    }
}

/// What unkeyed and single-value containers share: each scalar written where the stream stands, once
/// ``beginValue()`` has checked that it may be and written what comes before it.
private protocol StreamScalarWriter {
    var stream: JSONStream { get }
    /// Checks that a value may be written now and writes what precedes it (a separator); throws
    /// ``StreamingJSONEncoder/OutOfOrder`` when it may not.
    mutating func beginValue() throws
}

extension StreamScalarWriter {
    mutating func encodeNil() throws { try beginValue(); stream.writer.append(literal: "null") }
    mutating func encode(_ value: Bool) throws {
        try beginValue()
        value ? stream.writer.append(literal: "true") : stream.writer.append(literal: "false")
    }
    mutating func encode(_ value: String) throws { try beginValue(); stream.writer.append(string: value) }
    mutating func encode(_ value: Double) throws { try beginValue(); try stream.writer.append(number: value) }
    mutating func encode(_ value: Float) throws { try beginValue(); try stream.writer.append(number: value) }
    mutating func encode(_ value: Int) throws { try beginValue(); stream.writer.append(integer: value) }
    mutating func encode(_ value: Int8) throws { try beginValue(); stream.writer.append(integer: value) }
    mutating func encode(_ value: Int16) throws { try beginValue(); stream.writer.append(integer: value) }
    mutating func encode(_ value: Int32) throws { try beginValue(); stream.writer.append(integer: value) }
    mutating func encode(_ value: Int64) throws { try beginValue(); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt) throws { try beginValue(); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt8) throws { try beginValue(); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt16) throws { try beginValue(); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt32) throws { try beginValue(); stream.writer.append(integer: value) }
    mutating func encode(_ value: UInt64) throws { try beginValue(); stream.writer.append(integer: value) }
}

extension StreamEncoder {
    /// An encoder for what a stream cannot write (a super encoder): marks the stream out of order, and
    /// every container it hands out refuses writes.
    fileprivate static func refused(_ stream: JSONStream) -> StreamEncoder {
        stream.outOfOrder = true
        return StreamEncoder(stream: stream, level: -1, start: -1)
    }
}
