import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation

/// Where the demo's Alipay+ is: the in-process simulator, or a real endpoint (the sandbox).
enum DemoBackend {
    /// The simulator: the user, the wallet's outcomes and the notifications are all scripted.
    case simulator(AlipayPlusSimulator)
    /// A real endpoint over HTTPS; the user approves in a browser, outcomes cannot be scripted.
    case remote(baseURL: URL, redirectURL: String?)
}

/// A step that did not end as the demo expects; the message says which and what happened.
struct DemoFailure: Error, CustomStringConvertible {
    let description: String
}

/// The demo's steps: bind → charge → inquiry → refund → an unknown charge resolved by cancellation → unbind.
struct DemoFlow {
    let coordinator: AutoDebitCoordinator
    let backend: DemoBackend
    let report: DemoReporter
    let currency: String
    /// This run's request ids against the simulator (fresh on a reused store).
    let ids: DemoRunIds
    let merchantUserId = "user-42"

    private var isSimulator: Bool {
        if case .simulator = backend { return true }
        return false
    }

    private func amount(_ minor: Int64) -> Amount { Amount(currency: currency, minorUnits: minor) }

    /// A readable id against the simulator (fresh per run, see ``DemoRunIds``); a generated one
    /// against a real endpoint, where ids must be unique across runs.
    private func requestId(_ fixed: String) -> String? { isSimulator ? fixed : nil }

    /// Runs every step; throws ``DemoFailure`` at the first step that does not end as expected.
    func run() async throws {
        let binding = try await bind()
        let paid = try await charge()
        try await inquire(paid)
        try await refund(paid)
        try await unknownThenCancel()
        try await unbind(binding)
        try await ledger()
    }

    // MARK: Steps

