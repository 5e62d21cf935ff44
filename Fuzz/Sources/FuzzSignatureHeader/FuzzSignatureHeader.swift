import AlipayPlusSigning
import Foundation
import FuzzSupport

/// Fuzzes the `Signature` header parser, the inbound signature check and `Request-Time` parsing.
///
/// Properties:
/// 1. `SignatureHeader(parsing:)` throws nothing but `SignatureHeaderError`.
/// 2. A parsed header, re-serialised with `headerValue`, parses to an equal value, and
///    re-serialising that gives the same text (the strict form is a fixed point).
/// 3. `description` never shows the whole signature (it is redacted for logs).
/// 4. `SignatureVerifier.verify` never accepts a fuzzed header: the fuzzer cannot forge RSA.
/// 5. `AlipayPlusTimestamp.date(from:)` either refuses the text or yields a date that
///    `AlipayPlusTimestamp.string(from:precision:)` (`.seconds`) writes back in a form that parses to the same second,
///    or, for an instant outside what the writer writes in UTC (years 1 to 9999: `9999-12-31T23:59:59-11:30` is
///    in year 10000 UTC), to that range's first or last second, as the writer documents.
@_cdecl("FuzzSignatureHeader_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv, fuzz)
}

/// A verifier over a key generated once per process.
private let verifier: SignatureVerifier = {
    guard let key = try? RSAPrivateKey.generate(bitCount: 2048) else { Fuzz.fail("cannot generate a key") }
    return SignatureVerifier(keys: AlipayPlusPublicKeys(key.publicKey))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    let text = String(decoding: input.bytes, as: UTF8.self)
    checkHeader(text)
    checkVerifier(input)
    checkRequestTimeHeader(text)
    return 0
}

private func checkHeader(_ text: String) {
    let header: SignatureHeader
    do {
        header = try SignatureHeader(parsing: text)
    } catch is SignatureHeaderError {
        return
    } catch {
        Fuzz.fail("SignatureHeader(parsing:) threw \(type(of: error)): \(error)")
    }
    let strict = header.headerValue
    let again: SignatureHeader
    do {
        again = try SignatureHeader(parsing: strict)
    } catch {
        Fuzz.fail("the strict form \(strict.debugDescription) of \(text.debugDescription) does not parse: \(error)")
    }
    Fuzz.check(again == header, "round trip changed the header: \(text.debugDescription) → \(strict.debugDescription) → \(again.headerValue.debugDescription)")
    Fuzz.check(again.headerValue == strict, "the strict form is not a fixed point: \(strict.debugDescription)")
    let encoded = header.signature.base64EncodedString()
    if header.signature.count >= 16 {
        Fuzz.check(!header.description.contains(encoded), "description shows the whole signature")
    }
}

private func checkVerifier(_ input: FuzzInput) {
    // Layout: header \n path \n client id \n time \n body
    let parts = input.split(separator: 0x0A, maxParts: 5)
    func part(_ index: Int) -> String { index < parts.count ? String(decoding: parts[index], as: UTF8.self) : "" }
    let body = parts.count > 4 ? Data(parts[4]) : Data()
    let verdict = verifier.verify(path: part(1), clientId: part(2), time: part(3), body: body, signatureHeader: part(0))
    Fuzz.check(!verdict.isValid, "a fuzzed signature verified: \(part(0).debugDescription)")
}

private func checkRequestTimeHeader(_ text: String) {
    guard let date = AlipayPlusTimestamp.date(from: text) else { return }
    let written = AlipayPlusTimestamp.string(from: date, precision: .seconds)
    guard let back = AlipayPlusTimestamp.date(from: written) else {
        Fuzz.fail("AlipayPlusTimestamp wrote \(written.debugDescription) for \(text.debugDescription) and cannot read it back")
    }
    let second = date.timeIntervalSince1970.rounded(.down)
    let expected = min(max(second, writableUTCSeconds.lowerBound), writableUTCSeconds.upperBound)
    Fuzz.check(back.timeIntervalSince1970.rounded(.down) == expected,
               "AlipayPlusTimestamp round trip moved \(text.debugDescription) from \(date.timeIntervalSince1970) to \(back.timeIntervalSince1970)")
}

/// The seconds `AlipayPlusTimestamp.string(from:precision:)` writes at offset 0; it clamps others to these.
private let writableUTCSeconds: ClosedRange<Double> = {
    guard let first = AlipayPlusTimestamp.date(from: "0001-01-01T00:00:00Z"),
          let last = AlipayPlusTimestamp.date(from: "9999-12-31T23:59:59Z")
    else { Fuzz.fail("AlipayPlusTimestamp cannot read the first or last second it writes") }
    return first.timeIntervalSince1970...last.timeIntervalSince1970
}()
