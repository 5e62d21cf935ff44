import AlipayPlusSigning
import XCTest

/// ``SignatureHeader/isBareSignature(_:)``: a signature alone, or a header (with or without its
/// `signature=` part).
final class SignatureHeaderBareValueTests: XCTestCase {
    func testAValueWithKeyValuePartsIsAHeaderEvenWithoutItsSignaturePart() {
        let table: [(value: String, isBare: Bool)] = [
            ("KrwDE9tAPJYBb7cGRMP8Aw==", true),                   // standard base64, padded
            ("KrwDE9tAPJYBb7cGRMP8Aw%3D%3D", true),               // percent-encoded
            ("KrwDE9tAPJYBb7cGRMP8Aw", true),                     // unpadded base64url
            (" KrwDE9t+APJY/Bb7c= ", true),                       // spaces around
            ("algorithm=RSA256, keyVersion=1", false),             // a header without signature=
            ("keyVersion=1", false),
            ("algorithm=RSA256,keyVersion=1,signature=abc%3D", false),
            ("signature=abc==", false),
            ("abc=def", false),                                    // '=' inside: not padding
            ("abc,def", false),
        ]
        for row in table {
            XCTAssertEqual(SignatureHeader.isBareSignature(row.value), row.isBare, row.value)
        }
    }
}
