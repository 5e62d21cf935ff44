import AlipayPlusSigning
import Foundation
import FuzzSupport

/// Fuzzes the forgiving key loaders (PEM / bare base64 / DER; PKCS#1, PKCS#8, SPKI).
///
/// Properties:
/// 1. `RSAPrivateKey(importing:)`, `RSAPublicKey(importing:)` and the PEM/DER initialisers throw
///    nothing but `KeyLoadingError`.
/// 2. A key that loads is RSA of at least 2048 bits, and its canonical form (PKCS#8 / SPKI, DER and
///    PEM) loads again to the same key.
/// 3. A loaded private key's public half verifies what the private key signs.
/// 4. A key's `description` never contains its encoded material.
@_cdecl("FuzzKeyLoading_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    // The forgiving entries reach the PEM, base64 and DER paths; the strict initialisers are tried
    // on a quarter of the inputs only, as every OpenSSL decode is slow under the sanitizers.
    if let key = loading("RSAPrivateKey(importing:)", { try RSAPrivateKey(importing: data) }) { checkPrivate(key) }
    if let key = loading("RSAPublicKey(importing:)", { try RSAPublicKey(importing: data) }) { checkPublic(key) }
    guard count % 4 == 0 else { return 0 }
    if let key = loading("RSAPrivateKey(derRepresentation:)", { try RSAPrivateKey(derRepresentation: data) }) { checkPrivate(key) }
    if let key = loading("RSAPublicKey(derRepresentation:)", { try RSAPublicKey(derRepresentation: data) }) { checkPublic(key) }
    if let text = String(validating: data, as: UTF8.self) {
        if let key = loading("RSAPrivateKey(pemRepresentation:)", { try RSAPrivateKey(pemRepresentation: text) }) { checkPrivate(key) }
        if let key = loading("RSAPublicKey(pemRepresentation:)", { try RSAPublicKey(pemRepresentation: text) }) { checkPublic(key) }
    }
    return 0
}

/// Runs a loader; fails on any error that is not a `KeyLoadingError`.
private func loading<Key>(_ name: String, _ load: () throws -> Key) -> Key? {
    do {
        return try load()
    } catch is KeyLoadingError {
        return nil
    } catch {
        Fuzz.fail("\(name) threw \(type(of: error)): \(error)")
    }
}

private func checkPrivate(_ key: RSAPrivateKey) {
    Fuzz.check(key.bitCount >= 2048, "a \(key.bitCount)-bit private key was accepted")
    let der = key.pkcs8DERRepresentation
    guard let again = loading("reloading PKCS#8 DER", { try RSAPrivateKey(derRepresentation: der) }) else {
        Fuzz.fail("the PKCS#8 DER of a loaded private key does not load")
    }
    Fuzz.check(again.pkcs8DERRepresentation == der, "PKCS#8 DER is not stable across a reload")
    guard let fromPEM = loading("reloading PKCS#8 PEM", { try RSAPrivateKey(pemRepresentation: key.pkcs8PEMRepresentation) }) else {
        Fuzz.fail("the PKCS#8 PEM of a loaded private key does not load")
    }
    Fuzz.check(fromPEM.pkcs8DERRepresentation == der, "PKCS#8 PEM reloads to a different key")
    Fuzz.check(!key.description.contains(der.base64EncodedString().prefix(64)), "description shows key material")
    let message = Data("fuzz".utf8)
    do {
        let signature = try key.signature(for: message)
        Fuzz.check(key.publicKey.isValidSignature(signature, for: message), "the public half does not verify the private key's signature")
    } catch {
        Fuzz.fail("a loaded private key cannot sign: \(error)")
    }
    checkPublic(key.publicKey)
}

private func checkPublic(_ key: RSAPublicKey) {
    Fuzz.check(key.bitCount >= 2048, "a \(key.bitCount)-bit public key was accepted")
    let der = key.spkiDERRepresentation
    guard let again = loading("reloading SPKI DER", { try RSAPublicKey(derRepresentation: der) }) else {
        Fuzz.fail("the SPKI DER of a loaded public key does not load")
    }
    Fuzz.check(again.spkiDERRepresentation == der, "SPKI DER is not stable across a reload")
    guard let fromPEM = loading("reloading SPKI PEM", { try RSAPublicKey(importing: Data(key.spkiPEMRepresentation.utf8)) }) else {
        Fuzz.fail("the SPKI PEM of a loaded public key does not load")
    }
    Fuzz.check(fromPEM.spkiDERRepresentation == der, "SPKI PEM reloads to a different key")
}
