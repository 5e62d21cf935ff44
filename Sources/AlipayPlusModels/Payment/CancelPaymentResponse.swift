/// The cancelPayment response.
public struct CancelPaymentResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`.
    public var result: APIResult
    /// `pspId`: returned when `S`.
    public var pspId: String?
    /// `acquirerId` [X].
    public var acquirerId: String?

    /// Creates a response.
    public init(result: APIResult, pspId: String? = nil, acquirerId: String? = nil) {
        self.result = result
        self.pspId = pspId
        self.acquirerId = acquirerId
    }
}
