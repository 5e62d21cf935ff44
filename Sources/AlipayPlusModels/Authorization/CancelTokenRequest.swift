/// cancelToken: revoke an access token (merchant-initiated unbinding).
///
/// `POST /aps/api/v1/authorizations/cancelToken`. Idempotent on `accessToken`.
public struct CancelTokenRequest: AlipayPlusOperation, Codable, Hashable {
    /// The response type.
    public typealias Response = CancelTokenResponse
    /// `cancelToken`.
    public static var name: String { "cancelToken" }
    /// `/aps/api/v1/authorizations/cancelToken`.
    public static var path: String { "/aps/api/v1/authorizations/cancelToken" }
    /// 5 s.
    public static var recommendedTimeout: Duration { .seconds(5) }
    /// Idempotent on `accessToken`.
    public static var resendSafety: ResendSafety { .idempotent }
    /// The access token itself: a secret, never log it.
    public var idempotencyKey: String? { accessToken.revealed }

    /// `accessToken`: required, at most 128.
    public var accessToken: Secret
    /// `authClientId`: required, at most 64; the value used in prepare.
    public var authClientId: String
    /// `passThroughInfo`: key-value text passed to the wallet, at most 20000.
    public var passThroughInfo: String?

    /// Creates a request.
    public init(accessToken: Secret, authClientId: String, passThroughInfo: String? = nil) {
        self.accessToken = accessToken
        self.authClientId = authClientId
        self.passThroughInfo = passThroughInfo
    }

    /// Checks required fields and lengths.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(accessToken, "accessToken", maxLength: 128)
        c.require(authClientId, "authClientId", maxLength: 64)
        c.optional(passThroughInfo, "passThroughInfo", maxLength: 20000)
        return c.problems
    }
}
