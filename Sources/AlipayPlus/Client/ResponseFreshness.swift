import AlipayPlusSigning
import Foundation

/// Whether a verified answer's `Response-Time` fits the request it answers.
///
/// An answer is made after its request leaves and before it arrives back, so its time must lie in
/// [sent − skew, received + skew]; the skew allows for the two clocks disagreeing. An earlier time is
/// an answer recorded before this request (a replay); a later one is a wrong clock.
enum ResponseFreshness: Hashable {
    /// Within the window.
    case fresh
    /// Not an ISO 8601 time with offset.
    case unreadable
    /// Earlier than the request was sent, beyond the skew.
    case beforeRequest
    /// Later than the answer arrived, beyond the skew.
    case inTheFuture

    /// The verdict for `responseTime` on a request sent at `sentAt` whose answer arrived at `receivedAt`.
    static func check(responseTime: String, sentAt: Date, receivedAt: Date, skew: Duration) -> ResponseFreshness {
        guard let answeredAt = AlipayPlusTimestamp.date(from: responseTime) else { return .unreadable }
        let allowance = skew.timeInterval
        if answeredAt < sentAt.addingTimeInterval(-allowance) { return .beforeRequest }
        if answeredAt > receivedAt.addingTimeInterval(allowance) { return .inTheFuture }
        return .fresh
    }
}
