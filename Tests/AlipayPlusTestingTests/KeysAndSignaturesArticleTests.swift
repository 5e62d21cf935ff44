import AlipayPlusSigning
import AlipayPlusTesting
import Foundation
import XCTest

// docs: KeysAndSignatures
/// The code of the "Keys and signatures" DocC article (checked by .ci/docs.sh), with the public test keys.
final class KeysAndSignaturesArticleTests: XCTestCase {
    func testASignedRequestVerifiesAndAnyChangedByteDoesNot() throws {
        let signer = MessageSigner(clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey)
        let body = Data(#"{"paymentRequestId":"pay-1"}"#.utf8)        // serialize once; send these bytes
        let signed = try signer.sign(path: "/aps/api/v1/payments/pay", body: body)
        // headers: Client-Id = signed.clientId, Request-Time = signed.time, Signature = signed.headerValue

        let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(TestKeys.merchantPublicKey))
        switch verifier.verify(path: "/aps/api/v1/payments/pay", clientId: signed.clientId,
                               time: signed.time, body: body, signatureHeader: signed.headerValue) {
        case .valid: break                                   // now the body may be believed
        case .invalid(let mismatch): XCTFail("\(mismatch)")  // what was checked and the likely mistakes
        }

        let reformatted = Data(#"{ "paymentRequestId": "pay-1" }"#.utf8)
        guard case .invalid(let mismatch) = verifier.verify(
            path: "/aps/api/v1/payments/pay", clientId: signed.clientId, time: signed.time,
            body: reformatted, signatureHeader: signed.headerValue) else { return XCTFail("a changed body verified") }
        XCTAssertTrue(mismatch.description.contains("body"), mismatch.description)
    }

    func testDuringARotationTheHeadersKeyVersionPicksTheKey() throws {
        let signer = MessageSigner(clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
                                   keyVersion: "2")
        let body = Data("{}".utf8)
        let signed = try signer.sign(path: "/aps/api/v1/payments/pay", body: body)
        let keys = AlipayPlusPublicKeys(keysByVersion: ["1": TestKeys.alipayPlusPublicKey, "2": TestKeys.merchantPublicKey])
        let verdict = SignatureVerifier(keys: keys).verify(path: "/aps/api/v1/payments/pay", clientId: signed.clientId,
                                                           time: signed.time, body: body, signatureHeader: signed.headerValue)
        guard case .valid = verdict else { return XCTFail("\(verdict)") }
    }
}
