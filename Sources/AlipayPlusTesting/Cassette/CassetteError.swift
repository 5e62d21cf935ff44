public import AlipayPlusTransport

/// Why a cassette cannot serve a request.
///
/// A replay mismatch means the test itself is wrong (the code under test sends something other than
/// what was recorded), so it is an `UnrecoverableTransportError`: the client and the coordinator
/// rethrow it at once and unchanged, never retrying it or resolving it by inquiry.
public struct CassetteError: UnrecoverableTransportError, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String { case requestMismatch, exhausted, unreadableCassette, unusedExchanges }
        fileprivate let kind: Kind
        /// The request differs from the recorded one (method, path or body).
        public static let requestMismatch = Code(kind: .requestMismatch)
        /// More requests than the cassette recorded.
        public static let exhausted = Code(kind: .exhausted)
        /// The cassette file is missing or not a cassette.
        public static let unreadableCassette = Code(kind: .unreadableCassette)
        /// The test ended before every recorded exchange was replayed.
        public static let unusedExchanges = Code(kind: .unusedExchanges)
        /// The code's name.
        public var description: String { kind.rawValue }
    }

    /// What went wrong, for tests to compare.
    public let code: Code
    /// The 0-based index of the exchange concerned, when there is one.
    public let exchangeIndex: Int?
    /// The first differing place: `method`, `path`, or a JSON path such as `$.order.orderAmount.value`.
    public let path: String?
    /// Details: the recorded and the actual value at ``path``, and a hint.
    public let message: String

    init(_ code: Code, exchangeIndex: Int?, path: String?, message: String) {
        self.code = code
        self.exchangeIndex = exchangeIndex
        self.path = path
        self.message = message
    }

    /// A readable explanation with a suggested fix.
    public var description: String {
        var text = "CassetteError.\(code)"
        if let exchangeIndex { text += " at exchange \(exchangeIndex)" }
        if let path { text += " (\(path))" }
        text += ": \(message)"
        if code == .requestMismatch || code == .exhausted || code == .unusedExchanges {
            text += ". If the code under test changed on purpose, record the cassette again."
        }
        return text
    }
}
