public import AlipayPlusSigning
public import AlipayPlusTransport
import Foundation

/// Everything an ``AlipayPlusClient`` needs to talk to Alipay+: identity, keys, host, and policies.
///
/// ```swift
/// let configuration = AlipayPlusConfiguration(
///     clientId: "SANDBOX_5YC47N2ZQHJ004124",
///     privateKey: try RSAPrivateKey(contentsOfFile: "merchant_private_key.pem"),
///     alipayPlusPublicKeys: AlipayPlusPublicKeys(try RSAPublicKey(contentsOfFile: "alipayplus_public_key.pem")),
///     environment: .custom(URL(string: "https://sandbox-gateway.example")!)
/// )
/// ```
public struct AlipayPlusConfiguration: Sendable {
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

    /// Receives an event for every request, attempt, outcome and warning; secrets are never in events.
    public var eventHandler: (@Sendable (AlipayPlusEvent) -> Void)?

    /// Creates a configuration; only identity, keys and host are required.
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
        eventHandler: (@Sendable (AlipayPlusEvent) -> Void)? = nil
    ) {
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
        self.eventHandler = eventHandler
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

/// Per-attempt and overall time limits for one call.
public struct Timeouts: Sendable, Hashable {
    /// The limit for one attempt; `nil` uses each operation's documented value (8 s for pay, refund and
    /// cancelPayment, 5 s for the others).
    public var perAttempt: Duration?

    /// The limit for the whole call, retries and waits included.
    public var overall: Duration

    /// Creates time limits.
    public init(perAttempt: Duration? = nil, overall: Duration = .seconds(30)) {
        self.perAttempt = perAttempt
        self.overall = overall
    }
}

/// What the client does with an `F`/`U` error body that arrives without a valid signature.
public enum UnsignedErrorBodyPolicy: Sendable, Hashable {
    /// Treat it like any unverifiable response: a signature error.
    case reject
    /// Report its result code in a typed error (never as success), still flagged as unverified.
    case reportAsUnverifiedError
}
