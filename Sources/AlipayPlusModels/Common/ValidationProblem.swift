/// One problem found by `validate()`, naming the JSON path of the field at fault.
///
/// Printed as `order.merchant.referenceMerchantId: longer than 32 characters`.
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible {
    /// JSON path of the field, e.g. `order.goods[0].goodsName`.
    public let path: String
    /// What is wrong, e.g. `missing` or `longer than 32 characters`.
    public let message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}

/// A value that can check itself against the documented field rules before it is sent.
public protocol Validatable {
    /// Every problem found, each with its JSON path; empty when the value is valid.
    func validate() -> [ValidationProblem]
}
