import AlipayPlusSigning
import Foundation
import XCTest

/// Loading a key ring from text, a file and the environment, and every way that text can be wrong.
final class SealingKeyRingLoadingTests: XCTestCase {
    private let a = SealingFixtures.base64(SealingFixtures.keyA)
    private let b = SealingFixtures.base64(SealingFixtures.keyB)
    private let c = SealingFixtures.base64(SealingFixtures.keyC)

    func testKeyRingTextFormsAndWhichKeySeals() throws {
        let table: [(text: String, ids: [String], sealing: String)] = [
            ("k1:\(a)", ["k1"], "k1"),
            ("k1:\(a),k2:\(b)", ["k1", "k2"], "k2"),
            ("k1:\(a),k2:\(b),k3:\(c)", ["k1", "k2", "k3"], "k3"),
            ("*k1:\(a),k2:\(b)", ["k1", "k2"], "k1"),
            ("k1:\(a),*k2:\(b),k3:\(c)", ["k1", "k2", "k3"], "k2"),
            ("  k1 : \(a) ,\tk2:\(b)  ", ["k1", "k2"], "k2"),
            ("k1:\(a)\nk2:\(b)\n", ["k1", "k2"], "k2"),
            ("# token keys, newest last\r\nk1:\(a)\r\n\r\nk2:\(b) # added 2025-01\r\n", ["k1", "k2"], "k2"),
            ("k1:\(a),,k2:\(b),", ["k1", "k2"], "k2"),
            ("k1:\(a.dropLast())", ["k1"], "k1"), // padding is optional
        ]
        for row in table {
            let ring = try TokenKeyRing(text: row.text)
            XCTAssertEqual(ring.keyIds, row.ids, row.text)
            XCTAssertEqual(ring.sealingKeyId, row.sealing, row.text)
        }
    }

    func testATextRingOpensWhatTheSameBytesSealed() throws {
        let fromText = try TokenKeyRing(text: "k1:\(a),k2:\(b)")
        let sealed = try SealingFixtures.twoKeyRing().seal("AT-same-keys", associatedData: "x")
        XCTAssertEqual(try fromText.open(sealed, associatedData: "x"), "AT-same-keys")
        XCTAssertEqual(try fromText.lookupHash(of: "AT-same-keys"), try SealingFixtures.twoKeyRing().lookupHash(of: "AT-same-keys"))
    }

