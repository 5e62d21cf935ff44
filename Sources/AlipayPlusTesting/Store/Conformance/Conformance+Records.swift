import AlipayPlus
import AlipayPlusModels
import Foundation

extension ConformanceContext {
    /// A payment inserted and then replaced as `succeeded` (refundable), as stored.
    func succeededPayment(_ n: Int = 1, minor: Int64 = 10_000) async throws -> PaymentRecord {
        var payment = try await store.insert(records.payment(n, minor: minor))
        payment.state = .succeeded
        return try await store.replace(payment, under: nil, deliveryKey: nil)
    }
}

extension AutoDebitStoreConformance {
    /// Inserts, reads, replacements and their versions, for every record kind.
    static let recordChecks: [Check] = [
        check("insertedRecordsAreStoredAtVersionOneAndReadBack") { c in
            let authorization = try await c.store.insert(c.records.authorization())
            try c.expect(authorization.version == 1, "an inserted authorization has version \(authorization.version), not 1")
            let readAuthorization = try await c.store.authorization(authState: authorization.authState)
            try c.expect(readAuthorization == authorization, "the authorization read back differs from the one stored")
            let binding = try await c.store.insert(c.records.binding(1))
            try c.expect(binding.version == 1, "an inserted binding has version \(binding.version), not 1")
            let readBinding = try await c.store.binding(id: binding.bindingId)
            try c.expect(readBinding == binding, "the binding read back differs from the one stored")
            let byToken = try await c.store.binding(accessToken: binding.accessToken)
            try c.expect(byToken == binding, "binding(accessToken:) does not find the binding by its token")
            try await c.store.insert(c.records.binding(2))
            let bindings = try await c.store.bindings(merchantUserId: binding.merchantUserId).map(\.bindingId)
            try c.expect(bindings == [c.records.binding(1).bindingId, c.records.binding(2).bindingId],
                         "bindings(merchantUserId:) is \(bindings), expected both bindings oldest first")
            var intent = c.records.payment(1)
            intent.refunds.count = 5
            let payment = try await c.store.insert(intent)
            try c.expect(payment.version == 1 && payment.refunds == RefundTally(),
                         "an inserted payment has version \(payment.version) and refunds \(payment.refunds), not 1 and none")
            let readPayment = try await c.store.payment(requestId: payment.paymentRequestId)
            try c.expect(readPayment == payment, "the payment read back differs from the one stored")
            let missing = try await c.store.payment(requestId: "\(c.records.prefix)-NOPE")
            try c.expect(missing == nil, "payment(requestId:) finds a payment never stored")
        },
        check("aSecondInsertWithTheSameIdIsRefusedAsDuplicate") { c in
            try await c.store.insert(c.records.authorization())
            try await c.expectRefusal(.duplicate, "a second authorization with the same authState") {
                try await c.store.insert(c.records.authorization())
            }
            try await c.store.insert(c.records.binding())
            try await c.expectRefusal(.duplicate, "a second binding with the same id") {
                try await c.store.insert(c.records.binding())
            }
            var second = c.records.authorization(2)
            second = try await c.store.insert(second)
            var completed = second
            completed.bindingId = c.records.binding().bindingId
            try await c.expectRefusal(.duplicate, "completing an authorization with a binding id that exists") {
                try await c.store.insert(c.records.binding(), completing: completed, under: nil)
            }
            let unchanged = try await c.store.authorization(authState: second.authState)
            try c.expect(unchanged == second, "a refused completion changed its authorization")
            _ = try await c.succeededPayment(1)
            try await c.expectRefusal(.duplicate, "a second payment with the same request id") {
                try await c.store.insert(c.records.payment(1))
            }
            try await c.store.insert(c.records.refund(1))
            try await c.expectRefusal(.duplicate, "a second refund with the same request id") {
                try await c.store.insert(c.records.refund(1))
            }
            let payment = try await c.storedPayment(c.records.paymentId(1))
            try c.expect(payment.refunds.count == 1, "a refused duplicate refund was counted: \(payment.refunds)")
        },
        check("aReplaceFromAStaleCopyIsRefusedAndWritesNothing") { c in
            let binding = try await c.store.insert(c.records.binding())
            var changed = binding
            changed.status = .needsReauthorization
            let stored = try await c.store.replace(changed, under: nil, deliveryKey: nil)
            try c.expect(stored.version == 2 && stored.status == .needsReauthorization,
                         "a replaced binding is \(stored.status) at version \(stored.version), expected the change at version 2")
            var stale = binding
            stale.status = .removed
            try await c.expectRefusal(.versionConflict, "replacing a binding from a copy at version 1 after version 2") {
                try await c.store.replace(stale, under: nil, deliveryKey: nil)
            }
            let read = try await c.store.binding(id: binding.bindingId)
            try c.expect(read == stored, "a refused replacement changed the binding")
            try await c.expectRefusal(.notFound, "replacing a binding never stored") {
                try await c.store.replace(c.records.binding(9), under: nil, deliveryKey: nil)
            }
            let payment = try await c.store.insert(c.records.payment())
            var pending = payment
            pending.state = .pending
            try await c.store.replace(pending, under: nil, deliveryKey: nil)
            try await c.expectRefusal(.versionConflict, "replacing a payment from a stale copy") {
                try await c.store.replace(payment, under: nil, deliveryKey: nil)
            }
            try await c.expectRefusal(.notFound, "replacing a payment never stored") {
                try await c.store.replace(c.records.payment(9), under: nil, deliveryKey: nil)
            }
            _ = try await c.succeededPayment(2)
            let refund = try await c.store.insert(c.records.refund(1, of: 2))
            var sent = refund
            sent.firstSentAt = c.records.at(10)
            let storedRefund = try await c.store.replace(sent, under: nil)
            try c.expect(storedRefund.version == 2, "a replaced refund has version \(storedRefund.version), not 2")
            try await c.expectRefusal(.versionConflict, "replacing a refund from a stale copy") {
                try await c.store.replace(refund, under: nil)
            }
            try await c.expectRefusal(.notFound, "replacing a refund never stored") {
                try await c.store.replace(c.records.refund(9, of: 2), under: nil)
            }
        },
        check("completingAnAuthorizationStoresTheBindingAndTheAuthorizationTogether") { c in
            let authorization = try await c.store.insert(c.records.authorization())
            var completed = authorization
            completed.completedWithAuthCode = Secret("\(c.records.prefix)-CODE")
            completed.bindingId = c.records.binding().bindingId
            let stored = try await c.store.insert(c.records.binding(), completing: completed, under: nil)
            try c.expect(stored.binding.version == 1 && stored.authorization.version == 2,
                         "completion stored versions \(stored.binding.version)/\(stored.authorization.version), expected 1/2")
            let read = try await c.store.authorization(authState: authorization.authState)
            try c.expect(read?.bindingId == completed.bindingId, "the completed authorization was not stored")
            // A second exchange of the same authorization (from the copy read before) cannot complete it.
            var again = authorization
            again.bindingId = c.records.binding(2).bindingId
            try await c.expectRefusal(.versionConflict, "a second completion of an authorization from a stale copy") {
                try await c.store.insert(c.records.binding(2), completing: again, under: nil)
            }
            let orphan = try await c.store.binding(id: c.records.binding(2).bindingId)
            try c.expect(orphan == nil, "a refused completion stored its binding")
            try await c.expectRefusal(.notFound, "completing an authorization never stored") {
                try await c.store.insert(c.records.binding(3), completing: c.records.authorization(3), under: nil)
            }
        },
    ]
}
