@testable import AlipayPlusSigning
import Foundation
import XCTest

/// The sealed string and lookup hash string forms: round trips, strict parsing, Codable.
final class SealingStringFormTests: XCTestCase {
    func testTheSealedStringRoundTripsAndIsVersionedAndSelfDescribing() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let sealed = try ring.seal("AT-string", associatedData: "binding/B-1/accessToken")
        let text = sealed.stringRepresentation
        XCTAssertTrue(text.hasPrefix("aps1.k2."), text)
        XCTAssertEqual(text.split(separator: ".").count, 3)
        XCTAssertTrue(text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }, "one text column, no quoting needed")
        XCTAssertEqual(try SealedSecret(parsing: text), sealed)
    }

    func testMalformedSealedStringsAreRefusedWithoutEchoingThem() throws {
        let valid = try SealingFixtures.twoKeyRing().seal("AT-x", associatedData: "a").stringRepresentation
        let payload = String(valid.split(separator: ".")[2])
        let table: [(text: String, phrase: String)] = [
            ("", "1 dot-separated part instead of 3"),
            ("AT-plain-token-SECRETVALUE", "a plain, unsealed token looks like this"),
            ("aps1.k2", "2 dot-separated parts"),
            ("aps1.k2.\(payload).x", "4 dot-separated parts"),
            ("aps2.k2.\(payload)", "format version 'aps2' is not one this library reads"),
            ("APS1.k2.\(payload)", "does not start with 'aps1.'"),
            ("SECRETVALUE.k2.\(payload)", "does not start with 'aps1.'"),
            ("aps1..\(payload)", "a key id must be 1 to 32 characters"),
            ("aps1.SECRET VALUE.\(payload)", "a key id must be 1 to 32 characters"),
            ("aps1.k2.\(payload)=", "not base64url without padding"),
            ("aps1.k2.\(payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/"))+/", "not base64url"),
            ("aps1.k2.\(payload.prefix(20)) \(payload.dropFirst(20))", "not base64url"),
            ("aps1.k2.\(payload.prefix(40))", "a sealed value has at least 32"),
            ("aps1.k2.AAAB", "the payload is 3 bytes; a sealed value has at least 32"),
            ("aps1.k2.AAB", "not base64url"), // non-canonical final bits
            (String(repeating: "a", count: SealedSecret.maximumStringCount + 1), "more than the"),
        ]
        for row in table {
            XCTAssertThrowsError(try SealedSecret(parsing: row.text), row.text) { error in
                guard let error = error as? SealingError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.code, .malformedSealedString, row.text)
                XCTAssertTrue(error.message.contains(row.phrase), "'\(error.message)' lacks '\(row.phrase)'")
                XCTAssertFalse(error.description.contains("SECRET"), "echoed input: \(error)")
                XCTAssertFalse(error.description.contains(payload.prefix(20)), "echoed payload: \(error)")
            }
        }
    }

    func testSealedSecretCodesAsOneJSONString() throws {
        let sealed = try SealingFixtures.twoKeyRing().seal("AT-json", associatedData: "a")
        let json = try JSONEncoder().encode(["token": sealed])
        XCTAssertEqual(String(decoding: json, as: UTF8.self), #"{"token":"\#(sealed.stringRepresentation)"}"#)
        XCTAssertEqual(try JSONDecoder().decode([String: SealedSecret].self, from: json)["token"], sealed)
        XCTAssertThrowsError(try JSONDecoder().decode([String: SealedSecret].self, from: Data(#"{"token":"AT-plain"}"#.utf8))) { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual((context.underlyingError as? SealingError)?.code, .malformedSealedString)
            XCTAssertFalse("\(error)".contains("AT-plain"))
        }
    }

    func testLookupHashStringsRoundTripAndParseStrictly() throws {
        let hash = try SealingFixtures.twoKeyRing().lookupHash(of: "AT-hash")
        let text = hash.stringRepresentation
        XCTAssertTrue(text.hasPrefix("aph1.k2."))
        XCTAssertEqual(text.count, "aph1.k2.".count + 43)
        XCTAssertEqual(try TokenLookupHash(parsing: text), hash)
        let json = try JSONEncoder().encode([hash])
        XCTAssertEqual(try JSONDecoder().decode([TokenLookupHash].self, from: json), [hash])
        for bad in ["", "aph1.k2", "aps1.k2.\(text.dropFirst(8))", "aph1.k.2.x", "aph1.k2.\(text.dropFirst(8).dropLast())",
                    "aph1.k2.\(text.dropFirst(8))A", "aph1.k2.\(text.dropFirst(8))=", String(repeating: "z", count: 200)] {
            XCTAssertThrowsError(try TokenLookupHash(parsing: bad), bad) { error in
                XCTAssertEqual((error as? SealingError)?.code, .malformedLookupHash, bad)
            }
        }
    }

    func testStrictBase64RoundTripsEveryLengthAndRefusesNonCanonicalText() throws {
        for count in 0...40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            for alphabet in [StrictBase64.Alphabet.standard, .url] {
                let text = StrictBase64.encode(bytes, alphabet: alphabet)
                XCTAssertEqual(Array(text.utf8).withUnsafeBytes { StrictBase64.decodeArray($0, alphabet: alphabet) }, bytes)
                if alphabet == .standard {
                    XCTAssertEqual(text, String(Data(bytes).base64EncodedString().prefix { $0 != "=" }), "matches Foundation")
                    let padded = Data(bytes).base64EncodedString()
                    XCTAssertEqual(Array(padded.utf8).withUnsafeBytes { StrictBase64.decodeArray($0, alphabet: .standard, allowsPadding: true) }, bytes)
                }
            }
        }
        for bad in ["A", "AB=", "ABC==", "AB==C", "AB=C", "A===", "AAB=", "AB==", "AB\n", " AB", "AA="] {
            XCTAssertNil(Array(bad.utf8).withUnsafeBytes { StrictBase64.decodeArray($0, alphabet: .standard, allowsPadding: true) }, bad)
        }
        // Padding is correct but only allowed where the caller says so.
        XCTAssertEqual(Array("AQ==".utf8).withUnsafeBytes { StrictBase64.decodeArray($0, alphabet: .standard, allowsPadding: true) }, [1])
        XCTAssertNil(Array("AQ==".utf8).withUnsafeBytes { StrictBase64.decodeArray($0, alphabet: .url) })
    }
}
