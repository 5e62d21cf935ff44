/// `result.resultCode` (max 64 characters); unknown codes are kept, never rejected.
public struct ResultCode: RawRepresentable, Codable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible {
    /// The code as sent by Alipay+.
    public let rawValue: String

    /// Wraps any code.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps a code literal.
    public init(stringLiteral value: String) { rawValue = value }

    /// Decodes the code from a JSON string.
    ///
    /// - Throws: `DecodingError` when the value is not a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    /// Encodes the code as a JSON string.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    /// The code.
    public var description: String { rawValue }

    // MARK: Common protocol codes

    /// `SUCCESS` (S).
    public static let success: ResultCode = "SUCCESS"
    /// `UNKNOWN_EXCEPTION` (U): unknown failure; inquire, never mint a new request id.
    public static let unknownException: ResultCode = "UNKNOWN_EXCEPTION"
    /// `REQUEST_TRAFFIC_EXCEED_LIMIT` (U): throttled; back off and resend the same request.
    public static let requestTrafficExceedLimit: ResultCode = "REQUEST_TRAFFIC_EXCEED_LIMIT"
    /// `ACCESS_DENIED` (F).
    public static let accessDenied: ResultCode = "ACCESS_DENIED"
    /// `INVALID_API` (F).
    public static let invalidAPI: ResultCode = "INVALID_API"
    /// `INVALID_CLIENT` (F).
    public static let invalidClient: ResultCode = "INVALID_CLIENT"
    /// `INVALID_SIGNATURE` (F): the request signature did not verify.
    public static let invalidSignature: ResultCode = "INVALID_SIGNATURE"
    /// `KEY_NOT_FOUND` (F): no key registered for the client id / key version.
    public static let keyNotFound: ResultCode = "KEY_NOT_FOUND"
    /// `METHOD_NOT_SUPPORTED` (F).
    public static let methodNotSupported: ResultCode = "METHOD_NOT_SUPPORTED"
    /// `MEDIA_TYPE_NOT_ACCEPTABLE` (F).
    public static let mediaTypeNotAcceptable: ResultCode = "MEDIA_TYPE_NOT_ACCEPTABLE"
    /// `PARAM_ILLEGAL` (F): bad input.
    public static let paramIllegal: ResultCode = "PARAM_ILLEGAL"
    /// `PROCESS_FAIL` (F): generic failure, do not retry.
    public static let processFail: ResultCode = "PROCESS_FAIL"
    /// `REPEAT_REQ_INCONSISTENT` (F): same idempotency key, different key parameters.
    public static let repeatReqInconsistent: ResultCode = "REPEAT_REQ_INCONSISTENT"

    // MARK: Payment

    /// `PAYMENT_IN_PROCESS` (U): still processing; inquire.
    public static let paymentInProcess: ResultCode = "PAYMENT_IN_PROCESS"
    /// `ORDER_IS_CLOSED` (F): timed out or closed.
    public static let orderIsClosed: ResultCode = "ORDER_IS_CLOSED"
    /// `ORDER_NOT_EXIST` (F): inquiry or cancel for an unknown order.
    public static let orderNotExist: ResultCode = "ORDER_NOT_EXIST"
    /// `PAYMENT_AMOUNT_EXCEED_LIMIT` (F).
    public static let paymentAmountExceedLimit: ResultCode = "PAYMENT_AMOUNT_EXCEED_LIMIT"
    /// `USER_AMOUNT_EXCEED_LIMIT` (F).
    public static let userAmountExceedLimit: ResultCode = "USER_AMOUNT_EXCEED_LIMIT"
    /// `PAYMENT_COUNT_EXCEED_LIMIT` (F).
    public static let paymentCountExceedLimit: ResultCode = "PAYMENT_COUNT_EXCEED_LIMIT"
    /// `USER_BALANCE_NOT_ENOUGH` (F).
    public static let userBalanceNotEnough: ResultCode = "USER_BALANCE_NOT_ENOUGH"
    /// `USER_NOT_EXIST` (F).
    public static let userNotExist: ResultCode = "USER_NOT_EXIST"
    /// `USER_STATUS_ABNORMAL` (F).
    public static let userStatusAbnormal: ResultCode = "USER_STATUS_ABNORMAL"
    /// `USER_KYC_NOT_QUALIFIED` (F).
    public static let userKYCNotQualified: ResultCode = "USER_KYC_NOT_QUALIFIED"
    /// `RISK_REJECT` (F).
    public static let riskReject: ResultCode = "RISK_REJECT"
    /// `UNAVAILABLE_PAYMENT_METHOD` (F).
    public static let unavailablePaymentMethod: ResultCode = "UNAVAILABLE_PAYMENT_METHOD"
    /// `USER_PAYMENT_VERIFICATION_FAILED` (F).
    public static let userPaymentVerificationFailed: ResultCode = "USER_PAYMENT_VERIFICATION_FAILED"
    /// `MERCHANT_NOT_REGISTERED` (F): register the merchant first.
    public static let merchantNotRegistered: ResultCode = "MERCHANT_NOT_REGISTERED"
    /// `MERCHANT_KYB_NOT_QUALIFIED` (F).
    public static let merchantKYBNotQualified: ResultCode = "MERCHANT_KYB_NOT_QUALIFIED"
    /// `INVALID_CONTRACT` (F).
    public static let invalidContract: ResultCode = "INVALID_CONTRACT"
    /// `BUSINESS_NOT_SUPPORT` (F).
    public static let businessNotSupport: ResultCode = "BUSINESS_NOT_SUPPORT"
    /// `CURRENCY_NOT_SUPPORT` (F).
    public static let currencyNotSupport: ResultCode = "CURRENCY_NOT_SUPPORT"
    /// `CANCEL_WINDOW_EXCEED` (F, [U]): cancel requested after the window (00:15 UTC+8 on T+1).
    public static let cancelWindowExceed: ResultCode = "CANCEL_WINDOW_EXCEED"

