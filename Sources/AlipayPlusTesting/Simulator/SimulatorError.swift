/// A misuse of the simulator's scripting API (not an Alipay+ answer).
public struct SimulatorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String { case unknownWalletPage, alreadyDecided, unknownAccessToken }
        fileprivate let kind: Kind
        /// The URL or authState does not belong to a prepare this simulator answered.
        public static let unknownWalletPage = Code(kind: .unknownWalletPage)
        /// The user already approved or denied this wallet page.
        public static let alreadyDecided = Code(kind: .alreadyDecided)
        /// The access token was never issued by this simulator.
        public static let unknownAccessToken = Code(kind: .unknownAccessToken)
        /// The code's name.
        public var description: String { kind.rawValue }
    }

    /// What went wrong, for tests to compare.
    public let code: Code
    /// Details and a hint.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The code and the details.
    public var description: String { "SimulatorError.\(code): \(message)" }
}
