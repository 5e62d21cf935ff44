package import Foundation
internal import CAlipayPlusOpenSSL

/// SHA-256 digests, for diagnostics and deduplication keys.
package enum SHA256Digest {
    /// The lowercase hex of the SHA-256 digest of `data`.
    package static func hex(of data: some DataProtocol) -> String {
        sha256Hex(data)
    }
}

/// Hex of the SHA-256 digest of `data`.
func sha256Hex(_ data: some DataProtocol) -> String {
    let bytes = [UInt8](data)
    var digest = [UInt8](repeating: 0, count: 32)
    let ok = OpenSSLErrors.isolated {
        bytes.withUnsafeBufferPointer { input in
            calipayplus_sha256(sharedSHA256, input.baseAddress, input.count, &digest)
        }
    }
    guard ok == 1 else { return "(sha-256 unavailable)" }
    let hexDigits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(64)
    for byte in digest {
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
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
