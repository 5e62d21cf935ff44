/// `terminalType`: the kind of terminal the user is on.
public enum TerminalType: OpenStringEnum {
    /// `WEB`: desktop browser.
    case web
    /// `WAP`: mobile browser.
    case wap
    /// `APP`: native app.
    case app
    /// `MINI_APP`: mini program (not accepted by prepare since v1.2.5).
    case miniApp
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "WEB": self = .web
        case "WAP": self = .wap
        case "APP": self = .app
        case "MINI_APP": self = .miniApp
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .web: return "WEB"
        case .wap: return "WAP"
        case .app: return "APP"
        case .miniApp: return "MINI_APP"
        case .unknown(let value): return value
        }
    }
}
