package import Foundation
internal import CAlipayPlusOpenSSL

/// SHA-256 digests, for diagnostics and deduplication keys.
package enum SHA256Digest {
    /// The lowercase hex of the SHA-256 digest of `data`.
    package static func hex(of data: some DataProtocol) -> String {
        sha256Hex(data)
    }
}

/// Hex of the SHA-256 digest of `data` (read in place when contiguous, as a request body is).
func sha256Hex(_ data: some DataProtocol) -> String {
    let hex = data.withContiguousStorageIfAvailable { digestHex(UnsafeRawBufferPointer($0)) }
        ?? [UInt8](data).withUnsafeBytes { digestHex($0) }
    return hex ?? "(sha-256 unavailable)"
}

/// Lowercase hex of the SHA-256 digest of `bytes`; `nil` when libcrypto failed.
private func digestHex(_ bytes: UnsafeRawBufferPointer) -> String? {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest -> String? in
        let ok = OpenSSLErrors.isolated {
            calipayplus_sha256(sharedSHA256, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, digest.baseAddress)
        }
        guard ok == 1 else { return nil }
        return LowercaseHex.string(UnsafeRawBufferPointer(digest))
    }
}

/// Bytes written as lowercase hex, two digits per byte: digests, random tokens.
package enum LowercaseHex {
    /// The hex of `bytes`, written in place into one string.
    package static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = digit(byte >> 4)
                out[2 * index + 1] = digit(byte & 0x0f)
            }
            return 2 * bytes.count
        }
    }

    /// The lowercase hex digit (ASCII) of a value below 16.
    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// PEM armour with 64-character lines and a trailing newline.
func pemArmor(_ der: Data, label: String) -> String {
    let base64 = der.base64EncodedString()
    var text = "-----BEGIN \(label)-----\n"
    var index = base64.startIndex
    while index < base64.endIndex {
        let end = base64.index(index, offsetBy: 64, limitedBy: base64.endIndex) ?? base64.endIndex
        text += base64[index..<end]
        text += "\n"
        index = end
    }
    text += "-----END \(label)-----\n"
    return text
}
