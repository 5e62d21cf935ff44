import AlipayPlusSigning
import Foundation
import XCTest

/// Inputs found by `Fuzz/run.sh` (target FuzzKeyLoading), kept as regression tests.
///
/// A private key whose numbers do not fit together (a character changed in a pasted PEM, a
/// truncated copy) used to load without error and then produce signatures that never verify; a
/// wrong CRT value can even leak the key's factors through such a signature. Loading must refuse it.
final class FuzzRegressionKeyLoadingTests: XCTestCase {
    /// The fuzzer's input: the PKCS#1 fixture with a few base64 characters of `d` and `dmp1` changed.
    static let corruptedPKCS1PEM = """
-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEA3z3OlWFJ3flQGydH3o4GXgFv8RoRraVN865pB1KYicvZ15Tq
LHBXI9SK2Ten6dJcAeQ/rKx9825zGtnUZlsKSKgJhl1n5p4BidwGtq8rOLD2l1fI
sU1vqk8QSb0BVPPgoZWbQUplWjHE/ggA9YpiB1KxcA0U41XxdqBMVTRoOuPf1QUb
701pB/rbIM0cwfFlrHOPwCu9rS95fU2kAuqKg7DL36HBt5YYlwmTY6/0iUp3Hvz1
3ShZdvjm+i9gE4TSyRtL1iqn6Srh0suUf73XOBZqXzSDjc4h0n3r93WA3xOHjHqm
DtEOfQCQMbp5VXplVAmX6gKHhplp1SKU2ecaXQIDAQABAoIBAAwHbTOeZqEMbkdd
//xSFmS+fzmY+oIrCb7CLufnv4X93Dd9hjGbz8UV/E0ON8D4BnK6yb60QG1yVxB1
Ze9O2mPvJOOshF86oaYprXWA+42WQKa+mWTBhjZ4TbvhJ0Fu048IQJ9SF2xtiWV9
X+q2lmfMLq/i6ke40HPytIyLFOFGzMBQTHK8eWKnURQ3JjoirPY2MqqIfKQeuOcs
hrDaIB4hkSz7GkjNy6IXW1cagLvQC9HHmwwdeZbd8BzrwH7waWz0oq9IEeE+yef+
Su+6tfPZytFaXxABxE+FtOtdPDXSIdsyd+x3um96OMiquIZtYWpGC4gTUhcwyrcb
LSoW7W8CgYEA+HrBmiMxY/tfEkF8nd77uyKS0POzo917B9+eN5HtL7bNM02YP3V0
BoI0bGHjRHOVRUeo9OMQrm683vYUq9vkHqRMoO4hWFvFSZ9WXZd5tuZC5RnW+GX1
7waVBajOoxd9DpYOE8qKORpMRU4cO6AQYIl099gbLmqUpXr0vvlVxNMCgYEA5f+A
6R+sjrnChUu6Lfvo2orkP9dDxhwotg6mjY8XyRk58m7Q9dXH4L4Ia6aZRqQZylag
c0R2v8GKhw4s1qnnm1mtKl25+HhZ6C1QBSY7a0X4q+zfn5+F0quI+CAHAgMMh9oE
+DUWsyS3WXFGaBX4x6sRzexyGUa2saMwcpHp5g8CgYBra0Y/CG/VtVoIXl8tMLTK
1ct6oaBLevgxEy8m/uL2+aQERctHw9MA7VEUeczyTrV9Wdlk5LTVc/IawW92TH11
8ble6RNpS2MizMtdcpqfwzOwL1eL0yhayRGrfKq4PvNFVwGG9MyEmyXV4Eq8TBpI
YaQ7cSVvD4xrbZhY5xl5GQKBgHmpZRxsB9BbzNzLyQlIBs2LyN9IVG54OMTNDSc2
eSOEN5XZLqnL0vY8L6IaN1wZtBbHKgqvPY2DqG52fhtzNrODhUky2QvpRc2+ImUG
60l8cuUm4MfED3r4B/UQpARZbohyOEy/cGmE04P5mn+2l6mvATUHjPd3424l35vL
OYnbAoGBAMz98rSSy0aBWW0XsKIw9SUQzyo4dzc97cj0dMnwFkUY297B++1AExLr
Y6WuywpzSTUm4OXTXhXDpmkP+A23mcXH4a4a2nrISgsVCVt1szW05tXAaxMKZgnz
FCceUz3yqKdaKaBn3l7Z7wzf/Tz6GJP2TQCd8DmDZEZLmxWBL5/m
-----END RSA PRIVATE KEY-----
"""

    func testFuzzFoundCorruptedPrivateKeyIsRefused() {
        XCTAssertThrowsError(try RSAPrivateKey(importing: Data(Self.corruptedPKCS1PEM.utf8))) { error in
            XCTAssertTrue(error is KeyLoadingError, "expected KeyLoadingError, got \(type(of: error)): \(error)")
        }
        XCTAssertThrowsError(try RSAPrivateKey(pemRepresentation: Self.corruptedPKCS1PEM))
    }

    /// One byte flipped inside each of n, d, p, dmp1 and iqmp of the valid PKCS#1 DER fixture.
    func testPrivateKeyWithAnyInconsistentNumberIsRefused() throws {
        let der = try Fixtures.data("private_pkcs1.der")
        XCTAssertNoThrow(try RSAPrivateKey(derRepresentation: der), "the fixture itself must load")
        // Offsets inside the INTEGER contents (see `openssl asn1parse -inform DER`).
        for (field, offset) in [("n", 140), ("d", 400), ("p", 600), ("dmp1", 860), ("iqmp", 1100)] {
            var corrupted = der
            corrupted[corrupted.startIndex + offset] ^= 0x10
            XCTAssertThrowsError(try RSAPrivateKey(derRepresentation: corrupted), "a key with a changed \(field) loaded") { error in
                XCTAssertTrue(error is KeyLoadingError, "\(field): expected KeyLoadingError, got \(type(of: error))")
            }
        }
    }
}
