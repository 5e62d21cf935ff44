import AlipayPlus
import AlipayPlusModels
import Foundation

extension AutoDebitStoreConformance {
    /// The rules the store checks atomically with a write, and the queries.
    static let ruleChecks: [Check] = [
        check("theRefundRulesAreCheckedWithTheInsert") { c in
            try await c.expectRefusal(.notFound, "a refund of a payment never stored") {
                try await c.store.insert(c.records.refund(1))
            }
            let created = try await c.store.insert(c.records.payment(1))
            try await c.expectRefusal(.refundNotAllowed, "a refund of a payment that is not succeeded") {
                try await c.store.insert(c.records.refund(1))
            }
            var succeeded = created
            succeeded.state = .succeeded
            try await c.store.replace(succeeded, under: nil, deliveryKey: nil)
            try await c.expectRefusal(.invalidAmount, "a refund of zero") {
                try await c.store.insert(c.records.refund(1, minor: 0))
            }
            try await c.expectRefusal(.refundNotAllowed, "a refund in another currency than the payment's") {
                try await c.store.insert(c.records.refund(1, currency: "USD"))
            }
            try await c.store.insert(c.records.refund(1, minor: 6_000))
            try await c.expectRefusal(.refundLimitExceeded, "refunds above the payment's amount") {
                try await c.store.insert(c.records.refund(2, minor: 4_001))
            }
            try await c.store.insert(c.records.refund(3, minor: 4_000))
            let payment = try await c.storedPayment(c.records.paymentId(1))
            try c.expect(payment.refunds.count == 2 && payment.refunds.minorUnits == 10_000,
                         "the payment's refund tally is \(payment.refunds), expected 2 refunds of 10000")
        },
        check("thePaymentsRefundTallyIsKeptByTheStoreAndBumpsItsVersion") { c in
            let payment = try await c.succeededPayment(1)
            let refund = try await c.store.insert(c.records.refund(1, minor: 2_500))
            let counted = try await c.storedPayment(payment.paymentRequestId)
            try c.expect(counted.version == payment.version + 1 && counted.refunds.minorUnits == 2_500,
                         "after a refund the payment is at version \(counted.version) with \(counted.refunds); expected "
                            + "version \(payment.version + 1) and 2500 refunded")
            var forged = counted
            forged.refunds = RefundTally()
            forged.paymentId = "\(c.records.prefix)-AP"
            let replaced = try await c.store.replace(forged, under: nil, deliveryKey: nil)
            try c.expect(replaced.refunds.minorUnits == 2_500, "a replacement overwrote the store's refund tally")
            var failed = refund
            failed.state = .failed
            try await c.store.replace(failed, under: nil)
            let uncounted = try await c.storedPayment(payment.paymentRequestId)
            try c.expect(uncounted.refunds.count == 0 && uncounted.version == replaced.version + 1,
                         "a failed refund leaves the payment at \(uncounted.refunds), version \(uncounted.version); "
                            + "expected no refunds at version \(replaced.version + 1)")
            let refunds = try await c.store.refunds(paymentRequestId: payment.paymentRequestId).map(\.refundRequestId)
            try c.expect(refunds == [refund.refundRequestId], "refunds(paymentRequestId:) is \(refunds)")
        },
        check("anOrderHasAtMostOneUnfinishedPayment") { c in
            let first = try await c.store.insert(c.records.payment(1, order: 1))
            do {
                try await c.store.insert(c.records.payment(2, order: 1))
                throw c.failure("a second unfinished payment of one order was stored")
            } catch let error as StoreError {
                try c.expect(error.code == .orderHasUnfinishedPayment && error.recordId == first.paymentRequestId,
                             "a second unfinished payment was refused with \(error) (recordId \(error.recordId ?? "nil")); "
                                + "expected orderHasUnfinishedPayment naming \(first.paymentRequestId)")
            }
            var failed = first
            failed.state = .failed
            let finalFirst = try await c.store.replace(failed, under: nil, deliveryKey: nil)
            let second = try await c.store.insert(c.records.payment(2, order: 1))
            var again = finalFirst
            again.state = .created
            try await c.expectRefusal(.orderHasUnfinishedPayment, "a final payment made unfinished again beside another") {
                try await c.store.replace(again, under: nil, deliveryKey: nil)
            }
            let unfinished = try await c.store.unfinishedPayments(referenceOrderId: first.referenceOrderId)
            try c.expect(unfinished.map(\.paymentRequestId) == [second.paymentRequestId],
                         "unfinishedPayments(referenceOrderId:) is \(unfinished.map(\.paymentRequestId))")
        },
        check("aPaymentWithRefundsCannotBeCancelled") { c in
            let payment = try await c.succeededPayment(1)
            let refund = try await c.store.insert(c.records.refund(1))
            var cancel = try await c.storedPayment(payment.paymentRequestId)
            cancel.state = .cancelRequested
            try await c.expectRefusal(.cancelNotAllowed, "cancelling a payment with a pending refund") {
                try await c.store.replace(cancel, under: nil, deliveryKey: nil)
            }
            // A cancel decided from the copy read before the refund loses its compare-and-set.
            var raced = payment
            raced.state = .cancelRequested
            do {
                try await c.store.replace(raced, under: nil, deliveryKey: nil)
                throw c.failure("a cancel from a copy read before a refund was stored")
            } catch let error as StoreError {
                try c.expect(error.code == .versionConflict || error.code == .cancelNotAllowed,
                             "a cancel racing a refund was refused with \(error)")
            }
            var failed = refund
            failed.state = .failed
            try await c.store.replace(failed, under: nil)
            var allowed = try await c.storedPayment(payment.paymentRequestId)
            allowed.state = .cancelRequested
            let cancelled = try await c.store.replace(allowed, under: nil, deliveryKey: nil)
            try c.expect(cancelled.state == .cancelRequested, "a payment whose refunds all failed could not be cancelled")
            try await c.expectRefusal(.refundNotAllowed, "a refund of a payment being cancelled") {
                try await c.store.insert(c.records.refund(2))
            }
        },
        check("theUnfinishedQueriesAreOldestFirstAndLimited") { c in
            for n in [3, 1, 2] { try await c.store.insert(c.records.payment(n)) }
            _ = try await c.succeededPayment(4)
            var done = try await c.storedPayment(c.records.paymentId(2))
            done.state = .failed
            try await c.store.replace(done, under: nil, deliveryKey: nil)
            let unfinished = try await c.store.unfinishedPayments(limit: 10).map(\.paymentRequestId)
            try c.expect(unfinished == [c.records.paymentId(1), c.records.paymentId(3)],
                         "unfinishedPayments(limit:) is \(unfinished); expected the two unfinished ones oldest first")
            let one = try await c.store.unfinishedPayments(limit: 1).map(\.paymentRequestId)
            try c.expect(one == [c.records.paymentId(1)], "unfinishedPayments(limit: 1) is \(one)")
            for n in [12, 10, 11] { try await c.store.insert(c.records.refund(n, of: 4)) }
            var settled = try await c.store.refund(requestId: c.records.refund(11, of: 4).refundRequestId)!
            settled.state = .succeeded
            try await c.store.replace(settled, under: nil)
            let pending = try await c.store.pendingRefunds(limit: 10).map(\.refundRequestId)
            let expected = [10, 12].map { c.records.refund($0, of: 4).refundRequestId }
            try c.expect(pending == expected, "pendingRefunds(limit:) is \(pending); expected \(expected)")
            let first = try await c.store.pendingRefunds(limit: 1).map(\.refundRequestId)
            try c.expect(first == [expected[0]], "pendingRefunds(limit: 1) is \(first)")
        },
        check("aDeliveryKeyIsRecordedWithItsChangeAndRefusedTheSecondTime") { c in
            let key = "\(c.records.prefix):notifyPayment:1"
            var payment = try await c.store.insert(c.records.payment(1))
            payment.state = .succeeded
            let stale = payment
            let stored = try await c.store.replace(payment, under: nil, deliveryKey: key)
            var again = stored
            again.paymentId = "\(c.records.prefix)-AP"
            try await c.expectRefusal(.duplicateDelivery, "a second change with the same delivery key") {
                try await c.store.replace(again, under: nil, deliveryKey: key)
            }
            let read = try await c.storedPayment(payment.paymentRequestId)
            try c.expect(read == stored, "a duplicate delivery changed the payment")
            let first = try await c.store.recordFirstDelivery(key: key)
            try c.expect(!first, "a key recorded with a replacement is new to recordFirstDelivery")
            // A replacement refused for another reason records no key.
            let otherKey = "\(c.records.prefix):notifyPayment:2"
            do {
                try await c.store.replace(stale, under: nil, deliveryKey: otherKey)
                throw c.failure("a stale replacement with a delivery key was stored")
            } catch is StoreError {}
            let firstOther = try await c.store.recordFirstDelivery(key: otherKey)
            try c.expect(firstOther, "a refused replacement recorded its delivery key")
            let duplicate = try await c.store.recordFirstDelivery(key: otherKey)
            try c.expect(!duplicate, "recordFirstDelivery returned true twice for one key")
            var binding = try await c.store.insert(c.records.binding())
            binding.status = .needsReauthorization
            try await c.store.replace(binding, under: nil, deliveryKey: "\(c.records.prefix):authNotify:1")
            try await c.expectRefusal(.duplicateDelivery, "a binding change with a recorded delivery key") {
                try await c.store.replace(binding, under: nil, deliveryKey: "\(c.records.prefix):authNotify:1")
            }
        },
    ]
}
