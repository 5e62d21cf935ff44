/// The consultPayment response: the payment options to render.
public struct ConsultPaymentResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`.
    public var result: APIResult
    /// `paymentOptions` [X].
    public var paymentOptions: [PaymentOption]?

    /// Creates a response.
    public init(result: APIResult, paymentOptions: [PaymentOption]? = nil) {
        self.result = result
        self.paymentOptions = paymentOptions
    }
}
