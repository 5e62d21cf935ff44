/// `osType`: the user's operating system (`OTHER` was removed from prepare in v1.2.5).
public enum OSType: OpenStringEnum {
    /// `IOS`.
    case iOS
    /// `ANDROID`.
    case android
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "IOS": self = .iOS
        case "ANDROID": self = .android
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .iOS: return "IOS"
        case .android: return "ANDROID"
        case .unknown(let value): return value
        }
    }
}
