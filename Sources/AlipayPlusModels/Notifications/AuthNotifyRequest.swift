/// authNotify (Alipay+ → merchant): an auth code was created, a token was created, or a token was cancelled.
///
/// Answer with ``NotificationAcknowledgement/success`` within 5 s.
public struct AuthNotifyRequest: AlipayPlusNotification, Hashable {
    /// The acknowledgement.
    public typealias Answer = NotificationAcknowledgement
    /// `authNotify`.
    public static var name: String { "authNotify" }
    /// `/aps/api/v1/authorizations/authNotify` (Alipay+ calls the endpoint configured for the merchant).
    public static var path: String { "/aps/api/v1/authorizations/authNotify" }

    /// `authorizationNotifyType`: required; unknown values are kept.
    public var authorizationNotifyType: AuthorizationNotifyType
    /// `authClientId`: required, at most 64 (decoded as optional).
    public var authClientId: String?
    /// `referenceMerchantId` [X].
    public var referenceMerchantId: String?
    /// `authCode`: on `AUTHCODE_CREATED`, at most 128.
    public var authCode: Secret?
    /// `authState`: the state sent in prepare, at most 256.
    public var authState: String?
    /// `accessToken`: on `TOKEN_CREATED` and `TOKEN_CANCELED`, at most 128.
    public var accessToken: Secret?
    /// `referenceAgreementId` [X].
    public var referenceAgreementId: String?
    /// `walletForAccountBinding`: on `TOKEN_CREATED`.
    public var walletForAccountBinding: Wallet?
    /// `customerId`: the wallet's user id, carried on a successful authorization (`TOKEN_CREATED`),
    /// at most 64. Its presence and length are not confirmed by the Alipay+ page [U]: optional.
    public var customerId: String?
    /// `reason`: on `TOKEN_CANCELED` when given, at most 256 [X analog].
    public var reason: String?
    /// `pspId` [U].
    public var pspId: String?
    /// `acquirerId` [U].
    public var acquirerId: String?
    /// `passThroughInfo` [U].
    public var passThroughInfo: String?

    /// Creates a notification (tests, simulators).
    public init(authorizationNotifyType: AuthorizationNotifyType, authClientId: String? = nil,
                referenceMerchantId: String? = nil, authCode: Secret? = nil, authState: String? = nil,
                accessToken: Secret? = nil, referenceAgreementId: String? = nil, walletForAccountBinding: Wallet? = nil,
                customerId: String? = nil, reason: String? = nil, pspId: String? = nil, acquirerId: String? = nil, passThroughInfo: String? = nil) {
        self.authorizationNotifyType = authorizationNotifyType
        self.authClientId = authClientId
        self.referenceMerchantId = referenceMerchantId
        self.authCode = authCode
        self.authState = authState
        self.accessToken = accessToken
        self.referenceAgreementId = referenceAgreementId
        self.walletForAccountBinding = walletForAccountBinding
        self.customerId = customerId
        self.reason = reason
        self.pspId = pspId
        self.acquirerId = acquirerId
        self.passThroughInfo = passThroughInfo
    }
}
