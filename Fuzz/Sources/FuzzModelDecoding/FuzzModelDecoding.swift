import AlipayPlusModels
import Foundation
import FuzzSupport

/// Fuzzes `AlipayPlusJSON.decode` for every request, response and notification type.
///
/// The first input byte picks the type, the rest is the body. Properties:
/// 1. Decoding throws nothing but `DecodingError`.
/// 2. A decoded value encodes without error, and the encoding decodes again. The encoder omits empty
///    optional values ("" and {}) by the wire rules, so the first round trip may drop those; after it
///    the round trip is exact: re-encoding gives the same bytes and decoding them an equal value.
/// 3. `validate()` (for request types) answers without crashing on anything that decodes.
@_cdecl("FuzzModelDecoding_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv, fuzz)
}

/// One round-trip check per type, in a fixed order (the corpus files start with the index byte).
private let checks: [(String, @Sendable (Data) -> Void)] = [
    ("PrepareRequest", { roundTrip(PrepareRequest.self, $0) }),
    ("PrepareResponse", { roundTrip(PrepareResponse.self, $0) }),
    ("ApplyTokenRequest", { roundTrip(ApplyTokenRequest.self, $0) }),
    ("ApplyTokenResponse", { roundTrip(ApplyTokenResponse.self, $0) }),
    ("CancelTokenRequest", { roundTrip(CancelTokenRequest.self, $0) }),
    ("CancelTokenResponse", { roundTrip(CancelTokenResponse.self, $0) }),
    ("PayRequest", { roundTrip(PayRequest.self, $0) }),
    ("PayResponse", { roundTrip(PayResponse.self, $0) }),
    ("InquiryPaymentRequest", { roundTrip(InquiryPaymentRequest.self, $0) }),
    ("InquiryPaymentResponse", { roundTrip(InquiryPaymentResponse.self, $0) }),
    ("CancelPaymentRequest", { roundTrip(CancelPaymentRequest.self, $0) }),
    ("CancelPaymentResponse", { roundTrip(CancelPaymentResponse.self, $0) }),
    ("RefundRequest", { roundTrip(RefundRequest.self, $0) }),
    ("RefundResponse", { roundTrip(RefundResponse.self, $0) }),
    ("ConsultPaymentRequest", { roundTrip(ConsultPaymentRequest.self, $0) }),
    ("ConsultPaymentResponse", { roundTrip(ConsultPaymentResponse.self, $0) }),
    ("RegistrationRequest", { roundTrip(RegistrationRequest.self, $0) }),
    ("RegistrationResponse", { roundTrip(RegistrationResponse.self, $0) }),
    ("InquiryRegistrationStatusRequest", { roundTrip(InquiryRegistrationStatusRequest.self, $0) }),
    ("InquiryRegistrationStatusResponse", { roundTrip(InquiryRegistrationStatusResponse.self, $0) }),
    ("NotifyPaymentRequest", { roundTrip(NotifyPaymentRequest.self, $0) }),
    ("AuthNotifyRequest", { roundTrip(AuthNotifyRequest.self, $0) }),
    ("ConsultUnbindingRequest", { roundTrip(ConsultUnbindingRequest.self, $0) }),
    ("NotifyRegistrationStatusRequest", { roundTrip(NotifyRegistrationStatusRequest.self, $0) }),
    ("NotificationAcknowledgement", { roundTrip(NotificationAcknowledgement.self, $0) }),
    ("ConsultUnbindingResponse", { roundTrip(ConsultUnbindingResponse.self, $0) }),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count >= 1 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let selector = Int(bytes[0]) % checks.count
    checks[selector].1(Data(bytes[1...]))
    return 0
}

private func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ body: Data) {
    let value: T
    do {
        value = try AlipayPlusJSON.decode(T.self, from: body)
    } catch is DecodingError {
        return
    } catch {
        Fuzz.fail("decoding \(T.self) threw \(Swift.type(of: error)): \(error)")
    }
    if let validatable = value as? any Validatable { _ = validatable.validate() }
    let encoded: Data
    do {
        encoded = try AlipayPlusJSON.encode(value)
    } catch {
        Fuzz.fail("a decoded \(T.self) does not encode: \(error)")
    }
    let normalized = decodeOrFail(T.self, encoded, what: "the encoding of a decoded")
    // The encoder leaves out empty optional values ("" and {}), by the wire rules, so a value
    // decoded from a body that carried them may differ from `normalized` in exactly those fields;
    // from there on the round trip must be exact.
    guard let reencoded = try? AlipayPlusJSON.encode(normalized) else { Fuzz.fail("re-encoding \(T.self) failed") }
    Fuzz.check(reencoded == encoded, "\(T.self) wire form is not a fixed point:\ninput:  \(String(decoding: body, as: UTF8.self))\nfirst:  \(String(decoding: encoded, as: UTF8.self))\nsecond: \(String(decoding: reencoded, as: UTF8.self))")
    let again = decodeOrFail(T.self, reencoded, what: "the re-encoding of a decoded")
    Fuzz.check(again == normalized, "\(T.self) changed across encode/decode:\ninput:   \(String(decoding: body, as: UTF8.self))\nencoded: \(String(decoding: encoded, as: UTF8.self))")

}

private func decodeOrFail<T: Decodable>(_ type: T.Type, _ data: Data, what: String) -> T {
    do {
        return try AlipayPlusJSON.decode(T.self, from: data)
    } catch {
        Fuzz.fail("\(what) \(T.self) does not decode: \(error)\n\(String(decoding: data, as: UTF8.self))")
    }
}