    private func bind() async throws -> BindingRecord {
        report.step(1, "Bind the user's wallet (once; later charges need no user interaction)")
        let start = try await coordinator.beginBinding(for: merchantUserId)
        let redirect: URL
        switch backend {
        case .simulator(let simulator):
            var page = URLComponents(url: start.walletPageURL, resolvingAgainstBaseURL: false)
            page?.query = nil
            report.note("the user opens the wallet page \(page?.string ?? "")")
            report.note("and approves (simulated: AlipayHK); the wallet redirects back with authCode and authState")
            redirect = try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK)
        case .remote(_, let given):
            report.note("open this wallet page, log in to the sandbox wallet and approve:")
            report.note("  \(start.walletPageURL.absoluteString)")
            redirect = try readRedirect(given)
        }
        let binding = try await coordinator.completeBinding(redirectURL: redirect)
        if let expiry = binding.accessTokenExpiryTime {
            report.note("access token valid until \(Self.format(expiry)); the coordinator refreshes it before then")
        }
        try await deliverNotifications()
        return binding
    }

    private func charge() async throws -> PaymentRecord {
        let money = amount(599)
        report.step(2, "Charge \(money.displayString) (Auto Debit: no user interaction)")
        let outcome = try await coordinator.charge(ChargeRequest(
            merchantUserId: merchantUserId, amount: money, referenceOrderId: ids.paidOrder,
            orderDescription: "Monthly plan", paymentRequestId: requestId(ids.paidCharge)
        ))
        guard case .succeeded(let payment) = outcome else {
            throw DemoFailure(description: "step 2: the charge did not succeed: \(Self.describe(outcome))")
        }
        try await deliverNotifications()
        return payment
    }

    private func inquire(_ payment: PaymentRecord) async throws {
        report.step(3, "Ask Alipay+ what it booked (inquiryPayment)")
        let response = try await coordinator.client.send(InquiryPaymentRequest(paymentRequestId: payment.paymentRequestId))
        guard response.result.resultStatus == .success, let result = response.paymentResult else {
            throw DemoFailure(description: "step 3: inquiryPayment answered \(DemoReporter.answer(response.result.resultStatus, response.result.resultCode))")
        }
        var facts = "payment \(DemoReporter.answer(result.resultStatus, result.resultCode))"
        if let paid = response.paymentAmount { facts += ", \(paid.displayString)" }
        if let time = response.paymentTime { facts += ", paid at \(Self.format(time))" }
        report.note(facts)
    }

    private func refund(_ payment: PaymentRecord) async throws {
        let money = amount(200)
        report.step(4, "Refund \(money.displayString) of it")
        let outcome = try await coordinator.refund(
            paymentRequestId: payment.paymentRequestId, amount: money, reason: "demo",
            refundRequestId: requestId(ids.refund)
        )
        guard case .succeeded = outcome else {
            throw DemoFailure(description: "step 4: the refund did not succeed: \(outcome.refund.state.rawValue) "
                              + "\(outcome.refund.failureCode?.rawValue ?? "")")
        }
        let left = amount((payment.amount.minorUnits ?? 0) - (money.minorUnits ?? 0))
        do {
            _ = try await coordinator.refund(paymentRequestId: payment.paymentRequestId, amount: amount(500))
            throw DemoFailure(description: "step 4: a refund above what is left was not refused")
        } catch let error as AutoDebitError where error.code == .refundExceedsRemaining {
            report.coordinator("a further \(amount(500).displayString) refund is refused before any call "
                               + "(only \(left.displayString) left)")
        }
    }

    private func unknownThenCancel() async throws {
        let money = amount(700)
        report.step(5, "A charge of \(money.displayString) whose outcome stays unknown")
        guard case .simulator(let simulator) = backend else {
            report.note("skipped: a real endpoint's outcomes cannot be scripted. With the simulator the")
            report.note("coordinator inquires every 3 s for 60 s, then cancels; see `alipayplus demo`.")
            return
        }
        let id = ids.unknownCharge
        await simulator.script(.neverResolves, forPaymentRequestId: id)
        report.note("the simulated wallet is told never to answer this pay")
        let outcome = try await coordinator.charge(ChargeRequest(
            merchantUserId: merchantUserId, amount: money, referenceOrderId: ids.unknownOrder,
            orderDescription: "Monthly plan", paymentRequestId: id
        ))
        guard case .canceled = outcome else {
            throw DemoFailure(description: "step 5: expected a canceled payment, got \(Self.describe(outcome))")
        }
        let charges = await simulator.ledger.payment(id)?.chargeCount ?? -1
        guard charges == 0 else {
            throw DemoFailure(description: "step 5: the canceled payment was charged \(charges) time(s)")
        }
        report.note("Alipay+ confirms: charged 0 times")
        try await deliverNotifications()
    }

    private func unbind(_ binding: BindingRecord) async throws {
        report.step(6, "Unbind the wallet")
        try await coordinator.unbind(bindingId: binding.bindingId)
        try await deliverNotifications()
    }

    private func ledger() async throws {
        guard case .simulator(let simulator) = backend else {
            report.step(7, "The merchant's records (LocalAutoDebitStore)")
            let payments = await (coordinator.store as? LocalAutoDebitStore)?.snapshot().payments ?? []
            table(["paymentRequestId", "amount", "status"],
                  payments.map { [$0.paymentRequestId, $0.amount.displayString, $0.state.rawValue] })
            return
        }
        report.step(7, "What Alipay+ booked (the simulator's ledger)")
        let ledger = await simulator.ledger
        table(["paymentRequestId", "amount", "status", "charges", "refunded"], ledger.payments.map { payment in
            [payment.paymentRequestId, payment.amount.displayString, Self.status(payment.status),
             "\(payment.chargeCount)",
             payment.refundedMinorUnits == 0 ? "-" : amount(payment.refundedMinorUnits).displayString]
        })
        let violations = await simulator.assertInvariants()
        let twice = violations.filter { $0.contains("charged") }
        report.note("no payment charged twice: " + (twice.isEmpty ? "ok" : "FAILED"))
        report.note("refunds within amounts:   " + (violations.count == twice.count ? "ok" : "FAILED"))
        guard violations.isEmpty else {
            throw DemoFailure(description: "the ledger breaks the money rules: " + violations.joined(separator: "; "))
        }
    }

    // MARK: Helpers

    /// Delivers the simulator's queued notifications to the coordinator's inbound handler.
    private func deliverNotifications() async throws {
        guard case .simulator(let simulator) = backend else { return }
        let coordinator = coordinator
        let deliveries = await simulator.deliverNotifications(to: { await coordinator.handleInbound($0) })
        for delivery in deliveries {
            var subject = ""
            if let payment = try? AlipayPlusJSON.decode(NotifyPaymentRequest.self, from: delivery.body) {
                subject = payment.paymentRequestId + " "
                    + DemoReporter.answer(payment.paymentResult.resultStatus, payment.paymentResult.resultCode)
            } else if let auth = try? AlipayPlusJSON.decode(AuthNotifyRequest.self, from: delivery.body) {
                subject = auth.authorizationNotifyType.rawValue
            }
            let verdict = delivery.acknowledged
                ? "verified, applied once, answered with a signed SUCCESS"
                : "NOT acknowledged: " + delivery.failures.joined(separator: "; ")
            report.line("   ⇠ " + delivery.name.padding(toLength: 19, withPad: " ", startingAt: 0)
                        + subject.padding(toLength: 26, withPad: " ", startingAt: 0) + verdict)
            guard delivery.acknowledged else {
                throw DemoFailure(description: "the coordinator did not acknowledge \(delivery.name)")
            }
        }
    }

    private func readRedirect(_ given: String?) throws -> URL {
        var text = given
        if text == nil {
            report.note("then paste the URL the wallet redirected to and press Enter:")
            text = readLine(strippingNewline: true)
        }
        guard let text, let url = URL(string: text.trimmingCharacters(in: .whitespaces)), url.query != nil else {
            throw DemoFailure(description: "step 1: no redirect URL with authCode and authState was given")
        }
        return url
    }

    private func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        for row in all {
            let cells = row.indices.map { $0 == row.count - 1 ? row[$0] : row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }
            report.note(cells.joined())
        }
    }

    private static func status(_ status: LedgerPayment.Status) -> String {
        switch status {
        case .processing: "processing"
        case .succeeded: "succeeded"
        case .failed(let code): "failed \(code.rawValue)"
        case .cancelled: "canceled"
        }
    }

    static func describe(_ outcome: ChargeOutcome) -> String {
        switch outcome {
        case .succeeded: "succeeded"
        case .failed(let code, _): "failed (\(code.rawValue))"
        case .canceled: "canceled"
        case .pending: "pending"
        case .needsReauthorization(_, let reason): "needs reauthorization (\(reason.rawValue))"
        }
    }

    /// A date as `2026-11-29 05:05:09 UTC`.
    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }
}
