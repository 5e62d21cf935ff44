import AlipayPlus
import AlipayPlusModels
import Foundation

extension AlipayPlusSimulator {
    // MARK: Scripting

    /// Sets what happens to the next pay that arrives without a script of its own (queued: call
    /// several times to script several pays).
    public func scriptNextPay(_ script: PaymentScript) {
        nextPayScripts.append(script)
    }

    /// Sets what happens to the pay with this `paymentRequestId` (wins over ``scriptNextPay(_:)``).
    public func script(_ script: PaymentScript, forPaymentRequestId paymentRequestId: String) {
        scriptsByPaymentRequestId[paymentRequestId] = script
    }

    // MARK: Ledger

    /// A snapshot of every payment, its charges, cancellations and refunds.
    public var ledger: SimulatorLedger {
        SimulatorLedger(payments: payments.map(\.ledgerEntry))
    }

    /// The money rules the simulated Alipay+ must never break; empty when all hold.
    ///
    /// No payment charged more than once; refunds never above the payment amount; no refund of a
    /// payment that was never charged.
    public func assertInvariants() -> [String] {
        ledger.violations
    }

    // MARK: pay

    func pay(_ request: PayRequest) -> Data {
        let id = request.paymentRequestId
        if let index = paymentIndexByRequestId[id] {
            let first = payments[index].request
            guard first.paymentAmount == request.paymentAmount,
                  first.paymentMethod.paymentMethodType == request.paymentMethod.paymentMethodType,
                  first.order.orderAmount == request.order.orderAmount
            else {
                return failure(.repeatReqInconsistent,
                               "paymentRequestId reused with another paymentAmount, paymentMethodType or orderAmount")
            }
            payments[index].payCalls += 1
            return payments[index].firstResponse
        }
        guard !closedPaymentRequestIds.contains(id) else {
            return failure(.orderIsClosed, "this paymentRequestId was cancelled before the pay arrived")
        }
        guard request.paymentMethod.paymentMethodType == PaymentMethod.connectWallet else {
            return failure(.paramIllegal, "paymentMethod.paymentMethodType must be CONNECT_WALLET for Auto Debit")
        }
        guard request.paymentAmount.currency == request.order.orderAmount.currency else {
            return failure(.paramIllegal, "paymentAmount and order.orderAmount currencies differ")
        }
        let paymentId = newId("SIMPAY", hexCount: 26)
        var payment = PaymentState(
            request: request, paymentId: paymentId, status: .processing, script: .succeed, firstResponse: Data()
        )
        switch checkAccessToken(request.paymentMethod.paymentMethodId?.revealed ?? "") {
        case .rejected(let code, let message):
            payment.status = .failed(code)
            payment.firstResponse = failure(code, message)
            record(payment)
            return payment.firstResponse
        case .valid(let tokenIndex):
            payment.customerId = tokens[tokenIndex].customerId
            payment.walletBrandName = tokens[tokenIndex].wallet.walletBrandName
        }
        payment.script = scriptsByPaymentRequestId.removeValue(forKey: id)
            ?? (nextPayScripts.isEmpty ? .succeed : nextPayScripts.removeFirst())
        switch payment.script {
        case .succeed: settle(&payment, as: .succeed)
        case .fail(let code): settle(&payment, as: .fail(code))
        case .unknown, .neverResolves: break
        }
        payment.firstResponse = payResponse(payment)
        record(payment)
        return payment.firstResponse
    }

    private func record(_ payment: PaymentState) {
        payments.append(payment)
        paymentIndexByRequestId[payment.request.paymentRequestId] = payments.count - 1
        paymentIndexById[payment.paymentId] = payments.count - 1
    }

    /// Moves a payment to its final state, charging on success, and queues notifyPayment.
    private func settle(_ payment: inout PaymentState, as outcome: FinalPaymentOutcome) {
        switch outcome {
        case .succeed:
            payment.status = .succeeded
            payment.chargeCount += 1
            payment.paymentTime = clock.now
        case .fail(let code):
            payment.status = .failed(code)
        }
        queueNotifyPayment(payment)
    }

    private func paymentResult(_ payment: PaymentState) -> APIResult {
        switch payment.status {
        case .processing:
            return APIResult(resultCode: .paymentInProcess, resultStatus: .unknown, resultMessage: "payment in process")
        case .succeeded:
            return .success
        case .failed(let code):
            return APIResult(resultCode: code, resultStatus: .failure, resultMessage: "simulated failure \(code.rawValue)")
        case .cancelled:
            return APIResult(resultCode: .orderIsClosed, resultStatus: .failure, resultMessage: "the payment was cancelled")
        }
    }

    private func payResponse(_ payment: PaymentState) -> Data {
        let paid = payment.status == .succeeded
        return encode(PayResponse(
            result: paymentResult(payment), acquirerId: configuration.acquirerId,
            pspId: paid ? configuration.pspId : nil, paymentId: payment.status == .processing ? nil : payment.paymentId,
            paymentTime: payment.paymentTime, paymentAmount: paid ? payment.request.paymentAmount : nil,
            customerId: paid ? payment.customerId : nil, walletBrandName: paid ? payment.walletBrandName : nil
        ))
    }

