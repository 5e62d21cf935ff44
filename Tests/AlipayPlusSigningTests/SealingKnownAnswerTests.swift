@testable import AlipayPlusSigning
import Foundation
import XCTest

/// Pins the shim's use of EVP against published vectors, so a change of OpenSSL call, parameter or
/// buffer handling cannot go unnoticed: AES-256-GCM (NIST CAVP gcmEncryptExtIV256 and the GCM
/// specification's test cases), HMAC-SHA-256 (RFC 4231) and HKDF-SHA-256 (RFC 5869). The sealed
/// string and lookup hash formats are pinned against values computed by an independent
/// implementation (Python `cryptography`) from the documented layout.
final class SealingKnownAnswerTests: XCTestCase {
    private struct GCMVector {
        let name: String
        let key: String
        let iv: String
        let plaintext: String
        let aad: String
        let ciphertext: String
        let tag: String
    }

    /// 256-bit key, 96-bit IV, 128-bit tag. CAVP vectors are Count = 0 of their section; test cases
    /// 17 and 18 of the GCM specification use 64- and 480-bit IVs, which the sealing layer never
    /// uses (its nonces are always 96 bits), so they are left out.
    private let gcmVectors = [
        GCMVector(name: "CAVP gcmEncryptExtIV256 PTlen=0 AADlen=0",
                  key: "b52c505a37d78eda5dd34f20c22540ea1b58963cf8e5bf8ffa85f9f2492505b4", iv: "516c33929df5a3284ff463d7",
                  plaintext: "", aad: "", ciphertext: "", tag: "bdc1ac884d332457a1d2664f168c76f0"),
        GCMVector(name: "CAVP gcmEncryptExtIV256 PTlen=0 AADlen=128",
                  key: "78dc4e0aaf52d935c3c01eea57428f00ca1fd475f5da86a49c8dd73d68c8e223", iv: "d79cf22d504cc793c3fb6c8a",
                  plaintext: "", aad: "b96baa8c1c75a671bfb2d08d06be5f36", ciphertext: "", tag: "3e5d486aa2e30b22e040b85723a06e76"),
        GCMVector(name: "CAVP gcmEncryptExtIV256 PTlen=128 AADlen=0",
                  key: "31bdadd96698c204aa9ce1448ea94ae1fb4a9a0b3c9d773b51bb1822666b8f22", iv: "0d18e06c7c725ac9e362e1ce",
                  plaintext: "2db5168e932556f8089a0622981d017d", aad: "",
                  ciphertext: "fa4362189661d163fcd6a56d8bf0405a", tag: "d636ac1bbedd5cc3ee727dc2ab4a9489"),
        GCMVector(name: "CAVP gcmEncryptExtIV256 PTlen=128 AADlen=128",
                  key: "92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b", iv: "ac93a1a6145299bde902f21a",
                  plaintext: "2d71bcfa914e4ac045b2aa60955fad24", aad: "1e0889016f67601c8ebea4943bc23ad6",
                  ciphertext: "8995ae2e6df3dbf96fac7b7137bae67f", tag: "eca5aa77d51d4a0a14d9c51e1da474ab"),
        GCMVector(name: "GCM spec test case 13 (empty)",
                  key: String(repeating: "00", count: 32), iv: String(repeating: "00", count: 12),
                  plaintext: "", aad: "", ciphertext: "", tag: "530f8afbc74536b9a963b4f1c4cb738b"),
        GCMVector(name: "GCM spec test case 14 (one zero block)",
                  key: String(repeating: "00", count: 32), iv: String(repeating: "00", count: 12),
                  plaintext: String(repeating: "00", count: 16), aad: "",
                  ciphertext: "cea7403d4d606b6e074ec5d3baf39d18", tag: "d0d1c8a799996bf0265b98b5d48ab919"),
        GCMVector(name: "GCM spec test case 15 (four blocks)",
                  key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", iv: "cafebabefacedbaddecaf888",
                  plaintext: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                      + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
                  aad: "",
                  ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                      + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
                  tag: "b094dac5d93471bdec1a502270e3cc6c"),
        GCMVector(name: "GCM spec test case 16 (partial block, AAD)",
                  key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", iv: "cafebabefacedbaddecaf888",
                  plaintext: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                      + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
                  aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                  ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                      + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                  tag: "76fc6ece0f4e1768cddf8853bb2d551b"),
    ]

    func testAES256GCMEncryptionMatchesPublishedVectors() throws {
        for vector in gcmVectors {
            let plaintext = SealingFixtures.hex(vector.plaintext)
            var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
            var tag = [UInt8](repeating: 0, count: 16)
            try SealingFixtures.hex(vector.key).withUnsafeBytes { key in
                try SealingFixtures.hex(vector.iv).withUnsafeBytes { iv in
                    try SealingFixtures.hex(vector.aad).withUnsafeBytes { aad in
                        try plaintext.withUnsafeBytes { input in
                            try ciphertext.withUnsafeMutableBytes { output in
                                try tag.withUnsafeMutableBytes { tagOutput in
                                    try AES256GCM.seal(key: key, nonce: iv, associatedData: aad, plaintext: input,
                                                       ciphertext: output, tag: tagOutput)
                                }
                            }
                        }
                    }
                }
            }
            XCTAssertEqual(SealingFixtures.hexString(ciphertext), vector.ciphertext, vector.name)
            XCTAssertEqual(SealingFixtures.hexString(tag), vector.tag, vector.name)
        }
    }

