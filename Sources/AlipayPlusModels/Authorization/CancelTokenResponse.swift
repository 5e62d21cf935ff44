/// The cancelToken response: `result` only.
public struct CancelTokenResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`.
    public var result: APIResult

    /// Creates a response.
    public init(result: APIResult) { self.result = result }
}
