/// prepare: get the URL of the Alipay+ wallet page where the user picks a wallet and authorizes.
///
/// `POST /aps/api/v1/authorizations/prepare`. Idempotent on `authClientId` + `referenceAgreementId`
/// (all other parameters must be identical on a repeat).
public struct PrepareRequest: AlipayPlusOperation, Codable, Hashable {
    /// The response type.
    public typealias Response = PrepareResponse
    /// `prepare`.
    public static var name: String { "prepare" }
    /// `/aps/api/v1/authorizations/prepare`.
    public static var path: String { "/aps/api/v1/authorizations/prepare" }
    /// 5 s.
    public static var recommendedTimeout: Duration { .seconds(5) }
    /// Idempotent on `authClientId` + `referenceAgreementId`.
    public static var resendSafety: ResendSafety { .idempotent }
    /// `authClientId` and `referenceAgreementId` joined by `/` (nil without a referenceAgreementId).
    public var idempotencyKey: String? {
        guard let referenceAgreementId, !referenceAgreementId.isEmpty else { return nil }
        return authClientId + "/" + referenceAgreementId
    }

    /// `authClientId`: the merchant as auth client, required, at most 64; reuse it in applyToken and cancelToken.
    public var authClientId: String
    /// `authClientName`: registered legal name, required, at most 256.
    public var authClientName: String
    /// `authClientDisplayName`: trade name, at most 64; required when it differs from `authClientName`.
    public var authClientDisplayName: String?
    /// `authClientLogo`: URL of the logo shown by the wallet [C name].
    public var authClientLogo: String?
    /// `referenceMerchantId`: at most 32 [X].
    public var referenceMerchantId: String?
    /// `referenceAgreementId`: the merchant's agreement id, at most 64 [U]; joint idempotency key.
    public var referenceAgreementId: String?
    /// `authRedirectUrl`: where the wallet sends the user back (with `authCode` and `authState`), required, at most 1024 [U].
    public var authRedirectUrl: String
    /// `scopes`: e.g. `["AGREEMENT_PAY"]` [X], at most 4 entries [U].
    public var scopes: [String]?
    /// `authState`: opaque state echoed on the redirect and in authNotify, at most 256 [X].
    public var authState: String?
    /// `terminalType`: `WEB`, `WAP` or `APP` (`MINI_APP` not accepted).
    public var terminalType: TerminalType?
    /// `osType`: `IOS` or `ANDROID`; probably required for WAP/APP [U].
    public var osType: OSType?
    /// `passThroughInfo`: key-value text relayed to the wallet, at most 20000 [U].
    public var passThroughInfo: String?

    /// The Auto Debit scope `AGREEMENT_PAY` [X].
    public static let agreementPayScope = "AGREEMENT_PAY"

    /// Creates a prepare request.
    public init(authClientId: String, authClientName: String, authClientDisplayName: String? = nil,
                authClientLogo: String? = nil, referenceMerchantId: String? = nil, referenceAgreementId: String? = nil,
                authRedirectUrl: String, scopes: [String]? = [PrepareRequest.agreementPayScope], authState: String? = nil,
                terminalType: TerminalType? = nil, osType: OSType? = nil, passThroughInfo: String? = nil) {
        self.authClientId = authClientId
        self.authClientName = authClientName
        self.authClientDisplayName = authClientDisplayName
        self.authClientLogo = authClientLogo
        self.referenceMerchantId = referenceMerchantId
        self.referenceAgreementId = referenceAgreementId
        self.authRedirectUrl = authRedirectUrl
        self.scopes = scopes
        self.authState = authState
        self.terminalType = terminalType
        self.osType = osType
        self.passThroughInfo = passThroughInfo
    }

    /// Checks required fields, lengths and allowed values.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(authClientId, "authClientId", maxLength: 64)
        c.require(authClientName, "authClientName", maxLength: 256)
        c.optional(authClientDisplayName, "authClientDisplayName", maxLength: 64)
        c.optional(authClientLogo, "authClientLogo", maxLength: 2048)
        c.optional(referenceMerchantId, "referenceMerchantId", maxLength: 32)
        c.optional(referenceAgreementId, "referenceAgreementId", maxLength: 64)
        c.require(authRedirectUrl, "authRedirectUrl", maxLength: 1024)
        if let scopes {
            if scopes.count > 4 { c.report("scopes", "more than 4 entries") }
            for (index, scope) in scopes.enumerated() where scope.isEmpty { c.report("scopes[\(index)]", "empty") }
        }
        c.optional(authState, "authState", maxLength: 256)
        c.allowed(terminalType, "terminalType", [.web, .wap, .app])
        c.allowed(osType, "osType", [.iOS, .android])
        c.optional(passThroughInfo, "passThroughInfo", maxLength: 20000)
        return c.problems
    }
}
