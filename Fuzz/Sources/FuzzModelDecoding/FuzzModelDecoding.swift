import AlipayPlusModels
import Foundation
import FuzzSupport

/// Fuzzes `AlipayPlusJSON.decode` for every request, response and notification type.
///
/// The first input byte picks the type, the rest is the body. Properties:
/// 1. Decoding throws nothing but `DecodingError`.
/// 2. A decoded value encodes without error; the encoding decodes to an equal value; and encoding
///    that again gives the same bytes (the wire form is a fixed point).
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
    let again: T
    do {
        again = try AlipayPlusJSON.decode(T.self, from: encoded)
    } catch {
        Fuzz.fail("the encoding of a decoded \(T.self) does not decode: \(error)\n\(String(decoding: encoded, as: UTF8.self))")
    }
    Fuzz.check(again == value, "\(T.self) changed across encode/decode:\ninput:   \(String(decoding: body, as: UTF8.self))\nencoded: \(String(decoding: encoded, as: UTF8.self))")
    guard let reencoded = try? AlipayPlusJSON.encode(again) else { Fuzz.fail("re-encoding \(T.self) failed") }
    Fuzz.check(reencoded == encoded, "\(T.self) wire form is not a fixed point:\n\(String(decoding: encoded, as: UTF8.self))\n\(String(decoding: reencoded, as: UTF8.self))")
}
