import AlipayPlus
import AlipayPlusModels
import Foundation

extension ProcessSoakRun {
    /// Binds `user`: begin on a child, approve in the sandbox's wallet, complete on a child; again
    /// from the start when a step dies with its child.
    func bind(_ user: String) async {
        for _ in 0..<20 {
            guard case .value(let page)? = await client.call("bind/begin", ProcessSoakWire.BeginBinding(user: user),
                                                             as: ProcessSoakWire.BindingPage.self),
                  let redirect = try? await simulator.approve(walletPageURL: page.walletPageURL)
            else { continue }
            if case .value? = await client.call("bind/complete", ProcessSoakWire.CompleteBinding(redirectURL: redirect),
                                                as: ProcessSoakWire.Bound.self) {
                return
            }
        }
    }

    /// One charge as a merchant's code makes it, with the in-process soak's mix of scripts, merchant
    /// cancels, refunds and unbinds; a call that dies with its child is made again, same id and body.
    func charge(_ index: Int) async {
        var random = SoakRandom(seed: configuration.seed, stream: UInt64(index) &+ 1)
        let seed = configuration.seed
        let paymentRequestId = "SOAK\(seed)-\(index)"
        let user = user(index)
        let minorUnits = Int64.random(in: 100...99_999, using: &random)
        let script: PaymentScript
        switch Double.random(in: 0..<1, using: &random) {
        case ..<0.72: script = .succeed
        case ..<0.82: script = .fail([ResultCode.userBalanceNotEnough, .riskReject, .userAmountExceedLimit].randomElement(using: &random)!)
        case ..<0.94:
            let final: FinalPaymentOutcome = random.chance(0.8) ? .succeed : .fail(.userBalanceNotEnough)
            script = .unknown(then: final, afterInquiries: Int.random(in: 1...30, using: &random))
            plan.count("unknownLate")
        default:
            script = .neverResolves
            plan.count("unknownNever")
        }
        let merchantCancel = random.chance(0.03)
        let refundCount = random.chance(0.25) ? Int.random(in: 1...3, using: &random) : 0
        let unbindAfter = random.chance(0.01)
        await simulator.script(script, forPaymentRequestId: paymentRequestId)
        let body = ProcessSoakWire.Charge(user: user, paymentRequestId: paymentRequestId, referenceOrderId: "ORD\(seed)-\(index)",
                                          minorUnits: minorUnits, waitForFinalOutcome: !merchantCancel)
        var answer = await client.call("charge", body, as: ProcessSoakWire.Outcome.self)
        if merchantCancel, case .value(let outcome)? = answer, outcome.outcome == "pending" {
            plan.count("merchantCancel")
            answer = await client.call("cancel", ProcessSoakWire.Cancel(paymentRequestId: paymentRequestId), as: ProcessSoakWire.Outcome.self)
        }
        switch answer {
        case nil:
            return
        case .refused(let reason)?:
            await book.error(index, reason)
        case .value(let outcome)?:
            switch outcome.outcome {
            case "needsReauthorization":
                await book.report(index, "needsReauthorization", recordId: nil)
                plan.count("reauthorization")
                await bind(user)
            case "pending":
                break  // recovery finishes it; the checker reads its final state from the store
            default:
                await book.report(index, outcome.outcome, recordId: outcome.paymentRequestId)
                guard outcome.outcome == "succeeded", let recordId = outcome.paymentRequestId else { break }
                for number in 0..<refundCount {
                    let piece = Int64.random(in: 1...max(1, minorUnits * 2 / 3), using: &random)
                    _ = await client.call("refund", ProcessSoakWire.Refund(paymentRequestId: recordId, refundRequestId: "SOAKR\(seed)-\(index)-\(number)",
                                                                             minorUnits: piece), as: ProcessSoakWire.RefundAnswer.self)
                }
            }
        }
        if unbindAfter {
            plan.count("unbind")
            _ = await client.call("unbind", ProcessSoakWire.Unbind(user: user), as: ProcessSoakWire.Unbound.self)
            await bind(user)
        }
    }
}
