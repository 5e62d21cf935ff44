/// `authorizationNotifyType` of authNotify.
public enum AuthorizationNotifyType: OpenStringEnum {
    /// `AUTHCODE_CREATED`: an auth code exists; carries `authCode` and `authState`.
    case authCodeCreated
    /// `TOKEN_CREATED`: an access token exists; carries `accessToken` and `walletForAccountBinding`.
    case tokenCreated
    /// `TOKEN_CANCELED`: the token was revoked (cancelToken, user or wallet unbinding).
    case tokenCanceled
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "AUTHCODE_CREATED": self = .authCodeCreated
        case "TOKEN_CREATED": self = .tokenCreated
        case "TOKEN_CANCELED": self = .tokenCanceled
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .authCodeCreated: return "AUTHCODE_CREATED"
        case .tokenCreated: return "TOKEN_CREATED"
        case .tokenCanceled: return "TOKEN_CANCELED"
        case .unknown(let value): return value
        }
    }
}
