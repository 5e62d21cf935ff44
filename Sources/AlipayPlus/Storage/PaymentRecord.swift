public import AlipayPlusModels
public import Foundation

/// A charge as the merchant's books see it, persisted before the pay request is sent.
public struct PaymentRecord: Codable, Sendable, Hashable {
    /// Where the payment stands.
    public enum State: String, Codable, Sendable, Hashable {
        /// The intent is stored; pay has not been answered yet.
        case created
        /// The outcome is unknown and is being resolved by inquiry.
        case pending
        /// Alipay+ confirmed the payment.
        case succeeded
        /// Alipay+ declined the payment (or it was never sent).
        case failed
        /// A cancel was requested; the payment must end cancelled (a late success does not count).
        case cancelRequested
        /// Alipay+ confirmed the cancellation.
        case canceled

        /// Whether nothing more can change the outcome.
        public var isFinal: Bool { self == .succeeded || self == .failed || self == .canceled }
    }

    /// The idempotency key sent as `paymentRequestId`.
    public var paymentRequestId: String
    /// The merchant user charged.
    public var merchantUserId: String
    /// The binding whose token paid.
    public var bindingId: String
    /// The amount asked for (`paymentAmount`).
    public var amount: Amount
    /// The merchant's order id (`order.referenceOrderId`).
    public var referenceOrderId: String
    /// Where the payment stands.
    public var state: State
    /// The result code of a failure, when it failed.
    public var failureCode: ResultCode?
    /// Alipay+'s payment id, once known.
    public var paymentId: String?
    /// When Alipay+ says the payment completed.
    public var paymentTime: Date?
    /// When the intent was stored.
    public var createdAt: Date
    /// When the record last changed.
    public var updatedAt: Date
    /// When Alipay+ reported a success for a payment already cancelling, cancelled or failed: the
    /// recorded outcome stands and a `paymentConflict` event asks the merchant to reconcile it.
    public var lateSuccessIgnoredAt: Date?
    /// The payment that retried this one with a new id after a token refresh.
    public var retriedAs: String?
    /// The SHA-256 (hex) of the access token Alipay+ answered `EXPIRED_ACCESS_TOKEN` for: the retry
    /// is never sent with that token, also when it is resumed after a failed refresh.
    public var expiredAccessTokenDigest: String?
    /// The refunds of this payment that are not failed (pending or succeeded), kept by the store in
    /// the same atomic write as each refund: a payment with refunds is never cancelled.
    ///
    /// Derived from the stored refunds, so it is not encoded with the record.
    public var refunds = RefundTally()
    /// The stored version (see ``BindingRecord/version``); a refund's insertion or failure changes
    /// ``refunds`` and so adds one too.
    public var version: Int64 = 0

    private enum CodingKeys: String, CodingKey {
        case paymentRequestId, merchantUserId, bindingId, amount, referenceOrderId, state, failureCode, paymentId
        case paymentTime, createdAt, updatedAt, lateSuccessIgnoredAt, retriedAs, expiredAccessTokenDigest, version
    }

    /// Creates a payment record in `state`.
    public init(
        paymentRequestId: String, merchantUserId: String, bindingId: String, amount: Amount,
        referenceOrderId: String, state: State = .created, createdAt: Date
    ) {
        self.paymentRequestId = paymentRequestId
        self.merchantUserId = merchantUserId
        self.bindingId = bindingId
        self.amount = amount
        self.referenceOrderId = referenceOrderId
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// Decodes a payment; one stored before records had versions reads as version 1.
    ///
    /// - Throws: `DecodingError` when a required field is missing or malformed.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        paymentRequestId = try values.decode(String.self, forKey: .paymentRequestId)
        merchantUserId = try values.decode(String.self, forKey: .merchantUserId)
        bindingId = try values.decode(String.self, forKey: .bindingId)
        amount = try values.decode(Amount.self, forKey: .amount)
        referenceOrderId = try values.decode(String.self, forKey: .referenceOrderId)
        state = try values.decode(State.self, forKey: .state)
        failureCode = try values.decodeIfPresent(ResultCode.self, forKey: .failureCode)
        paymentId = try values.decodeIfPresent(String.self, forKey: .paymentId)
        paymentTime = try values.decodeIfPresent(Date.self, forKey: .paymentTime)
        createdAt = try values.decode(Date.self, forKey: .createdAt)
        updatedAt = try values.decode(Date.self, forKey: .updatedAt)
        lateSuccessIgnoredAt = try values.decodeIfPresent(Date.self, forKey: .lateSuccessIgnoredAt)
        retriedAs = try values.decodeIfPresent(String.self, forKey: .retriedAs)
        expiredAccessTokenDigest = try values.decodeIfPresent(String.self, forKey: .expiredAccessTokenDigest)
        version = try values.decodeIfPresent(Int64.self, forKey: .version) ?? 1
    }
}

