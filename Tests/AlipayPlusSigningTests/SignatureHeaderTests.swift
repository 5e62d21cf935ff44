@testable import AlipayPlusSigning
import Foundation
import XCTest

final class SignatureHeaderTests: XCTestCase {
    /// Bytes whose base64 contains `+`, `/` and `=` padding.
    private let signature = Data([0xFB, 0xFF, 0xBF, 0x00, 0x01, 0xFE, 0x3E, 0x3F])

    func testWritesStrictPercentEncodedForm() {
        let header = SignatureHeader(keyVersion: "1", signature: signature)
        XCTAssertEqual(signature.base64EncodedString(), "+/+/AAH+Pj8=")
        XCTAssertEqual(header.headerValue, "algorithm=RSA256, keyVersion=1, signature=%2B%2F%2B%2FAAH%2BPj8%3D")
    }

    func testParsesLenientForms() throws {
        let forms = [
            "algorithm=RSA256, keyVersion=1, signature=%2B%2F%2B%2FAAH%2BPj8%3D",
            "algorithm=RSA256,keyVersion=1,signature=%2b%2f%2b%2fAAH%2bPj8%3d",
            "  signature=%2B%2F%2B%2FAAH%2BPj8%3D ,keyVersion=1 ,  algorithm=RSA256  ",
            "ALGORITHM=RSA256, KEYVERSION=1, Signature=+/+/AAH+Pj8=",
            "algorithm=RSA256, keyVersion=1, signature=-_-_AAH-Pj8",
            "algorithm=RSA256, keyVersion=1, signature=-_-_AAH-Pj8=",
            "algorithm=RSA256, keyVersion=1, signature=+/ /AAH Pj8=",
            "algorithm=RSA256, keyVersion=1, signature=\"%2B%2F%2B%2FAAH%2BPj8%3D\"",
            "keyVersion=1, signature=+/+/AAH+Pj8",
        ]
        for form in forms {
            let header = try SignatureHeader(parsing: form)
            XCTAssertEqual(header.signature, signature, form)
            XCTAssertEqual(header.keyVersion, "1", form)
            XCTAssertEqual(header.algorithm, "RSA256", form)
        }
        XCTAssertEqual(try SignatureHeader(parsing: "algorithm=RSA256, keyVersion=0, signature=AQ%3D%3D").keyVersion, "0")
    }

    func testRoundTripsRealSignatures() throws {
        let raw = try Fixtures.data("signature_pay.bin")
        let header = SignatureHeader(keyVersion: "2", signature: raw)
        XCTAssertEqual(try SignatureHeader(parsing: header.headerValue), header)
    }

    func testRejectsMalformedHeaders() {
        let cases: [(String, SignatureHeaderError.Code)] = [
            ("", .missingSignature),
            ("algorithm=RSA256, keyVersion=1", .missingSignature),
            ("algorithm=RSA256, keyVersion=1, signature=", .missingSignature),
            ("algorithm=RSA256, signature=AQ%3D%3D", .missingKeyVersion),
            ("algorithm=RSA256, keyVersion=1, signature=%ZZ", .undecodableSignature),
            ("algorithm=RSA256, keyVersion=1, signature=!!!!", .undecodableSignature),
            ("algorithm=RSA256, keyVersion=1, signature=A", .undecodableSignature),
            ("RSA256 1 AQ", .malformed),
        ]
        for (value, code) in cases {
            XCTAssertThrowsError(try SignatureHeader(parsing: value), value) { error in
                XCTAssertEqual((error as? SignatureHeaderError)?.code, code, value)
            }
        }
    }

    func testASignatureValueDecodesWithAnyPaddingAndRefusesWhatNoBase64Can() throws {
        let accepted: [(String, [UInt8])] = [
            ("QQ", [0x41]), ("QQ=", [0x41]), ("QQ==", [0x41]), ("QQ%3D", [0x41]), ("QQ%3d%3D", [0x41]),
            ("QUI", [0x41, 0x42]), ("QUI=", [0x41, 0x42]), ("QUJD", [0x41, 0x42, 0x43]),
            ("\"QUJD\"", [0x41, 0x42, 0x43]), ("-_8", [0xFB, 0xFF]), ("+/8=", [0xFB, 0xFF]), ("+ 8", [0xFB, 0xEF]),
        ]
        for (value, bytes) in accepted {
            let header = try SignatureHeader(parsing: "algorithm=RSA256, keyVersion=1, signature=\(value)")
            XCTAssertEqual(Array(header.signature), bytes, value)
        }
        // One sextet, too much padding, padding inside, an escaped '%', a cut escape, inner whitespace
        // other than a space, empty quotes: none of these is a signature.
        let refused = ["Q", "Q===", "QQ===", "QUJ==", "QUJD=", "QU=D", "QQ==QQ==", "====", "QQ%25", "QQ%3", "QQ\tQQ", "\"\"", "Q\u{e9}"]
        for value in refused {
            XCTAssertThrowsError(try SignatureHeader(parsing: "algorithm=RSA256, keyVersion=1, signature=\(value)"), value) { error in
                XCTAssertEqual((error as? SignatureHeaderError)?.code, .undecodableSignature, value)
            }
        }
    }

    func testDescriptionRedactsTheSignature() throws {
        let raw = try Fixtures.data("signature_pay.bin")
        let header = SignatureHeader(keyVersion: "1", signature: raw)
        XCTAssertFalse(header.description.contains(raw.base64EncodedString().prefix(20)))
        XCTAssertTrue(header.description.contains("256 bytes"))
    }

    /// A received algorithm or key version is shown only when it looks like a name: a hostile header
    /// can carry the signature's own text there (found by `FuzzSignatureHeader`).
    func testDescriptionShowsTheAlgorithmAndKeyVersionOnlyWhenTheyLookLikeNames() throws {
        let table: [(name: String, shown: String)] = [
            ("RSA256", "RSA256"),
            ("1", "1"),
            ("key-v2.0_b", "key-v2.0_b"),
            ("ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOP"),
            ("ABCDEFGHIJKLMNOPQ", "(17 bytes, not shown)"),
            ("RSA 256", "(7 bytes, not shown)"),
            ("RSA=256", "(7 bytes, not shown)"),
            ("", ""),
            ("é", "(2 bytes, not shown)"),
        ]
        for row in table {
            XCTAssertEqual(SignatureHeader.shown(row.name), row.shown, row.name)
        }
        let text = "  Signature = ARRRRRRRRRRRRRRpaanqKmqq , KEYVERSION=7 ,"
            + "algorithm=RSi25Signaturithm=RSi25Signature = ARRRRRRRRRRRRRRpaanqKmqq , rithm=RSi256"
        let header = try SignatureHeader(parsing: text)
        let encoded = header.signature.base64EncodedString()
        XCTAssertEqual(header.signature.count, 18)
        XCTAssertFalse(header.description.contains(encoded), header.description)
        XCTAssertFalse(String(reflecting: header).contains(encoded))
        var dumped = ""
        dump(header, to: &dumped)
        XCTAssertFalse(dumped.contains(encoded), dumped)
        XCTAssertEqual(SignatureHeader(algorithm: "RSA256", keyVersion: "7", signature: header.signature).description,
                       "algorithm=RSA256, keyVersion=7, signature=ARRRRRRR…(18 bytes)")
    }
}
