public import Foundation
import AlipayPlusTime

/// Signs outgoing Alipay+ messages (requests, and answers to notifications) with the merchant's key.
///
/// A pure function of its inputs: the clock is injected through `now`, so the same inputs always give
/// the same header. Sign the exact body bytes you send, and send the returned ``SignedMessage/time``
/// as `Request-Time` (or `Response-Time`).
///
/// ```swift
/// let signer = MessageSigner(clientId: "SANDBOX_5YC47N2ZQHJ004124", privateKey: key)
/// let signed = try signer.sign(path: "/aps/api/v1/payments/pay", body: body)
/// request.headers["Client-Id"] = signed.clientId
/// request.headers["Request-Time"] = signed.time
/// request.headers["Signature"] = signed.headerValue
/// ```
public struct MessageSigner: Sendable {
    /// The `Client-Id` this signer writes.
    public let clientId: String
    /// The merchant's private key.
    public let privateKey: RSAPrivateKey
    /// The key version written into the header.
    public let keyVersion: String
    /// The UTC offset used when formatting the time.
    public let utcOffsetSeconds: Int
    private let now: @Sendable () -> Date

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - clientId: Your Alipay+ client id (sandbox ids start with `SANDBOX_`).
    ///   - privateKey: The private key whose public half is registered with Alipay+.
    ///   - keyVersion: The `keyVersion` to write, `1` unless told otherwise.
    ///   - utcOffsetSeconds: Offset for the time string, e.g. `8 * 3600` → `+08:00`.
    ///   - now: The clock.
    public init(clientId: String, privateKey: RSAPrivateKey, keyVersion: String = "1",
                utcOffsetSeconds: Int = 0, now: @escaping @Sendable () -> Date = { Date() }) {
        self.clientId = clientId
        self.privateKey = privateKey
        self.keyVersion = keyVersion
        self.utcOffsetSeconds = utcOffsetSeconds
        self.now = now
    }

    /// Signs `body` for `path` at the current time of the injected clock.
    ///
    /// - Throws: ``SigningError`` if libcrypto fails.
    public func sign(method: String = "POST", path: String, body: Data) throws -> SignedMessage {
        try sign(method: method, path: path, body: body, time: AlipayPlusTimestamp.string(from: now(), utcOffsetSeconds: utcOffsetSeconds, precision: .seconds))
    }

    /// Signs `body` for `path` with an explicit time string (used verbatim).
    ///
    /// - Throws: ``SigningError`` if libcrypto fails.
    public func sign(method: String = "POST", path: String, body: Data, time: String) throws -> SignedMessage {
        let content = SigningContent(method: method, path: path, clientId: clientId, time: time, body: body)
        let signature = try privateKey.signature(for: content.bytes)
        return SignedMessage(clientId: clientId, time: time, signature: SignatureHeader(keyVersion: keyVersion, signature: signature))
    }
}

/// The result of signing: the header values to send.
public struct SignedMessage: Sendable {
    /// The `Client-Id` header value.
    public let clientId: String
    /// The exact time string that was signed: send it as `Request-Time` / `Response-Time`.
    public let time: String
    /// The signature header.
    public let signature: SignatureHeader

    /// The `Signature` header value.
    public var headerValue: String { signature.headerValue }
}
