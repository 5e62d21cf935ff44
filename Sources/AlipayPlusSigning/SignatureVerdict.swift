/// The outcome of checking an Alipay+ signature.
public enum SignatureVerdict: Sendable {
    /// The signature verifies with the key for `keyVersion`.
    case valid(keyVersion: String)
    /// The signature does not verify; the mismatch explains what was checked and what to look at.
    case invalid(SignatureMismatch)

    /// Whether the verdict is ``valid(keyVersion:)``.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}
