import AlipayPlusSigning
import Foundation
import XCTest

/// Runs the built `alipayplus` executable (skipped, with the reason printed, when it was not built).
final class CLITests: XCTestCase {
    private func binary() throws -> String {
        let candidate = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("alipayplus").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            print("Skipping CLI test: \(candidate) was not built (run `swift build --product alipayplus` first)")
            throw XCTSkip("alipayplus executable not built at \(candidate)")
        }
        return candidate
    }

    private func run(_ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try Fixtures.run(try binary(), arguments, stdin: stdin)
        return (result.status, String(decoding: result.stdout, as: UTF8.self), result.stderr)
    }

    private func bodyFile() throws -> String {
        let url = try Fixtures.temporaryDirectory(for: self).appendingPathComponent("body.json")
        try Fixtures.payBody.write(to: url)
        return url.path
    }

    private var expectedHeader: String {
        get throws {
            let base64 = try Fixtures.data("signature_pay.bin").base64EncodedString()
            return "algorithm=RSA256, keyVersion=1, signature=" + base64
                .replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "=", with: "%3D")
        }
    }

    func testSignReproducesOpenSSLFromEveryKeyForm() throws {
        let body = try bodyFile()
        for form in ["private_pkcs8.pem", "private_pkcs1.pem", "private_pkcs8.txt", "private_pkcs8.der", "private_pkcs1.der"] {
            let result = try run(["sign", "--private-key", Fixtures.url(form).path, "--client-id", Fixtures.payClientId,
                                  "--path", Fixtures.payPath, "--body-file", body, "--time", Fixtures.payTime])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, try expectedHeader + "\n", form)
            XCTAssertEqual(result.stderr, "")
        }
    }

    func testSignWithoutTimePrintsTheTimeUsed() throws {
        let result = try run(["sign", "--private-key", Fixtures.url("private_pkcs8.pem").path, "--client-id", "C",
                              "--path", "/p", "--body-file", "-", "--key-version", "2"], stdin: Data("{}".utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("algorithm=RSA256, keyVersion=2, signature="))
        let time = result.stderr.replacingOccurrences(of: "Request-Time: ", with: "").trimmingCharacters(in: .newlines)
        XCTAssertNotNil(AlipayPlusTimestamp.date(from: time), result.stderr)
    }

    func testVerifyValidInvalidAndUnusable() throws {
        let body = try bodyFile()
        let common = ["--client-id", Fixtures.payClientId, "--path", Fixtures.payPath, "--body-file", body]
        let valid = try run(["verify", "--public-key", Fixtures.url("public_pkcs1.pem").path] + common
                            + ["--time", Fixtures.payTime, "--signature", try expectedHeader])
        XCTAssertEqual(valid.status, 0, valid.stderr)
        XCTAssertEqual(valid.stdout, "valid\n")

        let invalid = try run(["verify", "--public-key", Fixtures.url("public_spki.txt").path] + common
                              + ["--time", "2019-05-28T04:12:12Z", "--signature", try expectedHeader])
        XCTAssertEqual(invalid.status, 1)
        XCTAssertTrue(invalid.stdout.hasPrefix("invalid\n"))
        XCTAssertTrue(invalid.stdout.contains("2019-05-28T04:12:12Z (as received)"))
        XCTAssertTrue(invalid.stdout.contains("sandbox vs production"))

        let malformed = try run(["verify", "--public-key", Fixtures.url("public_spki.pem").path] + common
                                + ["--time", Fixtures.payTime, "--signature", "algorithm=RSA256, keyVersion=1, signature=%ZZ"])
        XCTAssertEqual(malformed.status, 2)
        XCTAssertTrue(malformed.stderr.contains("malformed Signature header"))

        let wrongKey = try run(["verify", "--public-key", Fixtures.url("private_pkcs8.pem").path] + common
                               + ["--time", Fixtures.payTime, "--signature", try expectedHeader])
        XCTAssertEqual(wrongKey.status, 2)
        XCTAssertTrue(wrongKey.stderr.contains("this is a private key where a public key was expected"))
    }

    func testVerifyOfAHeaderWithoutASignaturePartSaysThatThePartIsMissing() throws {
        let common = ["verify", "--public-key", Fixtures.url("public_spki.pem").path, "--client-id", Fixtures.payClientId,
                      "--path", Fixtures.payPath, "--body-file", try bodyFile(), "--time", Fixtures.payTime]
        for header in ["algorithm=RSA256, keyVersion=1", "keyVersion=1", "algorithm=RSA256,keyVersion=2,signature="] {
            let result = try run(common + ["--signature", header])
            XCTAssertEqual(result.status, 2, header)
            XCTAssertTrue(result.stderr.contains("no 'signature=' part"), "\(header): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("appears twice"), "\(header): \(result.stderr)")
        }
    }

    func testExplainIsByteExact() throws {
        let result = try Fixtures.run(try binary(), ["explain", "--client-id", Fixtures.payClientId, "--path", Fixtures.payPath,
                                                     "--body-file", try bodyFile(), "--time", Fixtures.payTime])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, try Fixtures.data("content_pay.txt"))
    }

    func testKeygenWritesEveryFormAndRefusesToOverwrite() throws {
        let directory = try Fixtures.temporaryDirectory(for: self).appendingPathComponent("keys").path
        let result = try run(["keygen", "--out", directory])
        XCTAssertEqual(result.status, 0, result.stderr)
        let privatePEM = try RSAPrivateKey(contentsOfFile: directory + "/private_key.pem")
        let privateText = try String(contentsOfFile: directory + "/private_key.txt", encoding: .utf8)
        XCTAssertTrue(try String(contentsOfFile: directory + "/private_key.pem", encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        XCTAssertEqual(Data(base64Encoded: privateText.trimmingCharacters(in: .newlines)), privatePEM.pkcs8DERRepresentation)
        let publicText = try String(contentsOfFile: directory + "/public_key.txt", encoding: .utf8)
        XCTAssertEqual(Data(base64Encoded: publicText.trimmingCharacters(in: .newlines)), privatePEM.publicKey.spkiDERRepresentation)
        XCTAssertEqual(try RSAPublicKey(contentsOfFile: directory + "/public_key.pem").spkiDERRepresentation,
                       privatePEM.publicKey.spkiDERRepresentation)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/private_key.pem")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let again = try run(["keygen", "--out", directory])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("--force"))
    }

    func testHelpAndUsageErrors() throws {
        let top = try run(["--help"])
        XCTAssertEqual(top.status, 0)
        for command in ["keygen", "sign", "verify", "explain"] {
            XCTAssertTrue(top.stdout.contains("  \(command) "), command)
            let help = try run([command, "--help"])
            XCTAssertEqual(help.status, 0, command)
            XCTAssertTrue(help.stdout.contains("Example"), command)
            XCTAssertTrue(help.stdout.contains("alipayplus \(command)"), command)
        }
        let unknownFlag = try run(["sign", "--private-kye", "x"])
        XCTAssertEqual(unknownFlag.status, 2)
        XCTAssertTrue(unknownFlag.stderr.contains("unknown option '--private-kye'"))
        let missing = try run(["explain", "--client-id", "C"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("missing required option '--path"))
        let unknownCommand = try run(["frobnicate"])
        XCTAssertEqual(unknownCommand.status, 2)
        XCTAssertTrue(unknownCommand.stderr.contains("unknown command 'frobnicate'"))
    }
}
