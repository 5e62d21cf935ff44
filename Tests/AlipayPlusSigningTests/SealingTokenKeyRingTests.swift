@testable import AlipayPlusSigning
import Foundation
import XCTest

/// The rules a key ring keeps when it seals and opens: round trips, every refusal, fresh nonces,
/// rotation and lookup hashes.
final class SealingTokenKeyRingTests: XCTestCase {
    private let accessAD = "binding/B-1/accessToken"

    func testASealedValueOpensToTheSameValue() throws {
        let ring = try SealingFixtures.twoKeyRing()
        for value in ["AT-20241201-abcdef", "", "ünïcødé ✓ トークン", String(repeating: "x", count: 4096)] {
            let sealed = try ring.seal(value, associatedData: accessAD)
            XCTAssertEqual(sealed.keyId, "k2")
            XCTAssertEqual(try ring.open(sealed, associatedData: accessAD), value)
            XCTAssertEqual(try ring.open(SealedSecret(parsing: sealed.stringRepresentation), associatedData: accessAD), value)
        }
    }

    func testEverySealUsesAFreshNonce() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let sealed = try (0..<64).map { _ in try ring.seal("same token", associatedData: accessAD) }
        XCTAssertEqual(Set(sealed.map { Array($0.nonce) }).count, 64, "a nonce repeated")
        XCTAssertEqual(Set(sealed.map(\.stringRepresentation)).count, 64)
    }

    func testTheSealedStringDoesNotContainThePlaintext() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let token = "AT-PLAINTEXT-MARKER-0123456789"
        let text = try ring.seal(token, associatedData: accessAD).stringRepresentation
        XCTAssertFalse(text.contains(token))
        XCTAssertFalse(text.contains(Data(token.utf8).base64EncodedString().prefix(12)))
    }

    func testAChangedByteAnywhereInTheSealedValueIsRefused() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let sealed = try ring.seal("AT-tamper-me", associatedData: accessAD)
        for index in sealed.payload.indices {
            var payload = sealed.payload
            payload[index] ^= 0x01
            let changed = SealedSecret(keyId: sealed.keyId, payload: payload)
            let region = index < 4 ? "check" : index < 16 ? "nonce" : index < payload.count - 16 ? "ciphertext" : "tag"
            XCTAssertThrowsError(try ring.open(changed, associatedData: accessAD), "byte \(index) (\(region))") { error in
                XCTAssertEqual((error as? SealingError)?.code, .tamperedCiphertext, "byte \(index) (\(region)): \(error)")
            }
        }
    }

    func testATruncatedOrExtendedSealedValueIsRefused() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let sealed = try ring.seal("AT-length", associatedData: accessAD)
        for payload in [Array(sealed.payload.dropLast()), sealed.payload + [0], Array(sealed.payload.prefix(SealedSecret.overheadCount))] {
            SealingFixtures.assertRefused(.tamperedCiphertext, "failed authentication") {
                try ring.open(SealedSecret(keyId: "k2", payload: payload), associatedData: accessAD)
            }
        }
    }

    func testASealedTokenOpensOnlyForTheRecordItWasSealedFor() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let sealed = try ring.seal("AT-bound", associatedData: "binding/B-1/accessToken")
        for other in ["binding/B-2/accessToken", "binding/B-1/refreshToken", "binding/B-1/accessToken ", ""] {
            SealingFixtures.assertRefused(.wrongAssociatedData, "belongs to another record") {
                try ring.open(sealed, associatedData: other)
            }
        }
    }

    func testAValueRelabelledWithAnotherKeyIdIsRefused() throws {
        let ring = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA).adding(keyId: "k2", key: SealingFixtures.keyA)
        let sealed = try ring.seal("AT-relabel", associatedData: accessAD)
        // Same key bytes under both ids: only the key id bound in the associated data tells them apart.
        SealingFixtures.assertRefused(.tamperedCiphertext, "failed authentication") {
            try ring.open(SealedSecret(keyId: "k1", payload: sealed.payload), associatedData: accessAD)
        }
    }

    func testAValueSealedUnderAKeyTheRingLacksNamesTheMissingKeyId() throws {
        let old = try TokenKeyRing(keyId: "k-2024", key: SealingFixtures.keyA)
        let sealed = try old.seal("AT-old", associatedData: accessAD)
        let current = try TokenKeyRing(keyId: "k-2025", key: SealingFixtures.keyB)
        for attempt in [{ try current.open(sealed, associatedData: self.accessAD) }, { try current.reseal(sealed, associatedData: self.accessAD).keyId }] {
            XCTAssertThrowsError(try attempt()) { error in
                let error = error as? SealingError
                XCTAssertEqual(error?.code, .unknownKeyId)
                XCTAssertEqual(error?.keyId, "k-2024")
                XCTAssertTrue(error?.message.contains("'k-2024'") ?? false, "\(String(describing: error))")
                XCTAssertTrue(error?.message.contains("add key 'k-2024' back") ?? false)
            }
        }
    }

    func testTheSameKeyIdWithOtherKeyBytesIsRefusedAsTampered() throws {
        let sealed = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA).seal("AT-x", associatedData: accessAD)
        let impostor = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyB)
        SealingFixtures.assertRefused(.tamperedCiphertext, "the key under this id is not the one that sealed it") {
            try impostor.open(sealed, associatedData: accessAD)
        }
    }

    func testValuesSealedBeforeAKeyWasAddedStillOpen() throws {
        let first = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA)
        let before = try first.seal("AT-before", associatedData: accessAD)
        let rotated = try first.adding(keyId: "k2", key: SealingFixtures.keyB)
        let after = try rotated.seal("AT-after", associatedData: accessAD)
        XCTAssertEqual(rotated.sealingKeyId, "k2")
        XCTAssertEqual(after.keyId, "k2")
        XCTAssertEqual(try rotated.open(before, associatedData: accessAD), "AT-before")
        XCTAssertEqual(try rotated.open(after, associatedData: accessAD), "AT-after")
        XCTAssertTrue(rotated.needsResealing(before))
        XCTAssertFalse(rotated.needsResealing(after))
    }

    func testResealingMovesAValueToTheSealingKeySoTheOldKeyCanBeRemoved() throws {
        let rotated = try SealingFixtures.twoKeyRing()
        let old = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA).seal("AT-rotate", associatedData: accessAD)
        let resealed = try rotated.reseal(old, associatedData: accessAD)
        XCTAssertEqual(resealed.keyId, "k2")
        XCTAssertEqual(try rotated.reseal(resealed, associatedData: accessAD), resealed, "already current: unchanged")
        let withoutOldKey = try TokenKeyRing(keyId: "k2", key: SealingFixtures.keyB)
        XCTAssertEqual(try withoutOldKey.open(resealed, associatedData: accessAD), "AT-rotate")
        SealingFixtures.assertRefused(.wrongAssociatedData, "another record") { try rotated.reseal(old, associatedData: "binding/B-9/accessToken") }
    }

    func testAKeyAddedForOpeningOnlyDoesNotSealUntilItIsMadeTheSealingKey() throws {
        let staged = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA).adding(keyId: "k2", key: SealingFixtures.keyB, sealsNewValues: false)
        XCTAssertEqual(staged.sealingKeyId, "k1")
        XCTAssertEqual(try staged.seal("AT-staged", associatedData: accessAD).keyId, "k1")
        let fromNewServer = try SealingFixtures.twoKeyRing().seal("AT-new", associatedData: accessAD)
        XCTAssertEqual(try staged.open(fromNewServer, associatedData: accessAD), "AT-new")
    }

    func testAStoreCanCheckItHoldsEveryKeyItsRecordsNeed() throws {
        let ring = try SealingFixtures.twoKeyRing()
        XCTAssertNoThrow(try ring.requireKeys(["k1", "k2", "k1"]))
        XCTAssertThrowsError(try ring.requireKeys(["k2", "k0"])) { error in
            XCTAssertEqual((error as? SealingError)?.code, .unknownKeyId)
            XCTAssertEqual((error as? SealingError)?.keyId, "k0")
            XCTAssertTrue("\(error)".contains("it holds 'k1', 'k2'"), "\(error)")
        }
    }

    func testKeysMustBeExactly32BytesAndIdsMustFollowTheRule() throws {
        for count in [0, 16, 31, 33, 64] {
            SealingFixtures.assertRefused(.badKeyLength, "is \(count) bytes; token keys are exactly 32 bytes") {
                try TokenKeyRing(keyId: "k1", key: [UInt8](repeating: 7, count: count))
            }
        }
        for id in ["", "k.1", "k:1", "k 1", "k,1", "ключ", String(repeating: "k", count: 33)] {
            SealingFixtures.assertRefused(.invalidKeyId, "a key id must be 1 to 32 characters") {
                try TokenKeyRing(keyId: id, key: SealingFixtures.keyA)
            }
        }
        XCTAssertNoThrow(try TokenKeyRing(keyId: String(repeating: "K", count: 32), key: SealingFixtures.keyA))
        SealingFixtures.assertRefused(.duplicateKeyId, "holds key id 'k1' twice") {
            try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA).adding(keyId: "k1", key: SealingFixtures.keyB)
        }
    }

    func testAValueLargerThanTheLimitIsRefused() throws {
        let ring = try SealingFixtures.twoKeyRing()
        XCTAssertNoThrow(try ring.seal(String(repeating: "a", count: TokenKeyRing.maximumPlaintextCount), associatedData: accessAD))
        SealingFixtures.assertRefused(.valueTooLarge, "at most 65536") {
            try ring.seal(String(repeating: "a", count: TokenKeyRing.maximumPlaintextCount + 1), associatedData: accessAD)
        }
    }

    // MARK: - Lookup hashes

    func testALookupHashIsStablePerKeyAndDiffersAcrossTokensAndKeys() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let hash = try ring.lookupHash(of: "AT-lookup")
        XCTAssertEqual(hash.keyId, "k2")
        XCTAssertEqual(try ring.lookupHash(of: "AT-lookup"), hash)
        XCTAssertNotEqual(try ring.lookupHash(of: "AT-lookup2"), hash)
        let oldKeyHash = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA).lookupHash(of: "AT-lookup")
        XCTAssertNotEqual(oldKeyHash.digest, hash.digest)
        XCTAssertFalse(hash.stringRepresentation.contains("AT-lookup"))
    }

    func testLookupDuringRotationFindsRecordsHashedUnderEitherKey() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let hashes = try ring.lookupHashes(of: "AT-rotating")
        XCTAssertEqual(hashes.map(\.keyId), ["k2", "k1"], "sealing key first")
        let storedBeforeRotation = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA).lookupHash(of: "AT-rotating")
        let storedAfterRotation = try ring.lookupHash(of: "AT-rotating")
        XCTAssertTrue(hashes.contains(storedBeforeRotation))
        XCTAssertTrue(hashes.contains(storedAfterRotation))
    }

    func testRotationReHashesARecordUnderTheKeyThatReSealedIt() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let old = try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA).seal("AT-rehash", associatedData: accessAD)
        XCTAssertEqual(try ring.lookupHash(ofSealed: old, associatedData: accessAD),
                       try TokenKeyRing(keyId: "k1", key: SealingFixtures.keyA).lookupHash(of: "AT-rehash"))
        let resealed = try ring.reseal(old, associatedData: accessAD)
        XCTAssertEqual(try ring.lookupHash(ofSealed: resealed, associatedData: accessAD), try ring.lookupHash(of: "AT-rehash"))
        SealingFixtures.assertRefused(.wrongAssociatedData, "another record") {
            try ring.lookupHash(ofSealed: resealed, associatedData: "binding/B-2/accessToken")
        }
        SealingFixtures.assertRefused(.unknownKeyId, "'k1'") {
            try TokenKeyRing(keyId: "k2", key: SealingFixtures.keyB).lookupHash(ofSealed: old, associatedData: accessAD)
        }
    }

    func testTheLookupKeyIsNotTheSealingKey() throws {
        let ring = try SealingFixtures.twoKeyRing()
        let key = try XCTUnwrap(ring.key(withId: "k2"))
        let sealingBytes = key.sealingKey.withUnsafeBytes { Array($0) }
        let lookupBytes = key.lookupKey.withUnsafeBytes { Array($0) }
        XCTAssertEqual(sealingBytes, SealingFixtures.keyB)
        XCTAssertEqual(lookupBytes.count, 32)
        XCTAssertNotEqual(lookupBytes, sealingBytes)
    }

    func testARingIsSharedAcrossConcurrentTasks() async throws {
        let ring = try SealingFixtures.twoKeyRing()
        let opened = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<32 {
                group.addTask {
                    let sealed = try ring.seal("AT-\(index)", associatedData: "binding/B-\(index)/accessToken")
                    return try ring.open(sealed, associatedData: "binding/B-\(index)/accessToken")
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        XCTAssertEqual(opened, Set((0..<32).map { "AT-\($0)" }))
    }
}
