import AlipayPlusModels
import Foundation

/// What a pay call told about the payment, as ``PaymentResolution`` needs it.
///
/// Derived from the answer by ``init(answer:about:)`` or from the error by ``init(error:)``; the
/// runner never builds a `.paid` by hand.
enum PayVerdict: Sendable, Hashable {
    /// Alipay+ took the payment (`S`, about this payment).
    case paid(paymentId: String?, paymentTime: Date?)
    /// Alipay+ declined it (`F`): definite, nothing was charged.
    case failed(ResultCode)
    /// The pay may have been taken: `U`, a timeout or non-2xx after sending, or an answer that cannot
    /// be verified as being about this payment. Resolved by inquiry, never assumed failed.
    case unknown(reason: String)
    /// The request never left (known before any byte was sent): stored as failed `REQUEST_NOT_SENT`.
    case notSent(reason: String)

    /// The verdict of a signed pay answer for `payment`.
    ///
    /// An answer whose paid amount is not the one asked for is unverifiable: it is an unknown outcome,
    /// never a success.
    init(answer: PayResponse, about payment: PaymentRecord) {
        if let problem = AnswerCheck.mismatch(amount: answer.paymentAmount, payment: payment) {
            self = .unknown(reason: "pay: \(problem)")
            return
        }
        switch answer.result.resultStatus {
        case .success: self = .paid(paymentId: answer.paymentId, paymentTime: answer.paymentTime)
        case .failure: self = .failed(answer.result.resultCode)
        default: self = .unknown(reason: "pay answered \(AnswerCheck.describe(answer.result))")
        }
    }

    /// The verdict of a pay call that threw.
    ///
    /// Only an ``AlipayPlusError`` that says the request never left is `.notSent`; every other error
    /// (a timeout, a non-2xx answer, a broken signature, an error of unknown kind) may have been
    /// processed.
    init(error: any Error) {
        if let error = error as? AlipayPlusError, !error.requestMayHaveBeenProcessed {
            self = .notSent(reason: "\(error)")
        } else {
            self = .unknown(reason: "\(error)")
        }
    }
}

/// What an inquiryPayment call told about the payment, as ``PaymentResolution`` needs it.
enum InquiryVerdict: Sendable, Hashable {
    /// `paymentResult` `S`: the payment succeeded.
    case paid(paymentId: String?, paymentTime: Date?)
    /// `paymentResult` `F`: the payment failed with this code.
    case failed(ResultCode)
    /// `paymentResult` `U` (or a status this library does not know): still processing.
    case stillUnknown(ResultCode)
    /// The inquiry answered `F` `ORDER_NOT_EXIST`: Alipay+ has no such payment (yet).
    case notFound
    /// The inquiry told nothing: the call failed, was declined, or its answer cannot be verified as
    /// being about this payment. `reason` says which, for ``PaymentResolution/lastFailure``.
    case answerFailed(reason: String)

    /// The verdict of a signed inquiryPayment answer for `payment`.
    ///
    /// An answer that names another `paymentRequestId`, or another amount, is unverifiable: inquire
    /// again, never settle on it.
    init(answer: InquiryPaymentResponse, about payment: PaymentRecord) {
        guard answer.result.resultStatus == .success else {
            if answer.result.resultStatus == .failure, answer.result.resultCode == .orderNotExist {
                self = .notFound
            } else {
                self = .answerFailed(reason: "inquiryPayment answered \(AnswerCheck.describe(answer.result))")
            }
            return
        }
        if let named = answer.paymentRequestId, named != payment.paymentRequestId {
            self = .answerFailed(reason: "inquiryPayment answered about paymentRequestId \(named), not "
                + "\(payment.paymentRequestId): unverifiable")
            return
        }
        if let problem = AnswerCheck.mismatch(amount: answer.paymentAmount, payment: payment) {
            self = .answerFailed(reason: "inquiryPayment: \(problem)")
            return
        }
        guard let paymentResult = answer.paymentResult else {
            self = .answerFailed(reason: "inquiryPayment answered S without a paymentResult")
            return
        }
        switch paymentResult.resultStatus {
        case .success: self = .paid(paymentId: answer.paymentId, paymentTime: answer.paymentTime)
        case .failure: self = .failed(paymentResult.resultCode)
        default: self = .stillUnknown(paymentResult.resultCode)
        }
    }

    /// The verdict of an inquiry call that threw: it told nothing.
    init(error: any Error) {
        self = .answerFailed(reason: "inquiryPayment failed: \(error)")
    }
}

/// What a cancelPayment call told, as ``PaymentResolution`` needs it.
enum CancelVerdict: Sendable, Hashable {
    /// `S`: Alipay+ confirmed the cancellation.
    case confirmed
    /// `F` `ORDER_NOT_EXIST`: Alipay+ has no such payment; it counts as cancelled only once no pay can
    /// still arrive.
    case orderNotExist
    /// Any other answer (`F` with another code, or `U`): the cancel is not confirmed; try again.
    case declined(ResultCode)
    /// The call failed (transport, non-2xx, signature, decoding): try again.
    case answerFailed(reason: String)

    /// The verdict of a signed cancelPayment answer.
    init(answer: CancelPaymentResponse) {
        switch (answer.result.resultStatus, answer.result.resultCode) {
        case (.success, _): self = .confirmed
        case (.failure, .orderNotExist): self = .orderNotExist
        default: self = .declined(answer.result.resultCode)
        }
    }

    /// The verdict of a cancel call that threw.
    init(error: any Error) {
        self = .answerFailed(reason: "cancelPayment failed: \(error)")
    }
}

/// The checks every answer about a payment passes before it may change anything.
enum AnswerCheck {
    /// Why `amount` (when present) cannot be this payment's, or `nil` when it can.
    static func mismatch(amount: Amount?, payment: PaymentRecord) -> String? {
        guard let amount, amount != payment.amount else { return nil }
        return "the answer's paymentAmount \(amount) is not the \(payment.amount) asked for: unverifiable"
    }

    /// `F ORDER_NOT_EXIST`, for reasons and messages.
    static func describe(_ result: APIResult) -> String {
        "\(result.resultStatus.rawValue) \(result.resultCode.rawValue)"
    }
}

extension ResultCode {
    /// Whether an `F` with this code refuses the request itself, before Alipay+ looks at the payment,
    /// refund or token it names: the codes whose documented action is to fix the request (signature,
    /// key, client, API, parameters, idempotency conflict), `ACCESS_DENIED`, and the auth-client codes.
    ///
    /// Such an answer says nothing about an earlier request with the same idempotency key, nor about
    /// the user's token.
    var refusesTheRequestItself: Bool {
        documentedAction == .fixRequest || self == .accessDenied || self == .invalidAuthClient
            || self == .invalidAuthClientStatus
    }
}
