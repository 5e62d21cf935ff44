public import AlipayPlusSigning
public import AlipayPlusTransport
import Foundation

extension AlipayPlusClient {
    /// Everything an ``AlipayPlusClient`` needs to talk to Alipay+: identity, keys, host, and policies.
    ///
    /// ```swift
    /// let configuration = try AlipayPlusClient.Configuration(
    ///     clientId: "SANDBOX_5YC47N2ZQHJ004124",
    ///     privateKey: try RSAPrivateKey(contentsOfFile: "merchant_private_key.pem"),
    ///     alipayPlusPublicKeys: AlipayPlusPublicKeys(try RSAPublicKey(contentsOfFile: "alipayplus_public_key.pem")),
    ///     environment: .custom(URL(string: "https://sandbox-gateway.example")!)
    /// )
    /// ```
    public struct Configuration: Sendable {
        /// The Client ID assigned in the Alipay+ Developer Center, sent as the `Client-Id` header.
        public var clientId: String

        /// The merchant's RSA private key; every request is signed with it.
        public var privateKey: RSAPrivateKey

        /// Alipay+'s public keys by `keyVersion`; every response and inbound call must verify against them.
        public var alipayPlusPublicKeys: AlipayPlusPublicKeys

        /// The host requests go to.
        public var environment: AlipayPlusEnvironment

        /// The `keyVersion` written in the `Signature` header of requests (Alipay's SDKs send `1`).
        public var keyVersion: String

        /// Per-attempt and overall time limits.
        public var timeouts: Timeouts

        /// How long to wait between attempts that are safe to repeat.
        public var retryPolicy: any RetryPolicy

        /// The clock for request times, deadlines and back-off waits.
        public var clock: any AlipayPlusClock

        /// The UTC offset, in seconds, written in `Request-Time` and `Response-Time` (0 writes `+00:00`).
        public var requestTimeUTCOffsetSeconds: Int

        /// What to do with an error body (`F`/`U`) that arrives without a valid signature.
        public var unsignedErrorBodies: UnsignedErrorBodyPolicy

        /// How far a verified answer's `Response-Time` may lie outside its request's window; `nil` turns
        /// the check off (default 5 minutes).
        ///
        /// An answer is believed only when its `Response-Time` is no earlier than the attempt's send time
        /// minus this skew and no later than the moment it arrived plus this skew. An older answer is a
        /// replay (or a badly wrong clock) and is refused with ``AlipayPlusError/Code-swift.struct/staleResponse``,
        /// flagged as possibly processed so the payment flow inquires again. Replaying recorded answers
        /// (cassettes) on a real clock needs a clock set to the recording's time, or `nil` here.
        public var responseTimeSkew: Duration?

        /// Receives an event for every request, attempt, outcome and warning; secrets are never in events.
        public var eventHandler: (@Sendable (AlipayPlusEvent) -> Void)?

        /// Creates a configuration; only identity, keys and host are required.
        ///
        /// - Throws: ``AlipayPlusError/Code-swift.struct/configuration`` when `alipayPlusPublicKeys` holds
        ///   the public half of `privateKey` (the merchant's own key configured as Alipay+'s: every real
        ///   answer would fail verification). Use the Alipay+ public key from the Developer Center.
        public init(
            clientId: String,
            privateKey: RSAPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys,
            environment: AlipayPlusEnvironment,
            keyVersion: String = "1",
            timeouts: Timeouts = .init(),
            retryPolicy: any RetryPolicy = .default,
            clock: any AlipayPlusClock = SystemClock(),
            requestTimeUTCOffsetSeconds: Int = 0,
            unsignedErrorBodies: UnsignedErrorBodyPolicy = .reject,
            responseTimeSkew: Duration? = .seconds(300),
            eventHandler: (@Sendable (AlipayPlusEvent) -> Void)? = nil
        ) throws {
            try Self.checkKeysDiffer(privateKey: privateKey, alipayPlusPublicKeys: alipayPlusPublicKeys)
            self.clientId = clientId
            self.privateKey = privateKey
            self.alipayPlusPublicKeys = alipayPlusPublicKeys
            self.environment = environment
            self.keyVersion = keyVersion
            self.timeouts = timeouts
            self.retryPolicy = retryPolicy
            self.clock = clock
            self.requestTimeUTCOffsetSeconds = requestTimeUTCOffsetSeconds
            self.unsignedErrorBodies = unsignedErrorBodies
            self.responseTimeSkew = responseTimeSkew
            self.eventHandler = eventHandler
        }

        /// Refuses the merchant's own public key in place of Alipay+'s.
        private static func checkKeysDiffer(privateKey: RSAPrivateKey, alipayPlusPublicKeys: AlipayPlusPublicKeys) throws {
            let own = privateKey.publicKey.spkiDERRepresentation
            var configured = alipayPlusPublicKeys.knownVersions.map { (version: "keyVersion \($0)", key: alipayPlusPublicKeys.key(forVersion: $0)) }
            if alipayPlusPublicKeys.hasFallback {
                let unlisted = "#" + alipayPlusPublicKeys.knownVersions.joined()
                configured.append((version: "the fallback key", key: alipayPlusPublicKeys.key(forVersion: unlisted)))
            }
            guard let clash = configured.first(where: { $0.key?.spkiDERRepresentation == own }) else { return }
            throw AlipayPlusError(
                code: .configuration, operation: "configuration", path: "alipayPlusPublicKeys",
                message: "alipayPlusPublicKeys (\(clash.version)) is the merchant's own public key, the public half of "
                    + "privateKey: answers signed by Alipay+ would never verify. Configure the Alipay+ public key shown "
                    + "in the Alipay+ Developer Center, not the one you uploaded there",
                requestMayHaveBeenProcessed: false
            )
        }

        /// Problems a start-up check finds, such as a sandbox client id pointed at a production host.
        public var warnings: [String] {
            let isSandboxClient = clientId.hasPrefix("SANDBOX_")
            if isSandboxClient && environment.isDocumentedProductionHost {
                return ["Client id \(clientId) is a sandbox id but the host \(environment) is production: "
                    + "use the sandbox Gateway Endpoint from the Developer Center, and the sandbox key pair."]
            }
            if !isSandboxClient && !environment.isDocumentedProductionHost
                && !EndpointSecurity.isLoopback(host: environment.baseURL.host ?? "")
            {
                return ["Client id \(clientId) is a production id but the host \(environment) is not a documented "
                    + "production host: check that the environment and the keys belong together."]
            }
            return []
        }
    }
}
