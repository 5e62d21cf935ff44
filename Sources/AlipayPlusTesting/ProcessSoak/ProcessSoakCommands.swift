import AlipayPlus
import AlipayPlusModels
import AlipayPlusTransport
import Foundation

/// The merchant child's HTTP handler: the driver's commands under `/soak/`, notifications elsewhere.
struct ProcessSoakCommands: Sendable {
    let coordinator: AutoDebitCoordinator
    let store: any AutoDebitStore
    let instanceId: String

    func answer(_ request: LoopbackHTTPRequest) async -> HTTPResponse {
        guard request.path.hasPrefix(ProcessSoakWire.prefix) else {
            let inbound = await coordinator.handleInbound(
                InboundRequest(method: request.method, path: request.path, headers: request.headers, body: request.body)
            )
            return HTTPResponse(status: inbound.status, headers: inbound.headers, body: inbound.body)
        }
        let command = String(request.path.dropFirst(ProcessSoakWire.prefix.count))
        do {
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: try await run(command, request.body))
        } catch {
            return HTTPResponse(status: 500, headers: ["Content-Type": "application/json"],
                                body: ProcessSoakWire.encode(ProcessSoakWire.Failure(error: "\(error)")))
        }
    }

    private func run(_ command: String, _ body: Data) async throws -> Data {
        switch command {
        case "status":
            return ProcessSoakWire.encode(ProcessSoakWire.Status(instanceId: instanceId))
        case "bind/begin":
            let input = try decode(ProcessSoakWire.BeginBinding.self, body)
            let start = try await coordinator.beginBinding(for: input.user)
            return ProcessSoakWire.encode(ProcessSoakWire.BindingPage(walletPageURL: start.walletPageURL))
        case "bind/complete":
            let input = try decode(ProcessSoakWire.CompleteBinding.self, body)
            let binding = try await coordinator.completeBinding(redirectURL: input.redirectURL)
            return ProcessSoakWire.encode(ProcessSoakWire.Bound(bindingId: binding.bindingId))
        case "charge":
            let input = try decode(ProcessSoakWire.Charge.self, body)
            let request = ChargeRequest(
                merchantUserId: input.user, amount: Amount(currency: "HKD", minorUnits: input.minorUnits),
                referenceOrderId: input.referenceOrderId, orderDescription: "process soak charge",
                paymentRequestId: input.paymentRequestId
            )
            let outcome = try await coordinator.charge(request, waitForFinalOutcome: input.waitForFinalOutcome)
            return ProcessSoakWire.encode(ProcessSoakWire.Outcome(outcome))
        case "cancel":
            let input = try decode(ProcessSoakWire.Cancel.self, body)
            return ProcessSoakWire.encode(ProcessSoakWire.Outcome(try await coordinator.cancel(paymentRequestId: input.paymentRequestId)))
        case "refund":
            let input = try decode(ProcessSoakWire.Refund.self, body)
            let outcome = try await coordinator.refund(
                paymentRequestId: input.paymentRequestId, amount: Amount(currency: "HKD", minorUnits: input.minorUnits),
                refundRequestId: input.refundRequestId
            )
            return ProcessSoakWire.encode(ProcessSoakWire.RefundAnswer(state: outcome.refund.state.rawValue))
        case "unbind":
            let input = try decode(ProcessSoakWire.Unbind.self, body)
            var unbound = 0
            for binding in try await coordinator.bindings(for: input.user) where binding.status == .active {
                try await coordinator.unbind(bindingId: binding.bindingId)
                unbound += 1
            }
            return ProcessSoakWire.encode(ProcessSoakWire.Unbound(unbound: unbound))
        case "recover":
            let report = try await coordinator.recover()
            return ProcessSoakWire.encode(ProcessSoakWire.Recovered(unresolved: report.unresolved.count))
        case "records":
            return ProcessSoakWire.encode(try await records(try decode(ProcessSoakWire.RecordQuery.self, body)))
        default:
            throw ProcessSoakError.invalidArguments("unknown soak command '\(command)'")
        }
    }

    /// The payments with these ids, the retries they led to, and all their refunds.
    private func records(_ query: ProcessSoakWire.RecordQuery) async throws -> ProcessSoakWire.Records {
        var records = ProcessSoakWire.Records(payments: [], refunds: [])
        var seen: Set<String> = []
        for root in query.paymentRequestIds {
            var next: String? = root
            while let id = next, seen.insert(id).inserted, let payment = try await store.payment(requestId: id) {
                records.payments.append(payment)
                records.refunds += try await store.refunds(paymentRequestId: id)
                next = payment.retriedAs
            }
        }
        return records
    }

    private func decode<Value: Decodable>(_ type: Value.Type, _ body: Data) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch {
            throw ProcessSoakError.invalidArguments("the command body does not decode as \(Value.self): \(error)")
        }
    }
}
