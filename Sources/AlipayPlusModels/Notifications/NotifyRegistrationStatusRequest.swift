/// notifyRegistrationStatus (Alipay+ → merchant): the outcome of a merchant registration.
///
/// Fields were not captured in the docs [U]; everything but the request id is optional. Answer with
/// ``NotificationAcknowledgement/success`` within 5 s.
public struct NotifyRegistrationStatusRequest: AlipayPlusNotification, Hashable {
    /// The acknowledgement.
    public typealias Answer = NotificationAcknowledgement
    /// `notifyRegistrationStatus`.
    public static var name: String { "notifyRegistrationStatus" }
    /// `/aps/api/v1/merchants/notifyRegistrationStatus`.
    public static var path: String { "/aps/api/v1/merchants/notifyRegistrationStatus" }

    /// `registrationRequestId`: the id sent in registration, at most 64.
    public var registrationRequestId: String?
    /// `registrationResult` [U].
    public var registrationResult: APIResult?
    /// `registrationStatus` [U].
    public var registrationStatus: RegistrationStatus?
    /// `referenceMerchantId` [U].
    public var referenceMerchantId: String?
    /// `referenceStoreId` [U].
    public var referenceStoreId: String?
    /// `pspId` [U].
    public var pspId: String?
    /// `rejectReason` [U].
    public var rejectReason: String?

    /// Creates a notification (tests, simulators).
    public init(registrationRequestId: String? = nil, registrationResult: APIResult? = nil,
                registrationStatus: RegistrationStatus? = nil, referenceMerchantId: String? = nil,
                referenceStoreId: String? = nil, pspId: String? = nil, rejectReason: String? = nil) {
        self.registrationRequestId = registrationRequestId
        self.registrationResult = registrationResult
        self.registrationStatus = registrationStatus
        self.referenceMerchantId = referenceMerchantId
        self.referenceStoreId = referenceStoreId
        self.pspId = pspId
        self.rejectReason = rejectReason
    }
}
