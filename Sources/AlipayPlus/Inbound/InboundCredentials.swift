import AlipayPlusTransport

/// The three headers an inbound call is authenticated by, each required exactly once, read in one
/// pass over the headers.
struct InboundCredentials: Equatable {
    /// The header names, in the order a refusal names the first one absent or repeated.
    static let names = ["Client-Id", "Request-Time", "Signature"]

    let clientId: String
    let time: String
    let signature: String

    /// The credentials, or the reason naming the first of ``names`` that is absent or repeated.
    static func read(_ headers: HTTPHeaders) -> Result<InboundCredentials, Refusal> {
        let values = headers.singleValues(of: names)
        guard let clientId = values[0], let time = values[1], let signature = values[2] else {
            let missing = names[values.firstIndex { $0 == nil } ?? 0]
            return .failure(Refusal(reason: "exactly one \(missing) header is required"))
        }
        return .success(InboundCredentials(clientId: clientId, time: time, signature: signature))
    }

    /// A required header that is absent or repeated.
    struct Refusal: Error, Equatable {
        let reason: String
    }
}
