/// consultUnbinding (Alipay+ → merchant): may the wallet revoke this user's token?
///
/// Answer with ``ConsultUnbindingResponse`` within 5 s.
public struct ConsultUnbindingRequest: AlipayPlusNotification, Hashable {
    /// The answer.
    public typealias Answer = ConsultUnbindingResponse
    /// `consultUnbinding`.
    public static var name: String { "consultUnbinding" }
    /// `/aps/api/v1/authorizations/consultUnbinding`.
    public static var path: String { "/aps/api/v1/authorizations/consultUnbinding" }

    /// `authClientId`: required, at most 64.
    public var authClientId: String
    /// `referenceMerchantId`: required, at most 32.
    public var referenceMerchantId: String?
    /// `accessToken`: required, at most 128.
    public var accessToken: Secret
    /// `acquirerId`: required, at most 64.
    public var acquirerId: String?
    /// `pspId`: required, at most 64.
    public var pspId: String?

    /// Creates a request (tests, simulators).
    public init(authClientId: String, referenceMerchantId: String? = nil, accessToken: Secret,
                acquirerId: String? = nil, pspId: String? = nil) {
        self.authClientId = authClientId
        self.referenceMerchantId = referenceMerchantId
        self.accessToken = accessToken
        self.acquirerId = acquirerId
        self.pspId = pspId
    }
}
