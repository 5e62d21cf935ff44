import AlipayPlusSigning
import Foundation
import XCTest

/// One parsed key signs and verifies from many tasks at once: every operation duplicates the
/// context prepared with the key (`EVP_PKEY_CTX_dup`), so no two threads ever share a context.
final class SignatureConcurrencyTests: XCTestCase {
    private static let path = "/aps/api/v1/payments/pay"
    private static let clientId = "SANDBOX_5YC47N2ZQHJ004124"
    private static let time = "2025-02-20T08:51:49Z"

    /// A distinct body per index, so a signature computed from another task's context would show.
    private static func body(_ index: Int) -> Data {
        Data(#"{"paymentRequestId":"PAY-CONCURRENT-\#(index)","paymentAmount":{"currency":"HKD","value":"\#(index + 1)"}}"#.utf8)
    }

    private static func content(_ index: Int) -> SigningContent {
        SigningContent(path: path, clientId: clientId, time: time, body: body(index))
    }

    func testTwoHundredConcurrentSignsWithOneKeyEachVerifyWithTheOpenSSLCommandLine() async throws {
        guard let openssl = Fixtures.executable(named: "openssl") else {
            print("Skipping openssl cross-check: no `openssl` executable on PATH")
            throw XCTSkip("no `openssl` executable on PATH")
        }
        let key = try RSAPrivateKey(importing: Fixtures.data("private_pkcs1.der"))
        let signer = MessageSigner(clientId: Self.clientId, privateKey: key)
        let signatures = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let signed = try signer.sign(path: Self.path, body: Self.body(index), time: Self.time)
                    return (index, signed.signature.signature)
                }
            }
            var collected: [Int: Data] = [:]
            for try await (index, signature) in group { collected[index] = signature }
            return collected
        }
        XCTAssertEqual(signatures.count, 200)

        let directory = try Fixtures.temporaryDirectory(for: self)
        let contentPath = directory.appendingPathComponent("content.txt")
        let signaturePath = directory.appendingPathComponent("signature.bin")
        for index in 0..<200 {
            let signature = try XCTUnwrap(signatures[index])
            // PKCS#1 v1.5 is deterministic: the same content signed alone gives the same bytes.
            XCTAssertEqual(signature, try key.signature(for: Self.content(index).bytes), "signature \(index)")
            try Self.content(index).bytes.write(to: contentPath)
            try signature.write(to: signaturePath)
            let verified = try Fixtures.run(openssl, ["dgst", "-sha256", "-verify", Fixtures.url("public_spki.pem").path,
                                                      "-signature", signaturePath.path, contentPath.path])
            XCTAssertEqual(verified.status, 0, "openssl refused signature \(index): \(verified.stderr)")
        }
    }

    func testTwoHundredConcurrentVerificationsWithOneKeyGiveEachMessageItsOwnVerdict() async throws {
        let key = try RSAPrivateKey(importing: Fixtures.data("private_pkcs1.der"))
        let publicKey = try RSAPublicKey(importing: Fixtures.data("public_spki.pem"))
        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(publicKey))
        let signer = MessageSigner(clientId: Self.clientId, privateKey: key)
        let headers = try (0..<200).map { try signer.sign(path: Self.path, body: Self.body($0), time: Self.time).headerValue }
        let verdicts = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<200 {
                group.addTask {
                    // Every third message is checked against another message's body: it must fail.
                    let tampered = index % 3 == 0
                    let body = Self.body(tampered ? (index + 1) % 200 : index)
                    let verdict = verifier.verify(path: Self.path, clientId: Self.clientId, time: Self.time, body: body,
                                                  signatureHeader: headers[index])
                    return (index, verdict.isValid)
                }
            }
            var collected: [Int: Bool] = [:]
            for await (index, valid) in group { collected[index] = valid }
            return collected
        }
        XCTAssertEqual(verdicts.count, 200)
        for index in 0..<200 {
            XCTAssertEqual(verdicts[index], index % 3 != 0, "message \(index)")
        }
    }
}