/// How many refunds of a payment are not failed, and their total.
public struct RefundTally: Sendable, Hashable {
    /// The number of pending and succeeded refunds.
    public var count: Int = 0
    /// Their total in minor units.
    public var minorUnits: Int64 = 0

    /// An empty tally.
    public init() {}

    /// Adds (`sign` 1) or removes (`sign` -1) one refund that counts against the payment.
    mutating func add(_ refund: RefundRecord, sign: Int64) {
        count += Int(sign)
        minorUnits += sign * (refund.amount.minorUnits ?? 0)
    }
}

/// A refund, persisted with its request id before it is sent.
public struct RefundRecord: Codable, Sendable, Hashable {
    /// Where the refund stands.
    public enum State: String, Codable, Sendable, Hashable {
        /// Stored; sent or about to be sent; outcome not known yet. `recover()` resends it.
        case pending
        /// Alipay+ confirmed the refund.
        case succeeded
        /// Alipay+ declined the refund; its amount no longer counts against the payment.
        case failed

        /// Whether nothing more can change the outcome.
        public var isFinal: Bool { self != .pending }
    }

    /// The idempotency key sent as `refundRequestId`.
    public var refundRequestId: String
    /// The payment refunded.
    public var paymentRequestId: String
    /// The amount refunded.
    public var amount: Amount
    /// The reason sent as `refundReason`.
    public var reason: String?
    /// Where the refund stands.
    public var state: State
    /// Alipay+'s refund id, once known.
    public var refundId: String?
    /// The result code of a failure.
    public var failureCode: ResultCode?
    /// When the refund was stored.
    public var createdAt: Date
    /// When the refund last changed.
    public var updatedAt: Date
    /// When the refund was first handed to the client, persisted before that send: from then on it
    /// may have reached Alipay+, so it stays pending until Alipay+ answers it (`S` or `F`) under its
    /// own `refundRequestId`, whatever a later resend's connection does.
    public var firstSentAt: Date?
    /// The stored version (see ``BindingRecord/version``).
    public var version: Int64 = 0

    private enum CodingKeys: String, CodingKey {
        case refundRequestId, paymentRequestId, amount, reason, state, refundId, failureCode, createdAt, updatedAt
        case firstSentAt, version
    }

    /// Whether the refund counts against the payment's refundable amount (it is not failed).
    public var countsAgainstPayment: Bool { state != .failed }

    /// Creates a pending refund record.
    public init(refundRequestId: String, paymentRequestId: String, amount: Amount, reason: String?, createdAt: Date) {
        self.refundRequestId = refundRequestId
        self.paymentRequestId = paymentRequestId
        self.amount = amount
        self.reason = reason
        self.state = .pending
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// Decodes a refund; one stored before records had versions reads as version 1.
    ///
    /// - Throws: `DecodingError` when a required field is missing or malformed.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        refundRequestId = try values.decode(String.self, forKey: .refundRequestId)
        paymentRequestId = try values.decode(String.self, forKey: .paymentRequestId)
        amount = try values.decode(Amount.self, forKey: .amount)
        reason = try values.decodeIfPresent(String.self, forKey: .reason)
        state = try values.decode(State.self, forKey: .state)
        refundId = try values.decodeIfPresent(String.self, forKey: .refundId)
        failureCode = try values.decodeIfPresent(ResultCode.self, forKey: .failureCode)
        createdAt = try values.decode(Date.self, forKey: .createdAt)
        updatedAt = try values.decode(Date.self, forKey: .updatedAt)
        firstSentAt = try values.decodeIfPresent(Date.self, forKey: .firstSentAt)
        version = try values.decodeIfPresent(Int64.self, forKey: .version) ?? 1
    }
}
