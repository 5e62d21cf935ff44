@testable import AlipayPlusSigning
import CAlipayPlusOpenSSL
import Foundation
import XCTest

/// libcrypto's per-thread error queue around the library's calls: a call starts with an empty queue
/// (an error left by someone else is never reported as its own) and leaves it empty, and the
/// queue is cleared only when it holds something.
final class OpenSSLErrorQueueTests: XCTestCase {
    /// Leaves an error on this thread's queue, as a caller outside the library might.
    private func leaveAnError() {
        let garbage: [UInt8] = [0x30, 0x03, 0x02, 0x01]
        var askedPassphrase: Int32 = 0
        let key = garbage.withUnsafeBufferPointer {
            calipayplus_decode_der($0.baseAddress, $0.count, calipayplus_selection_keypair(), &askedPassphrase)
        }
        XCTAssertNil(key)
        XCTAssertNotEqual(ERR_peek_error(), 0, "the test needs an error on the queue")
    }

    func testAnIsolatedCallStartsWithAnEmptyQueueWhenAnErrorWasLeftBeforeIt() {
        leaveAnError()
        let seen = OpenSSLErrors.isolated { ERR_peek_error() }
        XCTAssertEqual(seen, 0)
        XCTAssertEqual(ERR_peek_error(), 0)
    }

    func testAnIsolatedCallWhoseBodyFailsLeavesTheQueueEmpty() {
        ERR_clear_error()
        OpenSSLErrors.isolated { leaveAnError() }
        XCTAssertEqual(ERR_peek_error(), 0)
    }

    func testAnIsolatedCallOnAnEmptyQueueRunsItsBodyOnceAndKeepsTheQueueEmpty() {
        ERR_clear_error()
        var runs = 0
        let answer = OpenSSLErrors.isolated { runs += 1; return 42 }
        XCTAssertEqual(answer, 42)
        XCTAssertEqual(runs, 1)
        XCTAssertEqual(ERR_peek_error(), 0)
    }

    func testSigningAndVerifyingWithAStaleErrorQueuedStillSucceedAndLeaveTheQueueEmpty() throws {
        let privateKey = try RSAPrivateKey(importing: Fixtures.data("private_pkcs8.pem"))
        let publicKey = try RSAPublicKey(importing: Fixtures.data("public_spki.pem"))
        let message = Data("stale errors are not ours".utf8)
        leaveAnError()
        let signature = try privateKey.signature(for: message)
        XCTAssertEqual(ERR_peek_error(), 0)
        leaveAnError()
        XCTAssertTrue(publicKey.isValidSignature(signature, for: message))
        XCTAssertEqual(ERR_peek_error(), 0)
        leaveAnError()
        XCTAssertFalse(publicKey.isValidSignature(signature, for: Data("another message".utf8)))
        XCTAssertEqual(ERR_peek_error(), 0)
    }

    /// The digest with SHA-256 fetched once and the one-shot `SHA256()` (the limit's) agree on the
    /// FIPS 180-2 examples.
    func testBothDigestRoutesGiveTheKnownSHA256() {
        let table: [(input: String, hex: String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ]
        for row in table {
            for md in [sharedSHA256, nil] {
                let bytes = Array(row.input.utf8)
                var digest = [UInt8](repeating: 0, count: 32)
                let ok = bytes.withUnsafeBufferPointer { calipayplus_sha256(md, $0.baseAddress, $0.count, &digest) }
                XCTAssertEqual(ok, 1)
                XCTAssertEqual(digest.map { String(format: "%02x", $0) }.joined(), row.hex,
                               "\(row.input) with \(md == nil ? "SHA256()" : "the fetched digest")")
            }
        }
        XCTAssertNotNil(sharedSHA256)
        XCTAssertEqual(SHA256Digest.hex(of: Data("abc".utf8)), table[1].hex)
    }
}
