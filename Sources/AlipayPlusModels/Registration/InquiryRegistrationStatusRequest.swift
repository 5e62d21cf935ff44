/// inquiryRegistrationStatus: read the state of a merchant registration.
///
/// `POST /aps/api/v1/merchants/inquiryRegistrationStatus`. Read-only. Fields other than the ids are [U].
public struct InquiryRegistrationStatusRequest: AlipayPlusOperation, Codable, Hashable {
    /// The response type.
    public typealias Response = InquiryRegistrationStatusResponse
    /// `inquiryRegistrationStatus`.
    public static var name: String { "inquiryRegistrationStatus" }
    /// `/aps/api/v1/merchants/inquiryRegistrationStatus`.
    public static var path: String { "/aps/api/v1/merchants/inquiryRegistrationStatus" }
    /// 5 s.
    public static var recommendedTimeout: Duration { .seconds(5) }
    /// Read-only.
    public static var resendSafety: ResendSafety { .idempotent }
    /// None (read-only).
    public var idempotencyKey: String? { nil }

    /// `registrationRequestId`: at most 64; required when `referenceMerchantId` is absent.
    public var registrationRequestId: String?
    /// `referenceMerchantId`: at most 32 [U]; required when `registrationRequestId` is absent.
    public var referenceMerchantId: String?
    /// `referenceStoreId`: at most 64 [U].
    public var referenceStoreId: String?

    /// Creates a request; give at least one id.
    public init(registrationRequestId: String? = nil, referenceMerchantId: String? = nil, referenceStoreId: String? = nil) {
        self.registrationRequestId = registrationRequestId
        self.referenceMerchantId = referenceMerchantId
        self.referenceStoreId = referenceStoreId
    }

    /// Checks that one id is present and the lengths.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.requireOne(of: [("registrationRequestId", !(registrationRequestId ?? "").isEmpty),
                          ("referenceMerchantId", !(referenceMerchantId ?? "").isEmpty)])
        c.optional(registrationRequestId, "registrationRequestId", maxLength: 64)
        c.optional(referenceMerchantId, "referenceMerchantId", maxLength: 32)
        c.optional(referenceStoreId, "referenceStoreId", maxLength: 64)
        return c.problems
    }
}
