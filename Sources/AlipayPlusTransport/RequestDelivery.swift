/// Whether a failed request may have reached the server.
///
/// This decides whether a request that is not idempotent (such as `pay`) may be sent again.
public enum RequestDelivery: Sendable, Hashable, CustomStringConvertible {
    /// The request certainly did not leave this machine (e.g. the connection could not be opened);
    /// sending it again is safe for any operation.
    case notSent
    /// The request may have reached the server and may have been processed; only idempotent
    /// operations may be re-sent, others must inquire.
    case possiblySent

    /// `"not sent"` or `"possibly sent"`.
    public var description: String {
        switch self {
        case .notSent: "not sent"
        case .possiblySent: "possibly sent"
        }
    }
}
