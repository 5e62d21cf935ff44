import AlipayPlusSigning
import Foundation
import XCTest

final class KeyLoadingTests: XCTestCase {
    private let privateForms = ["private_pkcs8.pem", "private_pkcs1.pem", "private_pkcs8.txt", "private_pkcs8.der", "private_pkcs1.der"]
    private let publicForms = ["public_spki.pem", "public_pkcs1.pem", "public_spki.txt", "public_spki.der"]

    func testEveryPrivateFormLoadsThroughImportingAndFile() throws {
        let reference = try RSAPrivateKey(pemRepresentation: Fixtures.text("private_pkcs8.pem"))
        for name in privateForms {
            let imported = try RSAPrivateKey(importing: Fixtures.data(name))
            XCTAssertEqual(imported.bitCount, 2048, name)
            XCTAssertEqual(imported.pkcs8DERRepresentation, reference.pkcs8DERRepresentation, name)
            let fromFile = try RSAPrivateKey(contentsOfFile: Fixtures.url(name).path)
            XCTAssertEqual(fromFile.pkcs8DERRepresentation, reference.pkcs8DERRepresentation, name)
        }
    }

    func testTypedPrivateInitializers() throws {
        let pkcs1 = try RSAPrivateKey(pemRepresentation: Fixtures.text("private_pkcs1.pem"))
        let der8 = try RSAPrivateKey(derRepresentation: Fixtures.data("private_pkcs8.der"))
        let der1 = try RSAPrivateKey(derRepresentation: Fixtures.data("private_pkcs1.der"))
        XCTAssertEqual(pkcs1.pkcs8DERRepresentation, try Fixtures.data("private_pkcs8.der"))
        XCTAssertEqual(der8.pkcs8DERRepresentation, der1.pkcs8DERRepresentation)
        XCTAssertEqual(pkcs1.pkcs8PEMRepresentation, try Fixtures.text("private_pkcs8.pem"))
    }

    func testEveryPublicFormLoads() throws {
        let spkiDER = try Fixtures.data("public_spki.der")
        for name in publicForms {
            let key = try RSAPublicKey(importing: Fixtures.data(name))
            XCTAssertEqual(key.bitCount, 2048, name)
            XCTAssertEqual(key.spkiDERRepresentation, spkiDER, name)
            XCTAssertEqual(try RSAPublicKey(contentsOfFile: Fixtures.url(name).path).spkiDERRepresentation, spkiDER, name)
        }
        XCTAssertEqual(try RSAPublicKey(pemRepresentation: Fixtures.text("public_pkcs1.pem")).spkiPEMRepresentation,
                       try Fixtures.text("public_spki.pem"))
        XCTAssertEqual(try RSAPublicKey(derRepresentation: spkiDER).bitCount, 2048)
        let derivedPublic = try RSAPrivateKey(importing: Fixtures.data("private_pkcs1.der")).publicKey
        XCTAssertEqual(derivedPublic.spkiDERRepresentation, spkiDER)
    }

    func testBareBase64WithSpacesAndOneLine() throws {
        let lines = try Fixtures.text("private_pkcs8.txt")
        let oneLine = lines.replacingOccurrences(of: "\n", with: "")
        let spaced = "  " + lines.replacingOccurrences(of: "\n", with: " \r\n\t") + "\n\n"
        XCTAssertEqual(try RSAPrivateKey(importing: Data(oneLine.utf8)).bitCount, 2048)
        XCTAssertEqual(try RSAPrivateKey(importing: Data(spaced.utf8)).bitCount, 2048)
        let publicOneLine = try Fixtures.text("public_spki.txt").replacingOccurrences(of: "\n", with: "")
        XCTAssertEqual(try RSAPublicKey(importing: Data(publicOneLine.utf8)).bitCount, 2048)
    }

    func testPEMWithCRLFAndSurroundingText() throws {
        let pem = try Fixtures.text("private_pkcs1.pem").replacingOccurrences(of: "\n", with: "\r\n")
        let key = try RSAPrivateKey(importing: Data(("Merchant key:\r\n" + pem).utf8))
        XCTAssertEqual(key.bitCount, 2048)
    }

