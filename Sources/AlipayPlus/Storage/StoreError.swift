/// A store refused or failed an operation.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case duplicate, notFound, refundLimitExceeded, persistence }
        private let base: Base

        /// A record with that id exists already.
        public static let duplicate = Code(base: .duplicate)
        /// No record has that id.
        public static let notFound = Code(base: .notFound)
        /// The refund would take the payment's refunds above its amount.
        public static let refundLimitExceeded = Code(base: .refundLimitExceeded)
        /// Writing to durable storage failed; nothing was changed.
        public static let persistence = Code(base: .persistence)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// An explanation naming the record.
    public var message: String

    /// Creates a store error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `StoreError.<code>: <message>`.
    public var description: String { "StoreError.\(code): \(message)" }
}
