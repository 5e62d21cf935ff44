import AlipayPlusSigning
import Foundation
import XCTest

/// Keys and tokens never show up in anything the sealing types print.
final class SealingRedactionTests: XCTestCase {
    private let token = "AT-REDACTION-MARKER-7f3a9"

    private func assertHidesSecrets(_ value: Any, file: StaticString = #filePath, line: UInt = #line) {
        let secrets = [SealingFixtures.keyA, SealingFixtures.keyB].flatMap(SealingFixtures.renderings) + [token]
        for text in SealingFixtures.printedForms(of: value) {
            for secret in secrets {
                XCTAssertFalse(text.contains(secret), "leaked in: \(text)", file: file, line: line)
            }
            XCTAssertFalse(text.contains("17, 17, 17"), "key bytes in: \(text)", file: file, line: line)
            XCTAssertFalse(text.contains("0x11"), "key bytes in: \(text)", file: file, line: line)
        }
    }

    func testAKeyRingPrintsKeyIdsOnly() throws {
        let ring = try SealingFixtures.twoKeyRing()
        assertHidesSecrets(ring)
        XCTAssertEqual(ring.description, "TokenKeyRing(keys: k1, k2; seals with k2; key material <redacted>)")
        XCTAssertEqual(ring.debugDescription, ring.description)
        XCTAssertEqual(Mirror(reflecting: ring).children.map(\.label), ["keyIds", "sealingKeyId"])
        var dumped = ""
        dump(ring, to: &dumped)
        XCTAssertFalse(dumped.contains("sealingKey:"), dumped)
        XCTAssertFalse(dumped.contains("SecretBytes"), dumped)
        assertHidesSecrets([ring])
        assertHidesSecrets(Optional(ring) as Any)
    }

    func testASealedSecretAndALookupHashPrintNoTokenAndNoPayload() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let sealed = try ring.seal(token, associatedData: "binding/B-1/accessToken")
        let hash = try ring.lookupHash(of: token)
        let payload = String(sealed.stringRepresentation.split(separator: ".")[2])
        let digest = String(hash.stringRepresentation.split(separator: ".")[2])
        for value in [sealed, hash] as [Any] {
            assertHidesSecrets(value)
            for text in SealingFixtures.printedForms(of: value) {
                XCTAssertFalse(text.contains(payload.prefix(16)), text)
                XCTAssertFalse(text.contains(digest.prefix(16)), text)
                XCTAssertTrue(text.contains("k2"), text)
            }
        }
        XCTAssertEqual(Mirror(reflecting: sealed).children.map(\.label), ["keyId"])
        XCTAssertEqual(Mirror(reflecting: hash).children.map(\.label), ["keyId"])
    }

    func testSealingErrorsCarryNoSecret() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let sealed = try ring.seal(token, associatedData: "binding/B-1/accessToken")
        var errors: [any Error] = []
        for attempt in [
            { _ = try ring.open(sealed, associatedData: "binding/B-2/accessToken") },
            { _ = try TokenKeyRing(keyId: "k9", key: SealingFixtures.keyC).open(sealed, associatedData: "binding/B-1/accessToken") },
            { _ = try TokenKeyRing(keyId: "k2", key: SealingFixtures.keyA).open(sealed, associatedData: "binding/B-1/accessToken") },
            { _ = try SealedSecret(parsing: self.token) },
            { _ = try TokenKeyRing(text: "k1:\(SealingFixtures.base64(SealingFixtures.keyA))x") },
            { _ = try TokenKeyRing(text: "\(SealingFixtures.base64(SealingFixtures.keyB)):k1") },
            { _ = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA + [1]) },
        ] as [() throws -> Void] {
            XCTAssertThrowsError(try attempt()) { errors.append($0) }
        }
        XCTAssertEqual(errors.count, 7)
        for error in errors { assertHidesSecrets(error) }
    }
}