    func testAES256GCMDecryptionMatchesPublishedVectorsAndRefusesAChangedTagOrAAD() throws {
        for vector in gcmVectors {
            XCTAssertEqual(try gcmOpen(vector, tag: SealingFixtures.hex(vector.tag), aad: SealingFixtures.hex(vector.aad)).map(SealingFixtures.hexString), vector.plaintext, vector.name)
            var badTag = SealingFixtures.hex(vector.tag)
            badTag[15] ^= 0x01
            XCTAssertNil(try gcmOpen(vector, tag: badTag, aad: SealingFixtures.hex(vector.aad)), "flipped tag bit accepted: \(vector.name)")
            XCTAssertNil(try gcmOpen(vector, tag: SealingFixtures.hex(vector.tag), aad: SealingFixtures.hex(vector.aad) + [0x00]), "longer AAD accepted: \(vector.name)")
        }
    }

    private func gcmOpen(_ vector: GCMVector, tag: [UInt8], aad: [UInt8]) throws -> [UInt8]? {
        let ciphertext = SealingFixtures.hex(vector.ciphertext)
        var plaintext = [UInt8](repeating: 0xAA, count: ciphertext.count)
        let ok = try SealingFixtures.hex(vector.key).withUnsafeBytes { key in
            try SealingFixtures.hex(vector.iv).withUnsafeBytes { iv in
                try aad.withUnsafeBytes { aad in
                    try ciphertext.withUnsafeBytes { input in
                        try tag.withUnsafeBytes { tag in
                            try plaintext.withUnsafeMutableBytes { output in
                                try AES256GCM.open(key: key, nonce: iv, associatedData: aad, ciphertext: input, tag: tag, plaintext: output)
                            }
                        }
                    }
                }
            }
        }
        if !ok { XCTAssertTrue(plaintext.allSatisfy { $0 == 0 }, "unverified plaintext was not wiped: \(vector.name)") }
        return ok ? plaintext : nil
    }

    // MARK: - HMAC-SHA-256 (RFC 4231 §4)

    func testHMACSHA256MatchesRFC4231() throws {
        let aaaa131 = [UInt8](repeating: 0xaa, count: 131)
        let cases: [(name: String, key: [UInt8], data: [UInt8], mac: String)] = [
            ("test case 1", [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            ("test case 2", Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            ("test case 3", [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
             "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            ("test case 4", Array(1...25), [UInt8](repeating: 0xcd, count: 50),
             "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            ("test case 6", aaaa131, Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            ("test case 7", aaaa131,
             Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
             "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        ]
        for testCase in cases {
            XCTAssertEqual(SealingFixtures.hexString(try hmac(key: testCase.key, data: testCase.data)), testCase.mac, testCase.name)
        }
        // Test case 5 is truncated to 128 bits.
        let truncated = try hmac(key: [UInt8](repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8))
        XCTAssertEqual(SealingFixtures.hexString(Array(truncated.prefix(16))), "a3b6167473100ee06e0c796c2955552b")
    }

    private func hmac(key: [UInt8], data: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        try key.withUnsafeBytes { key in
            try data.withUnsafeBytes { data in
                try output.withUnsafeMutableBytes { try KeyedHashing.hmacSHA256(key: key, data: data, into: $0) }
            }
        }
        return output
    }

    // MARK: - HKDF-SHA-256 (RFC 5869 appendix A)

    func testHKDFSHA256MatchesRFC5869() throws {
        let ikm = [UInt8](repeating: 0x0b, count: 22)
        XCTAssertEqual(SealingFixtures.hexString(try hkdf(ikm, salt: Array(0x00...0x0c), info: Array(0xf0...0xf9), count: 42)),
                       "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", "A.1")
        XCTAssertEqual(SealingFixtures.hexString(try hkdf(ikm, salt: [], info: [], count: 42)),
                       "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8", "A.3 (no salt, no info)")
    }

    private func hkdf(_ ikm: [UInt8], salt: [UInt8], info: [UInt8], count: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        try ikm.withUnsafeBytes { ikm in
            try salt.withUnsafeBytes { salt in
                try info.withUnsafeBytes { info in
                    try output.withUnsafeMutableBytes { try KeyedHashing.hkdfSHA256(key: ikm, salt: salt, info: info, into: $0) }
                }
            }
        }
        return output
    }

    // MARK: - The library's own formats

    /// Values computed by Python `cryptography` 48 from the layout in `SealedSecret`'s and
    /// `TokenKeyRing.lookupHash(of:)`'s documentation: key 00 01 … 1f under id `k1`.
    func testTheSealedStringAndLookupHashFormatsStayAsDocumented() throws {
        let ring = try TokenKeyRing(keyId: "k1", key: Array(0..<32) as [UInt8])
        let plaintext = Array("AT-golden-token".utf8)
        let sealed = try plaintext.withUnsafeBytes {
            try ring.seal($0, associatedData: "binding/B-1/accessToken", key: ring.sealing, nonce: SealingFixtures.hex("cafebabefacedbaddecaf888"))
        }
        XCTAssertEqual(sealed.stringRepresentation, "aps1.k1.mmyFzcr-ur76ztut3sr4iMv3jUHFFit-KCYpshB45zIxDzi8VqxZKy5fwt2SAdA")
        XCTAssertEqual(try ring.open(sealed, associatedData: "binding/B-1/accessToken"), "AT-golden-token")
        XCTAssertEqual(try ring.lookupHash(of: "AT-golden-token").stringRepresentation, "aph1.k1.aVMKzC8gTw-YHQYGZoBy-tx6t_VnzCm4pw8_OC_J3W4")
    }
}
