/// The registration response.
public struct RegistrationResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`: whether the registration was accepted for processing.
    public var result: APIResult

    /// Creates a response.
    public init(result: APIResult) { self.result = result }
}
