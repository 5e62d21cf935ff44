import AlipayPlusSigning
import Foundation
import XCTest

/// Signatures made by `openssl dgst -sha256 -sign` are reproduced byte for byte, and openssl accepts ours.
final class GoldenSignatureTests: XCTestCase {
    private let contents = ["pay", "inquiry", "empty_body"]
    private let privateForms = ["private_pkcs8.pem", "private_pkcs1.pem", "private_pkcs8.txt", "private_pkcs8.der", "private_pkcs1.der"]

    func testEveryPrivateFormReproducesOpenSSLSignatures() throws {
        for form in privateForms {
            let key = try RSAPrivateKey(importing: Fixtures.data(form))
            for name in contents {
                let content = try Fixtures.data("content_\(name).txt")
                let expected = try Fixtures.data("signature_\(name).bin")
                XCTAssertEqual(try key.signature(for: content), expected, "\(form) / \(name)")
                XCTAssertEqual(try key.signature(for: Array(content)), expected, "\(form) / \(name) as [UInt8]")
            }
        }
    }

    func testEveryPublicFormVerifiesOpenSSLSignatures() throws {
        for form in ["public_spki.pem", "public_pkcs1.pem", "public_spki.txt", "public_spki.der"] {
            let key = try RSAPublicKey(importing: Fixtures.data(form))
            for name in contents {
                let content = try Fixtures.data("content_\(name).txt")
                let signature = try Fixtures.data("signature_\(name).bin")
                XCTAssertTrue(key.isValidSignature(signature, for: content), "\(form) / \(name)")
                var tampered = signature
                tampered[17] ^= 0x01
                XCTAssertFalse(key.isValidSignature(tampered, for: content), "\(form) / \(name)")
                XCTAssertFalse(key.isValidSignature(signature.prefix(100), for: content))
                XCTAssertFalse(key.isValidSignature(Data(), for: content))
            }
        }
    }

    func testMessageSignerMatchesTheFixtureContent() throws {
        let key = try RSAPrivateKey(importing: Fixtures.data("private_pkcs8.txt"))
        let content = SigningContent(path: Fixtures.payPath, clientId: Fixtures.payClientId, time: Fixtures.payTime, body: Fixtures.payBody)
        XCTAssertEqual(content.bytes, try Fixtures.data("content_pay.txt"))
        let signed = try MessageSigner(clientId: Fixtures.payClientId, privateKey: key)
            .sign(path: Fixtures.payPath, body: Fixtures.payBody, time: Fixtures.payTime)
        let expected = try Fixtures.data("signature_pay.bin").base64EncodedString()
            .replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "=", with: "%3D")
        XCTAssertEqual(signed.headerValue, "algorithm=RSA256, keyVersion=1, signature=\(expected)")
        XCTAssertEqual(signed.time, Fixtures.payTime)
    }

    func testOpenSSLCommandLineVerifiesLibrarySignatures() throws {
        guard let openssl = Fixtures.executable(named: "openssl") else {
            print("Skipping openssl cross-check: no `openssl` executable on PATH")
            throw XCTSkip("no `openssl` executable on PATH")
        }
        let directory = try Fixtures.temporaryDirectory(for: self)
        let key = try RSAPrivateKey.generate()
        let publicPath = directory.appendingPathComponent("public.pem")
        try Data(key.publicKey.spkiPEMRepresentation.utf8).write(to: publicPath)
        let content = SigningContent(path: "/aps/api/v1/payments/pay", clientId: "SANDBOX_5YC47N2ZQHJ004124",
                                     time: "2025-02-20T08:51:49.09Z", body: Data(#"{"a":"ü€"}"#.utf8))
        let contentPath = directory.appendingPathComponent("content.txt")
        let signaturePath = directory.appendingPathComponent("signature.bin")
        try content.bytes.write(to: contentPath)
        try key.signature(for: content.bytes).write(to: signaturePath)
        let good = try Fixtures.run(openssl, ["dgst", "-sha256", "-verify", publicPath.path, "-signature", signaturePath.path, contentPath.path])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertEqual(String(decoding: good.stdout, as: UTF8.self), "Verified OK\n")

        try (content.bytes + Data(" ".utf8)).write(to: contentPath)
        let bad = try Fixtures.run(openssl, ["dgst", "-sha256", "-verify", publicPath.path, "-signature", signaturePath.path, contentPath.path])
        XCTAssertNotEqual(bad.status, 0)

        // And the fixture key in its PKCS#1 form signs what openssl verifies with the SPKI fixture.
        let fixtureKey = try RSAPrivateKey(importing: Fixtures.data("private_pkcs1.der"))
        try content.bytes.write(to: contentPath)
        try fixtureKey.signature(for: content.bytes).write(to: signaturePath)
        let fixture = try Fixtures.run(openssl, ["dgst", "-sha256", "-verify", Fixtures.url("public_spki.pem").path,
                                                 "-signature", signaturePath.path, contentPath.path])
        XCTAssertEqual(fixture.status, 0, fixture.stderr)
    }
}
