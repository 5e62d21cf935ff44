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

/// `transactionType` of an inquiryPayment transaction.
public enum TransactionType: OpenStringEnum {
    /// `PAYMENT`.
    case payment
    /// `REFUND`.
    case refund
    /// `AUTHORIZATION`.
    case authorization
    /// `CAPTURE`.
    case capture
    /// `CANCEL`.
    case cancel
    /// `VOID`.
    case void
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "PAYMENT": self = .payment
        case "REFUND": self = .refund
        case "AUTHORIZATION": self = .authorization
        case "CAPTURE": self = .capture
        case "CANCEL": self = .cancel
        case "VOID": self = .void
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .payment: return "PAYMENT"
        case .refund: return "REFUND"
        case .authorization: return "AUTHORIZATION"
        case .capture: return "CAPTURE"
        case .cancel: return "CANCEL"
        case .void: return "VOID"
        case .unknown(let value): return value
        }
    }
}

/// `transactionStatus` of an inquiryPayment transaction.
public enum TransactionStatus: OpenStringEnum {
    /// `SUCCESS`.
    case success
    /// `FAIL`.
    case fail
    /// `PROCESSING`.
    case processing
    /// `CANCELLED`.
    case cancelled
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "SUCCESS": self = .success
        case "FAIL": self = .fail
        case "PROCESSING": self = .processing
        case "CANCELLED": self = .cancelled
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .success: return "SUCCESS"
        case .fail: return "FAIL"
        case .processing: return "PROCESSING"
        case .cancelled: return "CANCELLED"
        case .unknown(let value): return value
        }
    }
}

/// `paymentFactor.presentmentMode` ([X]: `TILE`, `UNIFIED`).
public enum PresentmentMode: OpenStringEnum {
    /// `UNIFIED`: the Alipay+ wallet page.
    case unified
    /// `TILE`: one tile per wallet.
    case tile
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "UNIFIED": self = .unified
        case "TILE": self = .tile
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .unified: return "UNIFIED"
        case .tile: return "TILE"
        case .unknown(let value): return value
        }
    }
}
