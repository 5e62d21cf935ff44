public import AlipayPlusSigning

extension TestKeys {
    /// A fixed token key ring (key id `test1`) for tests and simulations that reopen a durable
    /// store. Its key is public: never use it for real tokens.
    public static let tokenKeyRing: TokenKeyRing = {
        do {
            return try TokenKeyRing(keyId: "test1", key: [UInt8](repeating: 0x5A, count: 32))
        } catch {
            preconditionFailure("the test token key ring could not be made: \(error)")
        }
    }()
}
