/// applyToken: exchange an auth code, or a refresh token, for an access token pair.
///
/// `POST /aps/api/v1/authorizations/applyToken`. Use ``authorizationCode(authClientId:authCode:)`` or
/// ``refreshToken(authClientId:refreshToken:)``.
public struct ApplyTokenRequest: AlipayPlusOperation, Codable, Hashable, CustomStringConvertible {
    /// The response type.
    public typealias Response = ApplyTokenResponse
    /// `applyToken`.
    public static var name: String { "applyToken" }
    /// `/aps/api/v1/authorizations/applyToken`.
    public static var path: String { "/aps/api/v1/authorizations/applyToken" }
    /// 5 s.
    public static var recommendedTimeout: Duration { .seconds(5) }
    /// The documentation says to repeat the same request on U or timeout.
    public static var resendSafety: ResendSafety { .idempotent }
    /// None documented.
    public var idempotencyKey: String? { nil }

    /// `authClientId`: required, at most 64; the value used in prepare.
    public var authClientId: String
    /// `grantType`: `AUTHORIZATION_CODE` or `REFRESH_TOKEN`, required.
    public var grantType: GrantType
    /// `authCode`: required for `AUTHORIZATION_CODE`, at most 128 [U].
    public var authCode: Secret?
    /// `refreshToken`: required for `REFRESH_TOKEN`, at most 128 [U].
    public var refreshToken: Secret?
    /// `passThroughInfo` [U].
    public var passThroughInfo: String?

    /// Creates a request; prefer the static constructors.
    public init(authClientId: String, grantType: GrantType, authCode: Secret? = nil, refreshToken: Secret? = nil,
                passThroughInfo: String? = nil) {
        self.authClientId = authClientId
        self.grantType = grantType
        self.authCode = authCode
        self.refreshToken = refreshToken
        self.passThroughInfo = passThroughInfo
    }

    /// `grantType` `AUTHORIZATION_CODE` with the auth code from the redirect or authNotify.
    public static func authorizationCode(authClientId: String, authCode: Secret) -> ApplyTokenRequest {
        ApplyTokenRequest(authClientId: authClientId, grantType: .authorizationCode, authCode: authCode)
    }

    /// `grantType` `REFRESH_TOKEN` with the current refresh token.
    public static func refreshToken(authClientId: String, refreshToken: Secret) -> ApplyTokenRequest {
        ApplyTokenRequest(authClientId: authClientId, grantType: .refreshToken, refreshToken: refreshToken)
    }

    /// Names the grant and client; secrets are redacted.
    public var description: String {
        "ApplyTokenRequest(authClientId: \(authClientId), grantType: \(grantType.rawValue), authCode: \(authCode == nil ? "nil" : "<redacted>"), refreshToken: \(refreshToken == nil ? "nil" : "<redacted>"))"
    }

    /// Checks required fields and the grant-dependent secret.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(authClientId, "authClientId", maxLength: 64)
        c.allowed(grantType, "grantType", [.authorizationCode, .refreshToken], required: true)
        switch grantType {
        case .authorizationCode: c.require(authCode, "authCode", maxLength: 128)
        case .refreshToken: c.require(refreshToken, "refreshToken", maxLength: 128)
        case .unknown: break
        }
        return c.problems
    }
}
