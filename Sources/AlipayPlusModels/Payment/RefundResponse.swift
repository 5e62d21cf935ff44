public import Foundation

/// The refund response.
public struct RefundResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`.
    public var result: APIResult
    /// `acquirerId`.
    public var acquirerId: String?
    /// `pspId`.
    public var pspId: String?
    /// `refundId`: Alipay+'s refund id, at most 64.
    public var refundId: String?
    /// `refundTime`.
    public var refundTime: Date?
    /// `refundAmount`.
    public var refundAmount: Amount?
    /// `settlementAmount`.
    public var settlementAmount: Amount?
    /// `settlementQuote`: the FX rate of the refund.
    public var settlementQuote: Quote?

    /// Creates a response.
    public init(result: APIResult, acquirerId: String? = nil, pspId: String? = nil, refundId: String? = nil,
                refundTime: Date? = nil, refundAmount: Amount? = nil, settlementAmount: Amount? = nil,
                settlementQuote: Quote? = nil) {
        self.result = result
        self.acquirerId = acquirerId
        self.pspId = pspId
        self.refundId = refundId
        self.refundTime = refundTime
        self.refundAmount = refundAmount
        self.settlementAmount = settlementAmount
        self.settlementQuote = settlementQuote
    }
}
