/// What the Alipay+ documentation says to do after a result code.
public enum ResultAction: Sendable, Hashable {
    /// The call succeeded.
    case succeed
    /// A definite business failure: report it; a new attempt needs a new request id.
    case fail
    /// Throttled or transient: back off and send the same request again (same idempotency key, same body).
    case retrySameRequest
    /// The outcome is not known yet: inquire (for pay: inquiryPayment, then cancelPayment).
    case inquire
    /// The access token expired: refresh it with applyToken `REFRESH_TOKEN`, then retry with a new request id.
    case refreshToken
    /// The binding is gone (token or refresh token invalid/expired): disable Auto Debit and bind again.
    case reauthorize
    /// The request itself is wrong (parameters, signature, key, idempotency conflict): fix it, do not resend as is.
    case fixRequest
}
