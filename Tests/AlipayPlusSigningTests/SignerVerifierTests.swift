import AlipayPlusSigning
import Foundation
import XCTest

final class SignerVerifierTests: XCTestCase {
    private var privateKey: RSAPrivateKey!
    private var publicKey: RSAPublicKey!
    private let path = "/aps/api/v1/payments/inquiryPayment"
    private let clientId = "SANDBOX_5YC47N2ZQHJ004124"
    private let body = Data(#"{"result":{"resultCode":"SUCCESS","resultMessage":"success.","resultStatus":"S"}}"#.utf8)

    override func setUpWithError() throws {
        privateKey = try RSAPrivateKey(importing: Fixtures.data("private_pkcs8.pem"))
        publicKey = try RSAPublicKey(importing: Fixtures.data("public_spki.pem"))
    }

    private func signer(keyVersion: String = "1", offset: Int = 0) -> MessageSigner {
        MessageSigner(clientId: clientId, privateKey: privateKey, keyVersion: keyVersion, utcOffsetSeconds: offset,
                      now: { Date(timeIntervalSince1970: 1_740_041_509.7) })
    }

    func testSignerIsPureAndUsesTheInjectedClock() throws {
        let first = try signer(offset: 8 * 3600).sign(path: path, body: body)
        let second = try signer(offset: 8 * 3600).sign(path: path, body: body)
        XCTAssertEqual(first.time, "2025-02-20T16:51:49+08:00")
        XCTAssertEqual(first.headerValue, second.headerValue)
        XCTAssertEqual(first.clientId, clientId)
        let explicit = try signer().sign(path: path, body: body, time: first.time)
        XCTAssertEqual(explicit.headerValue, first.headerValue)
        let content = SigningContent(path: path, clientId: clientId, time: first.time, body: body)
        XCTAssertTrue(publicKey.isValidSignature(first.signature.signature, for: content.bytes))
    }

    func testContentLayout() {
        let content = SigningContent(method: "POST", path: "/p", clientId: "C", time: "T", body: Data("{}".utf8))
        XCTAssertEqual(String(decoding: content.bytes, as: UTF8.self), "POST /p\nC.T.{}")
    }

    func testVerifierAcceptsWhatTheSignerWrites() throws {
        let signed = try signer().sign(path: path, body: body)
        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(publicKey))
        let verdict = verifier.verify(path: path, clientId: clientId, time: signed.time, body: body, signatureHeader: signed.headerValue)
        XCTAssertTrue(verdict.isValid)
        guard case .valid(let version) = verdict else { return XCTFail("\(verdict)") }
        XCTAssertEqual(version, "1")
        let raw = signed.signature.signature
        for lenient in ["keyVersion=1,signature=\(raw.base64EncodedString())",
                        "signature=\(raw.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")), keyVersion=1, algorithm=rsa256"] {
            XCTAssertTrue(verifier.verify(path: path, clientId: clientId, time: signed.time, body: body, signatureHeader: lenient).isValid, lenient)
        }
    }

    private func mismatch(_ verdict: SignatureVerdict, file: StaticString = #filePath, line: UInt = #line) -> SignatureMismatch? {
        guard case .invalid(let mismatch) = verdict else {
            XCTFail("expected an invalid verdict", file: file, line: line)
            return nil
        }
        return mismatch
    }

    func testTamperedPartsFailWithExplanation() throws {
        let time = "2025-02-20T08:51:49.09Z"
        let signed = try signer().sign(path: path, body: body, time: time)
        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(publicKey))
        let header = signed.headerValue
        var tamperedBody = body
        tamperedBody[tamperedBody.count - 3] = UInt8(ascii: "F")
        let cases: [(String, SignatureVerdict)] = [
            ("body", verifier.verify(path: path, clientId: clientId, time: time, body: tamperedBody, signatureHeader: header)),
            ("pretty body", verifier.verify(path: path, clientId: clientId, time: time, body: Data(" ".utf8) + body, signatureHeader: header)),
            ("time", verifier.verify(path: path, clientId: clientId, time: "2025-02-20T08:51:49Z", body: body, signatureHeader: header)),
            ("path", verifier.verify(path: "/aps/api/v1/payments/pay", clientId: clientId, time: time, body: body, signatureHeader: header)),
            ("client id", verifier.verify(path: path, clientId: "SANDBOX_OTHER", time: time, body: body, signatureHeader: header)),
            ("method", verifier.verify(method: "GET", path: path, clientId: clientId, time: time, body: body, signatureHeader: header)),
        ]
        for (name, verdict) in cases {
            guard let mismatch = mismatch(verdict) else { continue }
            XCTAssertEqual(mismatch.code, .signatureDoesNotMatch, name)
            let text = mismatch.description
            XCTAssertTrue(text.contains(mismatch.path), name)
            XCTAssertTrue(text.contains(mismatch.clientId), name)
            XCTAssertTrue(text.contains("\(mismatch.time) (as received)"), name)
            XCTAssertTrue(text.contains("\(mismatch.bodyLength) bytes, sha256 \(mismatch.bodySHA256)"), name)
            XCTAssertTrue(text.contains("re-serialized"), name)
            XCTAssertTrue(text.contains("sandbox vs production"), name)
            XCTAssertTrue(text.contains("time string was re-formatted"), name)
            XCTAssertTrue(text.contains("host or query"), name)
            XCTAssertTrue(text.contains("keyVersion 1 names a key other than the one configured"), name)
        }
        let bodyMismatch = mismatch(cases[0].1)
        XCTAssertEqual(bodyMismatch?.bodyLength, body.count)
        XCTAssertEqual(bodyMismatch?.bodySHA256.count, 64)
        XCTAssertEqual(bodyMismatch?.time, time)
    }

    func testSpecificCausesComeFirst() throws {
        let signed = try signer().sign(path: path, body: body, time: "2025-02-20T08:51:49Z")
        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(publicKey))
        let withHost = mismatch(verifier.verify(path: "https://open-sea-global.alipayplus.com" + path + "?x=1", clientId: clientId,
                                                time: signed.time, body: body, signatureHeader: signed.headerValue))
        XCTAssertTrue(withHost?.likelyCauses.first?.contains("includes the host or query string") ?? false)
        let reformatted = mismatch(verifier.verify(path: path, clientId: clientId, time: "Thu, 20 Feb 2025 08:51:49 GMT",
                                                   body: body, signatureHeader: signed.headerValue))
        XCTAssertTrue(reformatted?.likelyCauses.first?.contains("not an ISO 8601 time") ?? false)
    }

    func testMissingMalformedAndUnsupportedHeaders() throws {
        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(publicKey))
        XCTAssertEqual(mismatch(verifier.verify(path: path, clientId: clientId, time: "t", body: body, signatureHeader: nil))?.code, .missingHeader)
        XCTAssertEqual(mismatch(verifier.verify(path: path, clientId: clientId, time: "t", body: body, signatureHeader: "  "))?.code, .missingHeader)
        let malformed = mismatch(verifier.verify(path: path, clientId: clientId, time: "t", body: body, signatureHeader: "algorithm=RSA256, keyVersion=1"))
        XCTAssertEqual(malformed?.code, .malformedHeader)
        XCTAssertTrue(malformed?.description.contains("no 'signature=' part") ?? false)
        let ecc = mismatch(verifier.verify(path: path, clientId: clientId, time: "t", body: body,
                                           signatureHeader: "algorithm=ECC256, keyVersion=1, signature=AQ%3D%3D"))
        XCTAssertEqual(ecc?.code, .unsupportedAlgorithm)
    }

    func testKeyVersionSelection() throws {
        let otherKey = try RSAPrivateKey.generate()
        let time = "2025-02-20T08:51:49Z"
        let byOld = try signer(keyVersion: "1").sign(path: path, body: body, time: time)
        let byNew = try MessageSigner(clientId: clientId, privateKey: otherKey, keyVersion: "2").sign(path: path, body: body, time: time)

        let rotating = SignatureVerifier(keys: AlipayPlusPublicKeys(keysByVersion: ["1": publicKey, "2": otherKey.publicKey]))
        XCTAssertTrue(rotating.verify(path: path, clientId: clientId, time: time, body: body, signatureHeader: byOld.headerValue).isValid)
        XCTAssertTrue(rotating.verify(path: path, clientId: clientId, time: time, body: body, signatureHeader: byNew.headerValue).isValid)

        // A header naming the wrong version is checked with that version's key, and fails.
        let mislabelled = SignatureHeader(keyVersion: "2", signature: byOld.signature.signature).headerValue
        XCTAssertEqual(mismatch(rotating.verify(path: path, clientId: clientId, time: time, body: body, signatureHeader: mislabelled))?.code,
                       .signatureDoesNotMatch)

        let unknown = SignatureHeader(keyVersion: "3", signature: byOld.signature.signature).headerValue
        let unknownMismatch = mismatch(rotating.verify(path: path, clientId: clientId, time: time, body: body, signatureHeader: unknown))
        XCTAssertEqual(unknownMismatch?.code, .unknownKeyVersion)
        XCTAssertEqual(unknownMismatch?.keyVersion, "3")
        XCTAssertTrue(unknownMismatch?.description.contains("configured versions: 1, 2") ?? false)

        let withFallback = AlipayPlusPublicKeys(keysByVersion: ["2": otherKey.publicKey], fallback: publicKey)
        XCTAssertEqual(withFallback.key(forVersion: "7")?.spkiDERRepresentation, publicKey.spkiDERRepresentation)
        XCTAssertEqual(withFallback.key(forVersion: "2")?.spkiDERRepresentation, otherKey.publicKey.spkiDERRepresentation)
        XCTAssertTrue(SignatureVerifier(keys: withFallback).verify(path: path, clientId: clientId, time: time, body: body,
                                                                   signatureHeader: byOld.headerValue).isValid)
        let single = AlipayPlusPublicKeys(publicKey)
        XCTAssertNotNil(single.key(forVersion: "0"))
        XCTAssertNotNil(single.key(forVersion: "99"))
        XCTAssertNil(AlipayPlusPublicKeys(keysByVersion: ["1": publicKey]).key(forVersion: "2"))
    }

    func testWrongEnvironmentKeyFails() throws {
        let sandboxKey = try RSAPrivateKey.generate()
        let signed = try MessageSigner(clientId: clientId, privateKey: sandboxKey).sign(path: path, body: body, time: "2025-02-20T08:51:49Z")
        let production = SignatureVerifier(keys: AlipayPlusPublicKeys(publicKey))
        let result = mismatch(production.verify(path: path, clientId: clientId, time: signed.time, body: body, signatureHeader: signed.headerValue))
        XCTAssertEqual(result?.code, .signatureDoesNotMatch)
    }

    func testTwoHundredConcurrentSignaturesWithOneSharedKey() async throws {
        let key = privateKey!
        let verifyKey = publicKey!
        let signer = MessageSigner(clientId: clientId, privateKey: key)
        let results = try await withThrowingTaskGroup(of: (Int, Data, Bool).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let body = Data(#"{"n":"\#(index % 10)"}"#.utf8)
                    let signed = try signer.sign(path: "/aps/api/v1/payments/pay", body: body, time: "2025-02-20T08:51:49Z")
                    let content = SigningContent(path: "/aps/api/v1/payments/pay", clientId: signer.clientId, time: signed.time, body: body)
                    return (index, signed.signature.signature, verifyKey.isValidSignature(signed.signature.signature, for: content.bytes))
                }
            }
            var collected: [(Int, Data, Bool)] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        XCTAssertEqual(results.count, 200)
        XCTAssertTrue(results.allSatisfy { $0.2 })
        // Deterministic: the same body always gives the same signature, whichever thread signed it.
        let byBody = Dictionary(grouping: results, by: { $0.0 % 10 })
        for (_, group) in byBody {
            XCTAssertEqual(Set(group.map { $0.1 }).count, 1)
        }
        XCTAssertEqual(Set(results.map { $0.1 }).count, 10)
    }

    /// A hostile header can put the signature's own text in its algorithm or key version; the
    /// verdict's explanation shows them only when they look like names.
    func testAMismatchNeverShowsTheSignatureCarriedInTheAlgorithmOrKeyVersion() throws {
        let signed = try signer().sign(path: path, body: body)
        let encoded = signed.signature.signature.base64EncodedString()
        let percent = signed.headerValue.components(separatedBy: "signature=")[1]
        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(publicKey))
        let headers = [
            "algorithm=RSA1\(encoded), keyVersion=1, signature=\(percent)",
            "algorithm=RSA256, keyVersion=\(encoded), signature=\(percent)",
        ]
        for header in headers {
            // A changed body, so that the key version's header fails too and its causes are explained.
            let verdict = verifier.verify(path: path, clientId: clientId, time: signed.time, body: body + Data(" ".utf8),
                                          signatureHeader: header)
            guard let mismatch = mismatch(verdict) else { continue }
            XCTAssertTrue(String(describing: mismatch).contains("not shown"), header)
            XCTAssertFalse(String(describing: mismatch).contains(encoded), header)
            XCTAssertFalse(mismatch.likelyCauses.joined().contains(encoded), header)
            XCTAssertFalse((mismatch.detail ?? "").contains(encoded), header)
        }
    }
}
