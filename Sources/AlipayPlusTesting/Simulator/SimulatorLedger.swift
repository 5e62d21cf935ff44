public import AlipayPlusModels
public import Foundation

/// A snapshot of everything the simulated Alipay+ booked, for assertions.
public struct SimulatorLedger: Sendable, Hashable {
    /// Every pay the simulator received, in arrival order (one entry per paymentRequestId).
    public var payments: [LedgerPayment]

    /// The payment with this `paymentRequestId`, if the simulator saw it.
    public func payment(_ paymentRequestId: String) -> LedgerPayment? {
        payments.first { $0.paymentRequestId == paymentRequestId }
    }

    /// What breaks the money rules: a payment charged more than once, refunds above the payment
    /// amount, a refund of a payment that was never charged. Empty when all is well.
    public var violations: [String] {
        var problems: [String] = []
        for payment in payments {
            if payment.chargeCount > 1 {
                problems.append("payment \(payment.paymentRequestId) was charged \(payment.chargeCount) times")
            }
            let refunded = payment.refundedMinorUnits
            if refunded > (payment.amount.minorUnits ?? 0) {
                problems.append("payment \(payment.paymentRequestId) refunded \(refunded) > amount \(payment.amount.value)")
            }
            if refunded > 0 && payment.chargeCount == 0 {
                problems.append("payment \(payment.paymentRequestId) has refunds but was never charged")
            }
        }
        return problems
    }
}

/// One payment as the simulated Alipay+ sees it.
public struct LedgerPayment: Sendable, Hashable {
    /// Where a payment stands.
    public enum Status: Sendable, Hashable {
        /// Answered `U`; waiting for its script to resolve it.
        case processing
        /// Paid.
        case succeeded
        /// Failed with this code.
        case failed(ResultCode)
        /// Cancelled by cancelPayment (a paid payment is reversed first).
        case cancelled
    }

    /// The merchant's idempotency key.
    public var paymentRequestId: String
    /// The id the simulator gave the payment.
    public var paymentId: String
    /// When the wallet was debited (simulator clock), if it was.
    public var paymentTime: Date?
    /// The amount asked.
    public var amount: Amount
    /// The status now.
    public var status: Status
    /// How many times the wallet was debited (must never exceed 1).
    public var chargeCount: Int
    /// Whether a charge was reversed by cancelPayment.
    public var reversed: Bool
    /// How many cancelPayment calls were accepted for it.
    public var cancellations: Int
    /// How many pay calls arrived with this paymentRequestId (repeats included).
    public var payCalls: Int
    /// How many inquiryPayment calls asked about it.
    public var inquiries: Int
    /// Its refunds, in arrival order.
    public var refunds: [LedgerRefund]

    /// The sum of the successful refunds, in minor units.
    public var refundedMinorUnits: Int64 {
        refunds.reduce(0) { $0 + ($1.amount.minorUnits ?? 0) }
    }
}

/// One successful refund.
public struct LedgerRefund: Sendable, Hashable {
    /// The merchant's idempotency key.
    public var refundRequestId: String
    /// The id the simulator gave the refund.
    public var refundId: String
    /// The amount refunded.
    public var amount: Amount
    /// How many refund calls arrived with this refundRequestId (repeats included).
    public var calls: Int
    /// When the refund was booked (simulator clock).
    public var refundTime: Date
}
