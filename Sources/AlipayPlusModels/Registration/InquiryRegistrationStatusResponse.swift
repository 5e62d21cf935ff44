/// The inquiryRegistrationStatus response [U beyond `result`].
public struct InquiryRegistrationStatusResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`: outcome of the inquiry.
    public var result: APIResult
    /// `registrationResult` [U].
    public var registrationResult: APIResult?
    /// `registrationStatus` [U].
    public var registrationStatus: RegistrationStatus?
    /// `rejectReason` [U].
    public var rejectReason: String?

    /// Creates a response.
    public init(result: APIResult, registrationResult: APIResult? = nil, registrationStatus: RegistrationStatus? = nil,
                rejectReason: String? = nil) {
        self.result = result
        self.registrationResult = registrationResult
        self.registrationStatus = registrationStatus
        self.rejectReason = rejectReason
    }
}
