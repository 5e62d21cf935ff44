/// The payment and refund a request names, which any answer that repeats them must repeat unchanged.
///
/// A genuine, signed Alipay+ answer about *another* payment (a recorded or misrouted one) verifies
/// like any other, so the signature alone does not say the answer is about this request. The rule:
/// every identifier or amount that both the request and the answer name must be equal (an amount in
/// currency and value); a field only one side names is not compared. The same type is decoded from
/// the verified answer body, so fields the typed response models do not carry (such as a refund
/// answer's `refundRequestId`) are compared too.
///
/// ```swift
/// let asked = InquiryPaymentRequest(paymentRequestId: "PAY-1").expectedEcho
/// let answered = AnswerEcho(paymentRequestId: "PAY-2")
/// asked.mismatches(in: answered)   // [paymentRequestId: asked PAY-1, answered PAY-2]
/// ```
public struct AnswerEcho: Decodable, Sendable, Hashable {
    /// `paymentRequestId`.
    public var paymentRequestId: String?
    /// `paymentId`.
    public var paymentId: String?
    /// `refundRequestId`.
    public var refundRequestId: String?
    /// `paymentAmount`.
    public var paymentAmount: Amount?
    /// `refundAmount`.
    public var refundAmount: Amount?

    /// Creates the set of named values; `nil` means "not named".
    public init(
        paymentRequestId: String? = nil, paymentId: String? = nil, refundRequestId: String? = nil,
        paymentAmount: Amount? = nil, refundAmount: Amount? = nil
    ) {
        self.paymentRequestId = paymentRequestId
        self.paymentId = paymentId
        self.refundRequestId = refundRequestId
        self.paymentAmount = paymentAmount
        self.refundAmount = refundAmount
    }

    /// Every field that both `self` (the request) and `answer` name with different values.
    ///
    /// An empty list means the answer is about this request as far as it says.
    public func mismatches(in answer: AnswerEcho) -> [AnswerEchoMismatch] {
        var found: [AnswerEchoMismatch] = []
        func compare(_ field: String, _ asked: String?, _ answered: String?) {
            if let asked, let answered, asked != answered {
                found.append(AnswerEchoMismatch(field: field, asked: asked, answered: answered))
            }
        }
        compare("paymentRequestId", paymentRequestId, answer.paymentRequestId)
        compare("paymentId", paymentId, answer.paymentId)
        compare("refundRequestId", refundRequestId, answer.refundRequestId)
        compare("paymentAmount.currency", paymentAmount?.currency, answer.paymentAmount?.currency)
        compare("paymentAmount.value", paymentAmount?.value, answer.paymentAmount?.value)
        compare("refundAmount.currency", refundAmount?.currency, answer.refundAmount?.currency)
        compare("refundAmount.value", refundAmount?.value, answer.refundAmount?.value)
        return found
    }
}

/// One field an answer names differently from its request.
public struct AnswerEchoMismatch: Sendable, Hashable, CustomStringConvertible {
    /// The field's JSON path, such as `paymentRequestId` or `paymentAmount.value`.
    public let field: String
    /// The request's value (an id or an amount field, never a secret).
    public let asked: String
    /// The answer's value.
    public let answered: String

    /// Creates a mismatch.
    public init(field: String, asked: String, answered: String) {
        self.field = field
        self.asked = asked
        self.answered = answered
    }

    /// `field: asked X, answered Y`.
    public var description: String { "\(field): asked \(asked), answered \(answered)" }
}

/// An operation whose answer may repeat the payment or refund it names.
///
/// The client compares ``expectedEcho`` with the verified answer and refuses an answer about another
/// payment. Operations that name no payment (prepare, applyToken, consultPayment) do not conform.
public protocol AnswerEchoing: AlipayPlusOperation {
    /// The identifiers and amount this request names.
    var expectedEcho: AnswerEcho { get }
}

extension PayRequest: AnswerEchoing {
    /// `paymentRequestId` and `paymentAmount`.
    public var expectedEcho: AnswerEcho {
        AnswerEcho(paymentRequestId: paymentRequestId, paymentAmount: paymentAmount)
    }
}

extension InquiryPaymentRequest: AnswerEchoing {
    /// `paymentRequestId` and `paymentId` (the amount is not in the request: the payment flow compares
    /// it with the stored payment).
    public var expectedEcho: AnswerEcho {
        AnswerEcho(paymentRequestId: paymentRequestId, paymentId: paymentId)
    }
}

extension CancelPaymentRequest: AnswerEchoing {
    /// `paymentRequestId` and `paymentId`. Alipay+'s documented cancel answer names neither, so this
    /// binds only an answer that does; see the README's note on cancelPayment answers.
    public var expectedEcho: AnswerEcho {
        AnswerEcho(paymentRequestId: paymentRequestId, paymentId: paymentId)
    }
}

extension RefundRequest: AnswerEchoing {
    /// `paymentRequestId`, `paymentId`, `refundRequestId` and `refundAmount`.
    public var expectedEcho: AnswerEcho {
        AnswerEcho(paymentRequestId: paymentRequestId, paymentId: paymentId, refundRequestId: refundRequestId,
                   refundAmount: refundAmount)
    }
}
