public import AlipayPlusModels
import AlipayPlusSigning
public import AlipayPlusTransport
import Foundation

/// Makes signed calls to Alipay+ and returns verified, typed responses.
///
/// Every call is validated, serialized once, signed, sent, checked for HTTP status, verified against
/// Alipay+'s public key and decoded. An `F` or `U` result is returned as data for the caller to switch
/// on; anything else that goes wrong throws an ``AlipayPlusError`` that says which layer failed.
/// Only failures that are safe to repeat are retried, always with the same body and request id
/// (see the README's retry table). A pay whose request may have reached Alipay+ is never re-sent: it
/// throws an error with ``AlipayPlusError/requestMayHaveBeenProcessed`` set, for the payment flow to
/// resolve by inquiry.
///
/// ```swift
/// let client = AlipayPlusClient(configuration: configuration)
/// let response = try await client.send(PayRequest.autoDebit(...))
/// switch response.result.resultStatus { ... }
/// ```
public final class AlipayPlusClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: AlipayPlusClient.Configuration

    let transport: any HTTPTransport
    let signer: MessageSigner
    let verifier: SignatureVerifier

    /// Creates a client; its start-up check reports configuration warnings as events.
    ///
    /// - Parameters:
    ///   - configuration: identity, keys, host and policies.
    ///   - transport: how requests travel; the default is ``URLSessionTransport``.
    public init(configuration: AlipayPlusClient.Configuration, transport: any HTTPTransport = URLSessionTransport()) {
        self.configuration = configuration
        self.transport = transport
        let clock = configuration.clock
        signer = MessageSigner(
            clientId: configuration.clientId,
            privateKey: configuration.privateKey,
            keyVersion: configuration.keyVersion,
            utcOffsetSeconds: configuration.requestTimeUTCOffsetSeconds,
            now: { clock.now }
        )
        verifier = SignatureVerifier(keys: configuration.alipayPlusPublicKeys)
        for warning in configuration.warnings {
            configuration.eventHandler?(AlipayPlusEvent(.warning, message: warning))
        }
    }

    /// Sends `operation` and returns its verified response, whatever its `result` says.
    ///
    /// - Throws: ``AlipayPlusError`` for validation, transport, HTTP status, signature, decoding,
    ///   deadline and cancellation failures.
    public func send<Operation: AlipayPlusOperation>(_ operation: Operation) async throws -> Operation.Response {
        let call = Call<Operation>(client: self, operation: operation)
        return try await call.run()
    }

    /// Sends `operation` and returns its response only when `result.resultStatus` is `S`.
    ///
    /// - Throws: ``AlipayPlusError/Code-swift.struct/businessFailure`` for `F`,
    ///   ``AlipayPlusError/Code-swift.struct/unknownOutcome`` for `U`, and everything ``send(_:)`` throws.
    public func sendExpectingSuccess<Operation: AlipayPlusOperation>(
        _ operation: Operation
    ) async throws -> Operation.Response {
        let response = try await send(operation)
        let result = response.result
        switch result.resultStatus {
        case .success:
            return response
        case .failure:
            throw AlipayPlusError(
                code: .businessFailure, operation: Operation.name, path: Operation.path,
                message: "Alipay+ declined: \(result.resultMessage ?? result.resultCode.rawValue)",
                resultCode: result.resultCode, resultStatus: result.resultStatus,
                requestId: Call<Operation>.loggableRequestId(of: operation), requestMayHaveBeenProcessed: false
            )
        default:
            throw AlipayPlusError(
                code: .unknownOutcome, operation: Operation.name, path: Operation.path,
                message: "Alipay+ answered with an unknown status: inquire or retry with the same request id",
                resultCode: result.resultCode, resultStatus: result.resultStatus,
                requestId: Call<Operation>.loggableRequestId(of: operation), requestMayHaveBeenProcessed: true
            )
        }
    }

    func emit(_ event: AlipayPlusEvent) {
        configuration.eventHandler?(event)
    }
}
