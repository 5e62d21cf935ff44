/// `grantType` of applyToken.
public enum GrantType: OpenStringEnum {
    /// `AUTHORIZATION_CODE`: exchange an auth code for tokens.
    case authorizationCode
    /// `REFRESH_TOKEN`: exchange a refresh token for a new token pair.
    case refreshToken
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "AUTHORIZATION_CODE": self = .authorizationCode
        case "REFRESH_TOKEN": self = .refreshToken
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .authorizationCode: return "AUTHORIZATION_CODE"
        case .refreshToken: return "REFRESH_TOKEN"
        case .unknown(let value): return value
        }
    }
}
