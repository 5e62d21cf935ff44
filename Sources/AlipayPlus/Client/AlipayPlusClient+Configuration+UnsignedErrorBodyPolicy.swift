extension AlipayPlusClient.Configuration {
    /// What the client does with an `F`/`U` error body that arrives without a valid signature.
    public enum UnsignedErrorBodyPolicy: Sendable, Hashable {
        /// Treat it like any unverifiable response: a signature error.
        case reject
        /// Report its result code in a typed error (never as success), still flagged as unverified.
        case reportAsUnverifiedError
    }
}