    private func assertFails<T>(_ code: KeyLoadingError.Code, _ phrase: String, file: StaticString = #filePath, line: UInt = #line,
                                _ body: () throws -> T) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard let error = error as? KeyLoadingError else {
                return XCTFail("unexpected error \(error)", file: file, line: line)
            }
            XCTAssertEqual(error.code, code, file: file, line: line)
            XCTAssertTrue(error.description.contains(phrase), "'\(error.description)' lacks '\(phrase)'", file: file, line: line)
        }
    }

    func testPublicKeyWhereExpectedPrivate() throws {
        for name in publicForms {
            let data = try Fixtures.data(name)
            assertFails(.publicKeyWhereExpectedPrivate, "this is a public key where a private key was expected") {
                try RSAPrivateKey(importing: data)
            }
        }
    }

    func testPrivateKeyWhereExpectedPublic() throws {
        for name in privateForms {
            let data = try Fixtures.data(name)
            assertFails(.privateKeyWhereExpectedPublic, "this is a private key where a public key was expected") {
                try RSAPublicKey(importing: data)
            }
        }
    }

    func testECKeysAreRejected() throws {
        let ecPrivate = try Fixtures.data("ec_private.pem")
        let ecPublic = try Fixtures.data("ec_public.pem")
        assertFails(.notRSA, "this is an EC key") { try RSAPrivateKey(importing: ecPrivate) }
        assertFails(.notRSA, "this is an EC key") { try RSAPublicKey(importing: ecPublic) }
        let traditional = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n"
        assertFails(.notRSA, "this is an EC key") { try RSAPrivateKey(pemRepresentation: traditional) }
    }

    func testSmallKeysAreRejected() throws {
        let small = try Fixtures.data("rsa1024_private.pem")
        let smallPublic = try Fixtures.data("rsa1024_public.pem")
        assertFails(.keyTooSmall, "1024-bit RSA is below the 2048-bit minimum") { try RSAPrivateKey(importing: small) }
        assertFails(.keyTooSmall, "1024-bit RSA is below the 2048-bit minimum") { try RSAPublicKey(importing: smallPublic) }
        assertFails(.keyTooSmall, "below the 2048-bit minimum") { try RSAPrivateKey.generate(bitCount: 1024) }
    }

    func testEncryptedKeysAreRejectedWithoutPrompting() throws {
        let pem = try Fixtures.text("private_encrypted.pem")
        let phrase = "encrypted keys are not supported: decrypt with `openssl pkcs8 -topk8 -nocrypt"
        assertFails(.encryptedKey, phrase) { try RSAPrivateKey(pemRepresentation: pem) }
        // The same bytes without PEM armour reach the DER decoder, which must refuse rather than prompt.
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        assertFails(.encryptedKey, phrase) { try RSAPrivateKey(importing: Data(body.utf8)) }
        let der = try XCTUnwrap(Data(base64Encoded: body))
        assertFails(.encryptedKey, phrase) { try RSAPrivateKey(derRepresentation: der) }
        let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"
        assertFails(.encryptedKey, phrase) { try RSAPrivateKey(importing: Data(legacy.utf8)) }
    }

    func testNotBase64() {
        assertFails(.notBase64, "not base64") { try RSAPrivateKey(importing: Data("this is not a key!".utf8)) }
        assertFails(.notBase64, "not base64") { try RSAPublicKey(importing: Data("MIIB#%$".utf8)) }
        let badPEM = "-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----\n"
        assertFails(.notBase64, "not base64") { try RSAPrivateKey(pemRepresentation: badPEM) }
        assertFails(.notBase64, "not base64") { try RSAPrivateKey(importing: Data([0xFF, 0xFE, 0x00, 0x01])) }
    }

    func testUnrecognizedAndMisdirectedInputs() throws {
        assertFails(.unrecognizedFormat, "empty") { try RSAPrivateKey(importing: Data()) }
        assertFails(.unrecognizedFormat, "not a PKCS#8") { try RSAPrivateKey(importing: Data("AAAAAAAA".utf8)) }
        assertFails(.unrecognizedFormat, "not a PKCS#8") { try RSAPublicKey(derRepresentation: Data([0x30, 0x03, 0x02, 0x01, 0x00])) }
        assertFails(.unrecognizedFormat, "certificate") {
            try RSAPublicKey(pemRepresentation: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        }
        let der = try Fixtures.data("private_pkcs8.der")
        let pem = try Fixtures.text("private_pkcs8.pem")
        assertFails(.unrecognizedFormat, "expected PEM") { try RSAPrivateKey(pemRepresentation: String(decoding: der, as: UTF8.self)) }
        assertFails(.unrecognizedFormat, "expected DER") { try RSAPrivateKey(derRepresentation: Data(pem.utf8)) }
        assertFails(.unrecognizedFormat, "no matching") { try RSAPrivateKey(pemRepresentation: "-----BEGIN PRIVATE KEY-----\nAAAA\n") }
    }

    func testUnreadableFileNamesThePath() {
        assertFails(.unreadableFile, "/nonexistent/key.pem") { try RSAPrivateKey(contentsOfFile: "/nonexistent/key.pem") }
        assertFails(.unreadableFile, "/nonexistent/pub.pem") { try RSAPublicKey(contentsOfFile: "/nonexistent/pub.pem") }
    }

    func testFileErrorsNameTheFileAndForm() throws {
        let path = Fixtures.url("public_spki.pem").path
        XCTAssertThrowsError(try RSAPrivateKey(contentsOfFile: path)) { error in
            let error = error as? KeyLoadingError
            XCTAssertEqual(error?.path, path)
            XCTAssertEqual(error?.detectedForm, "PEM labelled PUBLIC KEY")
        }
    }

    func testDescriptionsNeverShowKeyMaterial() throws {
        let key = try RSAPrivateKey(importing: Fixtures.data("private_pkcs8.pem"))
        let base64 = key.pkcs8DERRepresentation.base64EncodedString()
        XCTAssertEqual(key.description, "RSAPrivateKey(2048 bits, <redacted>)")
        XCTAssertFalse("\(key)".contains(base64.prefix(40).suffix(16)))
        XCTAssertFalse(String(reflecting: key).contains(base64.dropFirst(60).prefix(16)))
        XCTAssertTrue(key.publicKey.description.hasPrefix("RSAPublicKey(2048 bits, spki-sha256 "))
    }

    func testGeneratedKeyRoundTrips() throws {
        let key = try RSAPrivateKey.generate()
        XCTAssertEqual(key.bitCount, 2048)
        let reloaded = try RSAPrivateKey(pemRepresentation: key.pkcs8PEMRepresentation)
        XCTAssertEqual(reloaded.pkcs8DERRepresentation, key.pkcs8DERRepresentation)
        let publicKey = try RSAPublicKey(importing: Data(key.publicKey.spkiDERRepresentation.base64EncodedString().utf8))
        let message = Data("hello".utf8)
        XCTAssertTrue(publicKey.isValidSignature(try reloaded.signature(for: message), for: message))
    }
}
