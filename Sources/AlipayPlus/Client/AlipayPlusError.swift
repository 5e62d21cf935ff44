public import AlipayPlusModels
public import AlipayPlusSigning

/// The one error type the client throws: which layer failed, for which call, and what is known.
///
/// Business outcomes are not errors: an `F` or `U` result comes back in the response for the caller
/// to switch on. This error is for validation, transport, HTTP status, signature and decoding
/// failures, and for ``AlipayPlusClient/sendExpectingSuccess(_:)``, which turns `F`/`U` into errors.
/// Private keys, tokens, auth codes and signatures never appear in any field or description.
public struct AlipayPlusError: Error, Sendable, CustomStringConvertible {
    /// The layer that failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case validation, transport, httpStatus, signature, decoding, businessFailure, unknownOutcome
            case unverifiedErrorResponse, deadlineExceeded, cancelled, answerMismatch, staleResponse
            case configuration
        }

        private let base: Base

        /// The request broke the API's rules; nothing was sent.
        public static let validation = Code(base: .validation)
        /// The network failed (connection, timeout, lost connection).
        public static let transport = Code(base: .transport)
        /// The server answered with an HTTP status other than 200 (a proxy page, a wrong host).
        public static let httpStatus = Code(base: .httpStatus)
        /// The response's signature is missing, malformed or does not verify: it is not believed.
        public static let signature = Code(base: .signature)
        /// The verified body is not the JSON the operation expects.
        public static let decoding = Code(base: .decoding)
        /// Alipay+ answered `F` (from ``AlipayPlusClient/sendExpectingSuccess(_:)``).
        public static let businessFailure = Code(base: .businessFailure)
        /// Alipay+ answered `U`, or a request that may have been processed got no usable answer.
        public static let unknownOutcome = Code(base: .unknownOutcome)
        /// An unsigned `F`/`U` body, reported only under ``AlipayPlusClient/Configuration-swift.struct/UnsignedErrorBodyPolicy/reportAsUnverifiedError``.
        public static let unverifiedErrorResponse = Code(base: .unverifiedErrorResponse)
        /// The overall deadline passed before an answer arrived.
        public static let deadlineExceeded = Code(base: .deadlineExceeded)
        /// The calling task was cancelled.
        public static let cancelled = Code(base: .cancelled)
        /// A verified answer names another payment or refund (id, amount or currency) than the request:
        /// not believed, and the request may have been processed (the payment flow inquires again).
        public static let answerMismatch = Code(base: .answerMismatch)
        /// A verified answer's `Response-Time` is missing, unreadable or outside the window around this
        /// request (see ``AlipayPlusClient/Configuration-swift.struct/responseTimeSkew``): a replay or a wrong clock; not believed.
        public static let staleResponse = Code(base: .staleResponse)
        /// The configuration cannot work (for example the merchant's own public key configured as
        /// Alipay+'s); thrown when the configuration is built, before anything is sent.
        public static let configuration = Code(base: .configuration)

        /// The layer's name, such as `signature`.
        public var description: String { base.rawValue }
    }

    /// The layer that failed.
    public var code: Code
    /// The operation name, such as `pay`.
    public var operation: String
    /// The endpoint path, such as `/aps/api/v1/payments/pay`.
    public var path: String
    /// A one-sentence explanation with a suggested fix.
    public var message: String
    /// The HTTP status, when a response arrived.
    public var httpStatus: Int?
    /// Alipay+'s `result.resultCode`, when a body was read.
    public var resultCode: ResultCode?
    /// Alipay+'s `result.resultStatus`, when a body was read.
    public var resultStatus: ResultStatus?
    /// The request's idempotency key (payment or refund request id); never a token.
    public var requestId: String?
    /// The `Trace-Id` response header, for Alipay+ support.
    public var traceId: String?
    /// How many attempts were made.
    public var attempts: Int
    /// The start of the response body with secrets redacted, for diagnosis.
    public var bodyExcerpt: String?
    /// Every validation problem, for ``Code/validation``.
    public var validationProblems: [ValidationProblem]
    /// What was checked and what probably went wrong, for ``Code/signature``.
    public var signatureMismatch: SignatureMismatch?
    /// Whether Alipay+ may have processed the request: `true` means the outcome must be resolved
    /// (for a payment: inquiry, then cancellation), never assumed failed.
    public var requestMayHaveBeenProcessed: Bool
    /// The lower-level error this one wraps, typed: a `TransportError`, a `DecodingError`, a signing
    /// error or a `CodingFailure`; `nil` when the failure started here (an HTTP status, a mismatch).
    ///
    /// Its description may quote body values: log ``description`` instead, which never does.
    public var underlyingError: (any Error)?

    /// Creates an error; the client builds these, tests and custom transports may too.
    public init(
        code: Code, operation: String, path: String, message: String,
        httpStatus: Int? = nil, resultCode: ResultCode? = nil, resultStatus: ResultStatus? = nil,
        requestId: String? = nil, traceId: String? = nil, attempts: Int = 0, bodyExcerpt: String? = nil,
        validationProblems: [ValidationProblem] = [], signatureMismatch: SignatureMismatch? = nil,
        requestMayHaveBeenProcessed: Bool, underlyingError: (any Error)? = nil
    ) {
        self.code = code
        self.operation = operation
        self.path = path
        self.message = message
        self.httpStatus = httpStatus
        self.resultCode = resultCode
        self.resultStatus = resultStatus
        self.requestId = requestId
        self.traceId = traceId
        self.attempts = attempts
        self.bodyExcerpt = bodyExcerpt
        self.validationProblems = validationProblems
        self.signatureMismatch = signatureMismatch
        self.requestMayHaveBeenProcessed = requestMayHaveBeenProcessed
        self.underlyingError = underlyingError
    }

    /// A readable, redacted account of the failure.
    public var description: String {
        var parts = ["AlipayPlusError.\(code) in \(operation) (\(path)): \(message)"]
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let resultCode { parts.append("resultCode=\(resultCode.rawValue)") }
        if let resultStatus { parts.append("resultStatus=\(resultStatus)") }
        if let requestId { parts.append("requestId=\(requestId)") }
        if let traceId { parts.append("traceId=\(traceId)") }
        if attempts > 0 { parts.append("attempts=\(attempts)") }
        if requestMayHaveBeenProcessed { parts.append("outcome unknown: resolve by inquiry, never assume failure") }
        if !validationProblems.isEmpty {
            parts.append("problems: " + validationProblems.map(\.description).joined(separator: "; "))
        }
        if let signatureMismatch { parts.append(signatureMismatch.description) }
        if let bodyExcerpt { parts.append("body: \(bodyExcerpt)") }
        return parts.joined(separator: " | ")
    }
}
