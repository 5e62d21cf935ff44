import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import Foundation
import XCTest

/// Every type that can hold a secret (token, auth code, key, signature) keeps it out of every
/// reflection path: `description`, `debugDescription`, string interpolation, `dump` and `Mirror`.
final class SecretRedactionTests: XCTestCase {
    private static let accessToken = "ACCESS-SECRET-7f3a9c"
    private static let refreshToken = "REFRESH-SECRET-51be02"
    private static let authCode = "AUTHCODE-SECRET-c0ffee"
    private static let agentToken = "AGENT-SECRET-9d1e44"
    private static let bearer = "BEARER-SECRET-a8b2"
    private static let signatureBytes = Data((0..<256).map { UInt8($0 & 0xFF) ^ 0x5A })
    private static var signatureText: String { signatureBytes.base64EncodedString() }
    private static let key = try! RSAPrivateKey.generate()
    /// A line from the middle of the private key's PEM: key material.
    private static var keyMaterial: String {
        let lines = key.pkcs8PEMRepresentation.split(separator: "\n")
        return String(lines[lines.count / 2])
    }
    private static var secrets: [String] {
        [accessToken, refreshToken, authCode, agentToken, bearer, keyMaterial, String(signatureText.prefix(24)),
         String(percentEncoded(signatureText).suffix(24))]
    }

    private static func percentEncoded(_ base64: String) -> String {
        base64.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F")
            .replacingOccurrences(of: "=", with: "%3D")
    }

    /// Every way Swift can turn a value into text.
    private static func renderings(of value: Any) -> [String: String] {
        var dumped = ""
        dump(value, to: &dumped)
        var mirrored = ""
        walk(Mirror(reflecting: value), into: &mirrored)
        return [
            "describing": String(describing: value),
            "reflecting": String(reflecting: value),
            "interpolation": "\(value)",
            "dump": dumped,
            "mirror": mirrored,
        ]
    }

    private static func walk(_ mirror: Mirror, into text: inout String, depth: Int = 0) {
        guard depth < 12 else { return }
        for child in mirror.children {
            text += "\(child.label ?? "_")=\(String(describing: child.value))\n"
            walk(Mirror(reflecting: child.value), into: &text, depth: depth + 1)
        }
    }

    private static func headers() -> HTTPHeaders {
        [
            "Content-Type": "application/json",
            "Signature": "algorithm=RSA256, keyVersion=1, signature=\(percentEncoded(signatureText))",
            "Agent-Token": agentToken,
            "authorization": "Bearer \(bearer)",
        ]
    }

    private static func samples() throws -> [(name: String, value: Any)] {
        let access = Secret(accessToken)
        let refresh = Secret(refreshToken)
        let code = Secret(authCode)
        let signatureHeader = SignatureHeader(keyVersion: "1", signature: signatureBytes)
        let key = Self.key
        let url = URL(string: "https://open-sea-global.alipayplus.com/aps/api/v1/payments/pay")!
        let binding = BindingRecord(
            bindingId: "B-1", merchantUserId: "U-1", accessToken: access, accessTokenExpiryTime: nil,
            refreshToken: refresh, refreshTokenExpiryTime: nil, wallet: nil, createdAt: Date(), updatedAt: Date())
        var pending = PendingAuthorization(authState: "S-1", merchantUserId: "U-1", referenceAgreementId: "A-1", createdAt: Date())
        pending.completedWithAuthCode = code
        let ok = APIResult(resultCode: .success, resultStatus: .success)
        return [
            ("Secret", access),
            ("HTTPHeaders", headers()),
            ("HTTPRequest", HTTPRequest(url: url, headers: headers())),
            ("HTTPResponse", HTTPResponse(status: 200, headers: headers())),
            ("InboundRequest", InboundRequest(path: "/notify", headers: headers(), body: Data())),
            ("InboundResponse", InboundResponse(status: 200, headers: headers(), body: Data())),
            ("SignatureHeader", signatureHeader),
            ("SignedMessage", try MessageSigner(clientId: "C", privateKey: key).sign(path: "/p", body: Data("{}".utf8))),
            ("RSAPrivateKey", key),
            ("MessageSigner", MessageSigner(clientId: "C", privateKey: key)),
            ("AlipayPlusClient.Configuration", try AlipayPlusClient.Configuration(
                clientId: "C", privateKey: key, alipayPlusPublicKeys: AlipayPlusPublicKeys(try RSAPrivateKey.generate().publicKey),
                environment: .otherRegions)),
            ("BindingRecord", binding),
            ("PendingAuthorization", pending),
            ("ApplyTokenRequest", ApplyTokenRequest(authClientId: "C", grantType: .authorizationCode, authCode: code, refreshToken: refresh)),
            ("ApplyTokenResponse", ApplyTokenResponse(result: ok, accessToken: access, refreshToken: refresh)),
            ("CancelTokenRequest", CancelTokenRequest(accessToken: access, authClientId: "C")),
            ("ConsultUnbindingRequest", ConsultUnbindingRequest(authClientId: "C", accessToken: access)),
            ("AuthNotifyRequest", AuthNotifyRequest(authorizationNotifyType: .tokenCreated, authCode: code, accessToken: access)),
            ("PaymentMethod", PaymentMethod.autoDebit(accessToken: access)),
        ]
    }

    func testEveryTypeHoldingASecretRedactsItInEveryReflectionPath() throws {
        var leaks: [String] = []
        for sample in try Self.samples() {
            for (path, text) in Self.renderings(of: sample.value) {
                for secret in Self.secrets where text.contains(secret) {
                    leaks.append("\(sample.name) via \(path) shows \(secret)")
                }
            }
        }
        XCTAssertEqual(leaks, [], leaks.joined(separator: "\n"))
    }
}
