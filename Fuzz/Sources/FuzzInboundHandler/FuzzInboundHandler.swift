import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import Foundation
import FuzzSupport

/// Fuzzes `AutoDebitCoordinator.handleInbound`, the endpoint Alipay+ (or anyone) can reach.
///
/// Input: one flag byte, then `method \n path \n Client-Id \n Request-Time \n Signature \n body`.
/// Flag bit 0 set: the call is signed with the Alipay+ key the coordinator trusts (the signature
/// field is ignored and the configured client id is used), so decoding and applying are fuzzed too.
/// Flag bit 1 set: the `Client-Id` header is sent twice.
///
/// Properties:
/// 1. The status is always one of 200, 400, 401, 404, 405, 413, 500.
/// 2. Unsigned (fuzzed signature): the status is 401, 404, 405 or 413, and the store receives no
///    write at all (the fuzzer cannot forge RSA signatures).
/// 3. Signed: a 200 answer carries a `Signature` that verifies with the merchant's public key over
///    the same path, client id, `Response-Time` and body; a refusal (4xx) wrote nothing.
@_cdecl("FuzzInboundHandler_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv, fuzz)
}

/// A transport that never sends: inbound handling must not call out.
private struct NoTransport: HTTPTransport {
    struct Refused: Error {}
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { throw Refused() }
}

private let clientId = "FUZZ_CLIENT_0001"
private let bodyLimit = 2048

private let keys: (alipay: RSAPrivateKey, merchant: RSAPrivateKey) = {
    guard let alipay = try? RSAPrivateKey.generate(bitCount: 2048),
          let merchant = try? RSAPrivateKey.generate(bitCount: 2048) else { Fuzz.fail("cannot generate keys") }
    return (alipay, merchant)
}()

private let client = AlipayPlusClient(
    configuration: try! AlipayPlusClient.Configuration(
        clientId: clientId, privateKey: keys.merchant,
        alipayPlusPublicKeys: AlipayPlusPublicKeys(keys.alipay.publicKey), environment: .otherRegions
    ),
    transport: NoTransport()
)
private let alipaySigner = MessageSigner(clientId: clientId, privateKey: keys.alipay)
private let merchantVerifier = SignatureVerifier(keys: AlipayPlusPublicKeys(keys.merchant.publicKey))

private func makeCoordinator(_ store: RecordingStore) -> AutoDebitCoordinator {
    try! AutoDebitCoordinator(
        client: client, store: store.store,
        configuration: AutoDebitCoordinator.Configuration(
            authClientId: "FUZZ_AUTH", authClientName: "Fuzz", authRedirectURL: URL(string: "https://merchant.example/bound")!,
            merchant: Merchant(referenceMerchantId: "M0001"), settlementCurrency: "USD",
            inbound: .init(bodyLimit: bodyLimit)
        )
    )
}

private let allowed: Set<Int> = [200, 400, 401, 404, 405, 413, 500]
private let unsignedAllowed: Set<Int> = [401, 404, 405, 413]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count >= 1 else { return 0 }
    let input = FuzzInput(start, count)
    let flags = input.bytes[0]
    let parts = Array(input.bytes.dropFirst()).split(separator: 0x0A, maxSplits: 5, omittingEmptySubsequences: false).map(Array.init)
    func text(_ index: Int) -> String { index < parts.count ? String(decoding: parts[index], as: UTF8.self) : "" }
    let method = text(0)
    let path = text(1)
    let body = parts.count > 5 ? Data(parts[5]) : Data()
    let signed = flags & 1 == 1
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
    if signed {
        let pathOnly = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        guard let message = try? alipaySigner.sign(path: pathOnly, body: body, time: text(3)) else {
            Fuzz.fail("the test signer failed")
        }
        headers.add(name: "Client-Id", value: clientId)
        headers.add(name: "Request-Time", value: text(3))
        headers.add(name: "Signature", value: message.headerValue)
    } else {
        headers.add(name: "Client-Id", value: text(2))
        headers.add(name: "Request-Time", value: text(3))
        headers.add(name: "Signature", value: text(4))
    }
    if flags & 2 == 2 { headers.add(name: "Client-Id", value: clientId) }
    let request = InboundRequest(method: method, path: path, headers: headers, body: body)

    let store = RecordingStore()
    let coordinator = makeCoordinator(store)
    let response = Fuzz.blocking { await coordinator.handleInbound(request) }
    let writes = store.writes
    Fuzz.check(allowed.contains(response.status), "status \(response.status) for \(method) \(path)")
    if !signed {
        Fuzz.check(unsignedAllowed.contains(response.status), "an unsigned call got status \(response.status): \(method) \(path)")
        Fuzz.check(writes.isEmpty, "an unsigned call changed the store: \(writes)")
    } else if (400..<500).contains(response.status) {
        Fuzz.check(writes.isEmpty, "a refused call (\(response.status)) changed the store: \(writes)")
    } else if response.status == 200 {
        let pathOnly = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let verdict = merchantVerifier.verify(
            path: pathOnly, clientId: response.headers["Client-Id"] ?? "", time: response.headers["Response-Time"] ?? "",
            body: response.body, signatureHeader: response.headers["Signature"]
        )
        Fuzz.check(verdict.isValid, "a 200 answer is not validly signed: \(verdict)")
    }
    return 0
}
