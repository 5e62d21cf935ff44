import AlipayPlusSigning
import Foundation
import XCTest

/// Loading, signing, verifying and failing in a loop must not grow resident memory.
///
/// `ALIPAYPLUS_LEAK_ITERATIONS` sets the loop length (default 60 for CI; the figure uses
/// 10,000 in a release build: `ALIPAYPLUS_LEAK_ITERATIONS=10000 swift test -c release --filter MemoryStabilityTests`).
final class MemoryStabilityTests: XCTestCase {
    func testLoadSignVerifyAndFailureLoopKeepsResidentMemoryFlat() throws {
        let iterations = ProcessInfo.processInfo.environment["ALIPAYPLUS_LEAK_ITERATIONS"].flatMap(Int.init) ?? 60
        let privatePEM = try Fixtures.text("private_pkcs8.pem")
        let pkcs1DER = try Fixtures.data("private_pkcs1.der")
        let publicPEM = try Fixtures.text("public_spki.pem")
        let rejected = try ["private_encrypted.pem", "ec_private.pem", "rsa1024_private.pem", "public_spki.pem"]
            .map { try Fixtures.data($0) } + [Data("not a key".utf8)]

        func iteration(_ index: Int) throws {
            let key = index.isMultiple(of: 2)
                ? try RSAPrivateKey(pemRepresentation: privatePEM) : try RSAPrivateKey(derRepresentation: pkcs1DER)
            let verifier = SignatureVerifier(keys: AlipayPlusPublicKeys(try RSAPublicKey(pemRepresentation: publicPEM)))
            let signed = try MessageSigner(clientId: Fixtures.payClientId, privateKey: key)
                .sign(path: Fixtures.payPath, body: Fixtures.payBody, time: Fixtures.payTime)
            XCTAssertTrue(verifier.verify(path: Fixtures.payPath, clientId: Fixtures.payClientId, time: Fixtures.payTime,
                                          body: Fixtures.payBody, signatureHeader: signed.headerValue).isValid)
            let tampered = verifier.verify(path: Fixtures.payPath, clientId: "OTHER", time: Fixtures.payTime,
                                           body: Fixtures.payBody, signatureHeader: signed.headerValue)
            if case .invalid(let mismatch) = tampered { _ = mismatch.description } else { XCTFail("tampered verified") }
            XCTAssertFalse(verifier.verify(path: Fixtures.payPath, clientId: Fixtures.payClientId, time: Fixtures.payTime,
                                           body: Fixtures.payBody, signatureHeader: "garbage").isValid)
            for bytes in rejected { XCTAssertThrowsError(try RSAPrivateKey(importing: bytes)) }
            _ = key.pkcs8PEMRepresentation
        }

        for index in 0..<20 { try iteration(index) }  // warm-up: caches, allocator arenas
        let before = try Self.residentKilobytes()
        for index in 0..<iterations { try iteration(index) }
        let after = try Self.residentKilobytes()
        print("memory: \(iterations) load/sign/verify/failure iterations, RSS \(before) KB -> \(after) KB")
        XCTAssertLessThan(after - before, 8_192, "resident memory grew by \(after - before) KB")
    }

    /// VmRSS of this process from /proc, in kilobytes.
    private static func residentKilobytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
