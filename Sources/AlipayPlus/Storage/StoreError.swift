/// A store refused or failed an operation.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case duplicate, notFound, refundLimitExceeded, persistence, orderHasUnfinishedPayment, refundNotAllowed
            case invalidAmount, versionConflict, leaseLost, duplicateDelivery, cancelNotAllowed
        }
        private let base: Base

        /// A record with that id exists already.
        public static let duplicate = Code(base: .duplicate)
        /// No record has that id.
        public static let notFound = Code(base: .notFound)
        /// The refund would take the payment's refunds above its amount.
        public static let refundLimitExceeded = Code(base: .refundLimitExceeded)
        /// The payment's order already has an unfinished payment (``StoreError/recordId`` names it):
        /// an order has at most one unfinished payment.
        public static let orderHasUnfinishedPayment = Code(base: .orderHasUnfinishedPayment)
        /// The refund's payment is not succeeded (or is being cancelled), or has another currency.
        public static let refundNotAllowed = Code(base: .refundNotAllowed)
        /// The amount is not a positive number of minor units.
        public static let invalidAmount = Code(base: .invalidAmount)
        /// The record changed since the caller read it (its ``PaymentRecord/version`` is not the
        /// stored one); nothing was written. Read it again, re-apply the change and replace again.
        public static let versionConflict = Code(base: .versionConflict)
        /// A newer lease of the same name was issued since the caller's (or the caller's was released,
        /// or the store restarted): another worker owns the record now; nothing was written. Stop
        /// working on it.
        public static let leaseLost = Code(base: .leaseLost)
        /// The notification's de-duplication key is recorded already: it was applied before, and
        /// nothing was written. Answer it as a success.
        public static let duplicateDelivery = Code(base: .duplicateDelivery)
        /// The payment has refunds that are not failed, so it cannot be marked for cancellation;
        /// nothing was written. Refund the rest instead.
        public static let cancelNotAllowed = Code(base: .cancelNotAllowed)
        /// Writing to durable storage failed; nothing was changed.
        public static let persistence = Code(base: .persistence)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// An explanation naming the record.
    public var message: String
    /// The stored record the refusal is about, when it is another one than the caller's (for
    /// ``Code-swift.struct/orderHasUnfinishedPayment``: the unfinished payment's request id).
    public var recordId: String?

    /// Creates a store error.
    public init(code: Code, message: String, recordId: String? = nil) {
        self.code = code
        self.message = message
        self.recordId = recordId
    }

    /// `StoreError.<code>: <message>`.
    public var description: String { "StoreError.\(code): \(message)" }
}
