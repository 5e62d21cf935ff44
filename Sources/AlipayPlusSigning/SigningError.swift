/// libcrypto failed while signing (out of memory or a broken installation); not a bad input.
public struct SigningError: Error, CustomStringConvertible, Sendable {
    /// OpenSSL's error text.
    public let reason: String

    /// Explains the failure.
    public var description: String { "RSA signing failed inside libcrypto: \(reason)" }
}