    // MARK: Tokens and authorization

    /// `INVALID_TOKEN` (F): disable the user's Auto Debit at once and bind again.
    public static let invalidToken: ResultCode = "INVALID_TOKEN"
    /// `INVALID_ACCESS_TOKEN` (F): token invalid or wrong scope; bind again.
    public static let invalidAccessToken: ResultCode = "INVALID_ACCESS_TOKEN"
    /// `EXPIRED_ACCESS_TOKEN` (F): refresh the token, then retry with a new request id.
    public static let expiredAccessToken: ResultCode = "EXPIRED_ACCESS_TOKEN"
    /// `INVALID_REFRESH_TOKEN` (F): authorize again.
    public static let invalidRefreshToken: ResultCode = "INVALID_REFRESH_TOKEN"
    /// `EXPIRED_REFRESH_TOKEN` (F): authorize again.
    public static let expiredRefreshToken: ResultCode = "EXPIRED_REFRESH_TOKEN"
    /// `USED_REFRESH_TOKEN` (F, [U]).
    public static let usedRefreshToken: ResultCode = "USED_REFRESH_TOKEN"
    /// `INVALID_CODE` (F, [U]): auth code invalid; restart binding.
    public static let invalidCode: ResultCode = "INVALID_CODE"
    /// `EXPIRED_CODE` (F, [U]): auth code expired; restart binding.
    public static let expiredCode: ResultCode = "EXPIRED_CODE"
    /// `USED_CODE` (F, [U]): auth code already used; restart binding.
    public static let usedCode: ResultCode = "USED_CODE"
    /// `INVALID_AUTH_CLIENT` (F).
    public static let invalidAuthClient: ResultCode = "INVALID_AUTH_CLIENT"
    /// `INVALID_AUTH_CLIENT_STATUS` (F).
    public static let invalidAuthClientStatus: ResultCode = "INVALID_AUTH_CLIENT_STATUS"

    /// The action the documentation gives for this code taken alone.
    ///
    /// Unknown codes map to `.fail`; use ``APIResult/documentedAction`` to take `resultStatus` `U` into account.
    public var documentedAction: ResultAction {
        switch self {
        case .success: return .succeed
        case .paymentInProcess, .unknownException: return .inquire
        case .requestTrafficExceedLimit: return .retrySameRequest
        case .expiredAccessToken: return .refreshToken
        case .invalidAccessToken, .invalidToken, .expiredRefreshToken, .invalidRefreshToken, .usedRefreshToken:
            return .reauthorize
        case .repeatReqInconsistent, .paramIllegal, .invalidSignature, .keyNotFound, .invalidClient, .invalidAPI,
             .methodNotSupported, .mediaTypeNotAcceptable:
            return .fixRequest
        default: return .fail
        }
    }
}
