import AlipayPlus
import AlipayPlusModels
import Foundation

/// An amount in major units, given as a JSON string ("5.99") or number (5.99).
struct MajorUnits: Decodable {
    var value: Decimal

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a decimal")
            }
            self.value = value
        } else {
            value = try container.decode(Decimal.self)
        }
    }
}

/// `POST /users/{id}/charges`.
struct ChargeBody: Decodable {
    var amount: MajorUnits
    var currency: String
    var orderId: String
    var description: String
    /// Your own idempotency key; a retry with the same id never charges twice.
    var paymentRequestId: String?
    /// `false` answers 202 with the pending payment instead of waiting for the final outcome.
    var wait: Bool?
}

/// `POST /charges/{paymentRequestId}/refunds`.
struct RefundBody: Decodable {
    var amount: MajorUnits
    var currency: String?
    var reason: String?
    var refundRequestId: String?
}

struct BindStartJSON: Encodable {
    var merchantUserId: String
    var walletPageURL: String
}

struct BindingJSON: Encodable {
    var bindingId: String
    var merchantUserId: String
    var status: String
    var statusReason: String?
    var walletName: String?
    var accessTokenExpiryTime: Date?

    init(_ binding: BindingRecord) {
        bindingId = binding.bindingId
        merchantUserId = binding.merchantUserId
        status = binding.status.rawValue
        statusReason = binding.statusReason?.rawValue
        walletName = binding.wallet?.walletName
        accessTokenExpiryTime = binding.accessTokenExpiryTime
    }
}

struct AmountJSON: Encodable {
    var currency: String
    var value: String
    var display: String

    init(_ amount: Amount) {
        currency = amount.currency
        value = amount.value
        display = amount.displayString
    }
}

struct PaymentJSON: Encodable {
    var paymentRequestId: String
    var referenceOrderId: String
    var merchantUserId: String
    var state: String
    var amount: AmountJSON
    var failureCode: String?
    var paymentId: String?
    var retriedAs: String?
    var refunds: [RefundJSON]?

    init(_ payment: PaymentRecord, refunds: [RefundRecord]? = nil) {
        paymentRequestId = payment.paymentRequestId
        referenceOrderId = payment.referenceOrderId
        merchantUserId = payment.merchantUserId
        state = payment.state.rawValue
        amount = AmountJSON(payment.amount)
        failureCode = payment.failureCode?.rawValue
        paymentId = payment.paymentId
        retriedAs = payment.retriedAs
        self.refunds = refunds?.map { RefundJSON(record: $0) }
    }
}

struct ChargeJSON: Encodable {
    var outcome: String
    var resultCode: String?
    var bindingId: String?
    var payment: PaymentJSON?

    init(_ outcome: ChargeOutcome) {
        switch outcome {
        case .succeeded: self.outcome = "succeeded"
        case .failed(let code, _):
            self.outcome = "failed"
            resultCode = code.rawValue
        case .canceled: self.outcome = "canceled"
        case .pending: self.outcome = "pending"
        case .needsReauthorization(let bindingId, let reason):
            self.outcome = "needsReauthorization"
            self.bindingId = bindingId
            resultCode = reason.rawValue
        }
        payment = outcome.payment.map { PaymentJSON($0) }
    }
}

struct RefundJSON: Encodable {
    var outcome: String
    var refundRequestId: String
    var paymentRequestId: String
    var amount: AmountJSON
    var refundId: String?
    var failureCode: String?

    init(record: RefundRecord) {
        outcome = record.state.rawValue
        refundRequestId = record.refundRequestId
        paymentRequestId = record.paymentRequestId
        amount = AmountJSON(record.amount)
        refundId = record.refundId
        failureCode = record.failureCode?.rawValue
    }

    init(_ outcome: RefundOutcome) {
        self.init(record: outcome.refund)
        if case .failed(let code, _) = outcome { failureCode = code.rawValue }
    }
}

struct ErrorJSON: Encodable {
    var error: String
    var message: String
    var resultCode: String?
}
