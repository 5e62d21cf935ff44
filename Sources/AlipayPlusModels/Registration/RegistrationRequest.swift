/// registration: register a merchant (and store) with Alipay+ before accepting Auto Debit.
///
/// `POST /aps/api/v1/merchants/registration`. Idempotent on `registrationRequestId`. Only the request id is
/// confirmed; the other fields follow the shared Merchant object [U].
public struct RegistrationRequest: AlipayPlusOperation, Codable, Hashable {
    /// The response type.
    public typealias Response = RegistrationResponse
    /// `registration`.
    public static var name: String { "registration" }
    /// `/aps/api/v1/merchants/registration`.
    public static var path: String { "/aps/api/v1/merchants/registration" }
    /// 5 s.
    public static var recommendedTimeout: Duration { .seconds(5) }
    /// Idempotent on `registrationRequestId`.
    public static var resendSafety: ResendSafety { .idempotent }
    /// `registrationRequestId`.
    public var idempotencyKey: String? { registrationRequestId }

    /// `registrationRequestId`: the merchant's unique id for this registration, required, at most 64.
    public var registrationRequestId: String
    /// `merchantInfo`: the merchant (with its address and store) [U].
    public var merchantInfo: Merchant?
    /// `productCodes`: products applied for [U].
    public var productCodes: [String]?
    /// `passThroughInfo` [U].
    public var passThroughInfo: String?

    /// Creates a request.
    public init(registrationRequestId: String, merchantInfo: Merchant? = nil, productCodes: [String]? = nil,
                passThroughInfo: String? = nil) {
        self.registrationRequestId = registrationRequestId
        self.merchantInfo = merchantInfo
        self.productCodes = productCodes
        self.passThroughInfo = passThroughInfo
    }

    /// Checks the request id and the merchant.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.require(registrationRequestId, "registrationRequestId", maxLength: 64)
        c.optional(merchantInfo, "merchantInfo")
        return c.problems
    }
}
