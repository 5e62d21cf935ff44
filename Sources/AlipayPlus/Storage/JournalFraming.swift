import Foundation

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), table-driven. Check value of
/// "123456789" is 0xCBF43926.
enum JournalCRC32 {
    static let table: [UInt32] = (0..<256).map { index -> UInt32 in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
        return crc
    }

    /// Continues a CRC over `bytes`; start with `0` and feed successive chunks.
    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var value = ~crc
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8)
            }
        }
        return ~value
    }

    static func checksum<C: ContiguousBytes>(_ bytes: C) -> UInt32 {
        bytes.withUnsafeBytes { update(0, $0) }
    }
}

/// The on-disk record format shared by the log and the snapshot.
///
/// ```
/// offset size
///  0     2    magic 0xA7 0x4A
///  2     1    format version (1)
///  3     1    kind: 1 = one entry, 2 = batch of entries, 3 = snapshot
///  4     4    payload length, UInt32 little-endian
///  8     4    CRC-32 of bytes 0..<8 followed by the payload, UInt32 little-endian
/// 12     n    payload: JSON (an entry, an array of entries, or a snapshot object)
/// ```
/// The checksum also covers the header (magic, version, kind, length), so a flipped bit there is
/// caught as well as one in the payload.
enum JournalFraming {
    static let magic0: UInt8 = 0xA7
    static let magic1: UInt8 = 0x4A
    static let version: UInt8 = 1
    static let headerSize = 12
    /// The default record limit, shared by the writer (which refuses to frame a larger payload) and
    /// the reader (which treats a larger length as damage). At most `UInt32.max`, the length field.
    static let maximumPayloadSize = 1 << 30

    /// `limit` made safe for the 32-bit length field.
    static func clampedLimit(_ limit: Int) -> Int { min(max(limit, 0), Int(UInt32.max)) }

    enum Kind: UInt8 {
        case entry = 1
        case batch = 2
        case snapshot = 3
    }

    /// Frames `payload` as one record.
    ///
    /// - Throws: ``JournalError`` `.recordTooLarge` when `payload` is larger than `limit` (which the
    ///   reader would refuse) or than the 32-bit length field; nothing is framed.
    static func frame<Payload: ContiguousBytes & Collection<UInt8>>(kind: Kind, payload: Payload, limit: Int = maximumPayloadSize) throws -> [UInt8] {
        guard payload.count <= clampedLimit(limit), let length = UInt32(exactly: payload.count) else {
            throw JournalError.recordTooLarge(size: payload.count, limit: clampedLimit(limit))
        }
        var out = [UInt8]()
        out.reserveCapacity(headerSize + payload.count)
        out.append(magic0)
        out.append(magic1)
        out.append(version)
        out.append(kind.rawValue)
        appendLittleEndian(length, to: &out)
        var crc = out.withUnsafeBytes { JournalCRC32.update(0, $0) }
        crc = payload.withUnsafeBytes { JournalCRC32.update(crc, $0) }
        appendLittleEndian(crc, to: &out)
        out.append(contentsOf: payload)
        return out
    }

    enum Parsed {
        /// A whole, checksummed record; `end` is the offset just past it.
        case record(kind: Kind, payload: Range<Int>, end: Int)
        /// No valid record starts here; `reason` says why.
        case invalid(reason: String)
    }

    /// Parses the record that starts at `offset` in `bytes`.
    static func parse(_ bytes: UnsafeRawBufferPointer, at offset: Int, limit: Int = maximumPayloadSize) -> Parsed {
        let remaining = bytes.count - offset
        guard remaining >= headerSize else {
            return .invalid(reason: "record header cut short by end of file (\(remaining) of \(headerSize) bytes)")
        }
        guard bytes[offset] == magic0, bytes[offset + 1] == magic1 else {
            return .invalid(reason: String(format: "bad magic 0x%02X%02X", bytes[offset], bytes[offset + 1]))
        }
        guard bytes[offset + 2] == version else {
            return .invalid(reason: "unsupported record version \(bytes[offset + 2])")
        }
        guard let kind = Kind(rawValue: bytes[offset + 3]) else {
            return .invalid(reason: "unknown record kind \(bytes[offset + 3])")
        }
        let length = Int(readLittleEndian(bytes, at: offset + 4))
        guard length <= clampedLimit(limit) else {
            return .invalid(reason: "payload length \(length) exceeds the maximum \(clampedLimit(limit))")
        }
        guard length <= remaining - headerSize else {
            return .invalid(reason: "payload length \(length) runs past end of file (\(remaining - headerSize) bytes remain)")
        }
        let stored = readLittleEndian(bytes, at: offset + 8)
        let payloadStart = offset + headerSize
        var computed = JournalCRC32.update(0, UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 8)]))
        computed = JournalCRC32.update(computed, UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(payloadStart + length)]))
        guard computed == stored else {
            return .invalid(reason: String(format: "CRC mismatch (stored 0x%08X, computed 0x%08X)", stored, computed))
        }
        return .record(kind: kind, payload: payloadStart..<(payloadStart + length), end: payloadStart + length)
    }

    /// The offset of the first whole, checksummed record that starts after `offset`, if any.
    ///
    /// Used to tell a torn tail (nothing valid follows: a crash cut the last write) from damage in
    /// the middle (valid records follow: dropping would lose acknowledged data).
    static func firstValidRecord(in bytes: UnsafeRawBufferPointer, after offset: Int, limit: Int = maximumPayloadSize) -> Int? {
        var position = offset + 1
        while position + headerSize <= bytes.count {
            if bytes[position] == magic0, bytes[position + 1] == magic1,
               case .record = parse(bytes, at: position, limit: limit) {
                return position
            }
            position += 1
        }
        return nil
    }

    private static func appendLittleEndian(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    private static func readLittleEndian(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