    func testBadKeyRingTextIsRefusedNamingTheEntryButNeverItsKey() throws {
        let short = Data(repeating: 9, count: 16).base64EncodedString()
        let table: [(text: String, code: SealingError.Code, phrase: String)] = [
            ("", .badKeyRingText, "holds no key"),
            ("  ,\n# only a comment\n", .badKeyRingText, "holds no key"),
            (a, .badKeyRingText, "entry 1 has no ':'"),
            ("k1:\(a),\(b)", .badKeyRingText, "entry 2 has no ':'"),
            ("\(a):k1", .invalidKeyId, "entry 1: a key id must be 1 to 32 characters"),
            (":\(a)", .invalidKeyId, "entry 1: a key id must be 1 to 32 characters"),
            ("k1:", .badKeyLength, "key 'k1' is 0 bytes"),
            ("k1:\(short)", .badKeyLength, "key 'k1' is 16 bytes; token keys are exactly 32 bytes"),
            ("k1:\(a)\(a)", .badKeyRingText, "entry 1 (key 'k1'): the key is not standard base64"),
            ("k1:\(a.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "E", with: "-"))", .badKeyRingText, "not standard base64"),
            ("k1:\(a.prefix(20)) \(a.dropFirst(20))", .badKeyRingText, "not standard base64"),
            // Decodes to 32 bytes but its last digit carries stray bits: refused after the key buffer was
            // allocated, which must then be wiped and freed exactly once.
            ("k1:\(a.dropLast(2))F=", .badKeyRingText, "entry 1 (key 'k1'): the key is not canonical standard base64"),
            ("k1:\(a),k1:\(b)", .duplicateKeyId, "holds key id 'k1' twice"),
            ("*k1:\(a),*k2:\(b)", .badKeyRingText, "entry 2 (key 'k2') is the second entry marked '*'"),
            (String(repeating: "k1:\(a),", count: 2000), .badKeyRingText, "more than 65536"),
        ]
        for row in table {
            XCTAssertThrowsError(try TokenKeyRing(text: row.text), row.text) { error in
                guard let error = error as? SealingError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.code, row.code, "\(row.text): \(error)")
                XCTAssertTrue(error.description.contains(row.phrase), "'\(error.description)' lacks '\(row.phrase)'")
                for secret in [a, String(a.prefix(12)), b, String(b.prefix(12)), short] {
                    XCTAssertFalse(error.description.contains(secret), "key text in error: \(error)")
                }
            }
        }
    }

    // MARK: - Files

    private func keyFile(_ contents: String, mode: Int) throws -> String {
        let url = try Fixtures.temporaryDirectory(for: self).appendingPathComponent("token-keys")
        try Data(contents.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    func testAnOwnerOnlyKeyFileLoads() throws {
        let path = try keyFile("# production token keys\nk1:\(a)\nk2:\(b)\n", mode: 0o600)
        let ring = try TokenKeyRing(contentsOfFile: path)
        XCTAssertEqual(ring.keyIds, ["k1", "k2"])
        XCTAssertEqual(try TokenKeyRing(contentsOfFile: try keyFile("k1:\(a)", mode: 0o400)).keyIds, ["k1"])
    }

    func testAKeyFileOthersCanReadIsRefusedUnlessTheCheckIsWaived() throws {
        for mode in [0o644, 0o640, 0o604, 0o660, 0o602] {
            let path = try keyFile("k1:\(a)", mode: mode)
            SealingFixtures.assertRefused(.insecureKeyFile, "has mode \(String(mode, radix: 8))") { try TokenKeyRing(contentsOfFile: path) }
            SealingFixtures.assertRefused(.insecureKeyFile, "chmod 600") { try TokenKeyRing(contentsOfFile: path) }
            XCTAssertEqual(try TokenKeyRing(contentsOfFile: path, permissions: .unchecked).keyIds, ["k1"])
        }
    }

    func testKeyFileErrorsNameThePath() throws {
        let directory = try Fixtures.temporaryDirectory(for: self)
        let missing = directory.appendingPathComponent("absent").path
        XCTAssertThrowsError(try TokenKeyRing(contentsOfFile: missing)) { error in
            XCTAssertEqual((error as? SealingError)?.code, .keyRingUnavailable)
            XCTAssertEqual((error as? SealingError)?.source, missing)
            XCTAssertTrue("\(error)".contains(missing), "\(error)")
            XCTAssertEqual(((error as? SealingError)?.underlyingError as? POSIXError)?.code, .ENOENT)
        }
        SealingFixtures.assertRefused(.keyRingUnavailable, "not a regular file") { try TokenKeyRing(contentsOfFile: directory.path, permissions: .unchecked) }
        let bad = try keyFile("k1:\(b.prefix(20))", mode: 0o600)
        XCTAssertThrowsError(try TokenKeyRing(contentsOfFile: bad)) { error in
            XCTAssertEqual((error as? SealingError)?.code, .badKeyLength)
            XCTAssertEqual((error as? SealingError)?.source, bad)
            XCTAssertFalse("\(error)".contains(b.prefix(20)))
        }
    }

    func testASymlinkedKeyFileIsJudgedByTheFileItPointsTo() throws {
        let target = try keyFile("k1:\(a)", mode: 0o600)
        let link = URL(fileURLWithPath: target).deletingLastPathComponent().appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        XCTAssertEqual(try TokenKeyRing(contentsOfFile: link).keyIds, ["k1"])
    }

    // MARK: - Environment

    func testAKeyRingLoadsFromAnEnvironmentDictionary() throws {
        let ring = try TokenKeyRing(environmentVariable: "TOKEN_KEYS", in: ["TOKEN_KEYS": "k1:\(a),k2:\(b)"])
        XCTAssertEqual(ring.keyIds, ["k1", "k2"])
        XCTAssertEqual(ring.sealingKeyId, "k2")
        for environment in [[:], ["TOKEN_KEYS": ""], ["TOKEN_KEYS": "  "], ["OTHER": "k1:\(a)"]] {
            XCTAssertThrowsError(try TokenKeyRing(environmentVariable: "TOKEN_KEYS", in: environment)) { error in
                XCTAssertEqual((error as? SealingError)?.code, .keyRingUnavailable)
                XCTAssertEqual((error as? SealingError)?.source, "environment variable TOKEN_KEYS")
                XCTAssertTrue("\(error)".contains("openssl rand -base64 32"), "\(error)")
            }
        }
        XCTAssertThrowsError(try TokenKeyRing(environmentVariable: "TOKEN_KEYS", in: ["TOKEN_KEYS": "k1:\(b.dropFirst(4))"])) { error in
            XCTAssertEqual((error as? SealingError)?.code, .badKeyLength)
            XCTAssertTrue("\(error)".contains("environment variable TOKEN_KEYS"))
            XCTAssertFalse("\(error)".contains(b.dropFirst(4).prefix(12)))
        }
    }

    func testAKeyRingLoadsFromTheProcessEnvironment() throws {
        let name = "ALIPAYPLUS_SEALING_TEST_\(UUID().uuidString.prefix(8))"
        setenv(name, "*k1:\(a)\nk2:\(b)", 1)
        defer { unsetenv(name) }
        let ring = try TokenKeyRing(environmentVariable: name)
        XCTAssertEqual(ring.keyIds, ["k1", "k2"])
        XCTAssertEqual(ring.sealingKeyId, "k1")
        SealingFixtures.assertRefused(.keyRingUnavailable, "\(name)X is not set") { try TokenKeyRing(environmentVariable: name + "X") }
        XCTAssertEqual(TokenKeyRing.defaultEnvironmentVariable, "ALIPAYPLUS_TOKEN_KEYS")
    }
}