    private func queueNotifyPayment(_ payment: PaymentState) {
        let paid = payment.status == .succeeded
        let notification = NotifyPaymentRequest(
            paymentResult: paymentResult(payment), paymentRequestId: payment.request.paymentRequestId,
            paymentId: payment.paymentId, acquirerId: configuration.acquirerId,
            pspId: paid ? configuration.pspId : nil, customerId: paid ? payment.customerId : nil,
            paymentAmount: payment.request.paymentAmount, paymentTime: payment.paymentTime,
            walletBrandName: paid ? payment.walletBrandName : nil
        )
        let path = payment.request.paymentNotifyUrl.flatMap { URL(string: $0)?.path }.flatMap { $0.isEmpty ? nil : $0 }
            ?? configuration.notificationPaths.notifyPayment
        pendingNotifications.append(QueuedNotification(name: NotifyPaymentRequest.name, path: path, payload: notification))
    }

    // MARK: inquiryPayment / cancelPayment

    private func paymentIndex(paymentRequestId: String?, paymentId: String?) -> Int? {
        if let paymentRequestId, let index = paymentIndexByRequestId[paymentRequestId] { return index }
        if let paymentId, let index = paymentIndexById[paymentId] { return index }
        return nil
    }

    func inquiryPayment(_ request: InquiryPaymentRequest) -> Data {
        guard let index = paymentIndex(paymentRequestId: request.paymentRequestId, paymentId: request.paymentId) else {
            return failure(.orderNotExist, "no payment with this paymentRequestId or paymentId")
        }
        payments[index].inquiries += 1
        if payments[index].status == .processing, case .unknown(let final, let after) = payments[index].script,
           payments[index].inquiries >= max(1, after)
        {
            settle(&payments[index], as: final)
        }
        let payment = payments[index]
        let paid = payment.status == .succeeded
        return encode(InquiryPaymentResponse(
            result: .success, paymentResult: paymentResult(payment), acquirerId: configuration.acquirerId,
            pspId: configuration.pspId, paymentRequestId: payment.request.paymentRequestId,
            paymentId: payment.paymentId, paymentAmount: payment.request.paymentAmount,
            paymentTime: payment.paymentTime, customerId: paid ? payment.customerId : nil,
            walletBrandName: paid ? payment.walletBrandName : nil
        ))
    }

    func cancelPayment(_ request: CancelPaymentRequest) -> Data {
        guard let index = paymentIndex(paymentRequestId: request.paymentRequestId, paymentId: request.paymentId) else {
            if let id = request.paymentRequestId { closedPaymentRequestIds.insert(id) }
            return failure(.orderNotExist, "no payment with this paymentRequestId or paymentId; it is now closed")
        }
        payments[index].cancellations += 1
        if payments[index].status == .succeeded { payments[index].reversed = true }
        payments[index].status = .cancelled
        return encode(CancelPaymentResponse(result: .success, pspId: configuration.pspId, acquirerId: configuration.acquirerId))
    }

    // MARK: refund

    func refund(_ request: RefundRequest) -> Data {
        guard let index = paymentIndex(paymentRequestId: request.paymentRequestId, paymentId: request.paymentId) else {
            return failure(.orderNotExist, "no payment with this paymentRequestId or paymentId")
        }
        let reference = request.paymentRequestId.map { "req:" + $0 } ?? "id:" + (request.paymentId ?? "")
        if let previous = refundsByRequestId[request.refundRequestId] {
            guard previous.refundAmount == request.refundAmount, previous.paymentReference == reference else {
                return failure(.repeatReqInconsistent, "refundRequestId reused with another refundAmount or payment")
            }
            if let refundIndex = payments[previous.paymentIndex].refunds
                .firstIndex(where: { $0.refundRequestId == request.refundRequestId })
            {
                payments[previous.paymentIndex].refunds[refundIndex].calls += 1
            }
            return previous.response
        }
        let payment = payments[index]
        guard payment.status == .succeeded, !payment.reversed else {
            return failure("ORDER_STATUS_INVALID", "only a paid payment can be refunded (simulated code)")
        }
        guard request.refundAmount.currency == payment.request.paymentAmount.currency,
              let asked = request.refundAmount.minorUnits
        else {
            return failure(.paramIllegal, "refundAmount must be in the payment currency")
        }
        let limit = payment.request.paymentAmount.minorUnits ?? 0
        guard payment.refundedMinorUnits + asked <= limit else {
            return failure("REFUND_AMOUNT_EXCEED",
                           "refunds would total more than the payment amount (simulated code)")
        }
        let refundId = newId("SIMREF", hexCount: 26)
        payments[index].refunds.append(LedgerRefund(
            refundRequestId: request.refundRequestId, refundId: refundId, amount: request.refundAmount, calls: 1,
            refundTime: clock.now
        ))
        let body = encode(RefundResponse(
            result: .success, acquirerId: configuration.acquirerId, pspId: configuration.pspId, refundId: refundId,
            refundTime: clock.now, refundAmount: request.refundAmount
        ))
        refundsByRequestId[request.refundRequestId] = RefundState(
            paymentIndex: index, refundAmount: request.refundAmount, paymentReference: reference, response: body
        )
        return body
    }
}

extension PaymentState {
    /// The sum of the successful refunds, in minor units.
    var refundedMinorUnits: Int64 {
        refunds.reduce(0) { $0 + ($1.amount.minorUnits ?? 0) }
    }
}
