public import AlipayPlus
public import AlipayPlusSigning
public import Foundation

extension AlipayPlusSimulator {
    /// How an ``AlipayPlusSimulator`` is set up: who the merchant is, which keys sign what, and how long
    /// things live.
    public struct Configuration: Sendable {
        /// The merchant's Client ID; requests with any other `Client-Id` get `INVALID_CLIENT`.
        public var merchantClientId: String

        /// The merchant's registered public keys by `keyVersion`; an unknown version gets `KEY_NOT_FOUND`.
        public var merchantPublicKeys: [String: RSAPublicKey]

        /// The simulator's own Alipay+ private key: it signs every response and notification.
        public var alipayPlusPrivateKey: RSAPrivateKey

        /// The `keyVersion` written in the simulator's `Signature` headers.
        public var alipayPlusKeyVersion: String

        /// The clock for times, token expiry and waits (use ``VirtualClock`` in tests).
        public var clock: any AlipayPlusClock

        /// How long an auth code can be exchanged (single use).
        public var authCodeLifetime: Duration

        /// How long an access token works.
        public var accessTokenLifetime: Duration

        /// How long a refresh token works.
        public var refreshTokenLifetime: Duration

        /// The base of the simulated Alipay+ wallet page returned by prepare.
        public var walletPageBaseURL: URL

        /// The merchant paths notifications are posted to (the merchant's endpoints, not Alipay+'s).
        public var notificationPaths: NotificationPaths

        /// How many times a notification is tried before it is given up (Alipay+'s real schedule is not
        /// documented).
        public var maxNotificationAttempts: Int

        /// The wait on the clock between two attempts at the same notification.
        public var notificationRetryInterval: Duration

        /// Whether a successful applyToken (AUTHORIZATION_CODE) also queues an authNotify TOKEN_CREATED.
        public var sendsTokenCreatedNotification: Bool

        /// The `acquirerId` the simulator reports in responses and notifications.
        public var acquirerId: String

        /// The `pspId` the simulator reports in responses and notifications.
        public var pspId: String

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - merchantClientId: the merchant's Client ID.
        ///   - merchantPublicKey: the merchant's public key, registered under `merchantKeyVersion`.
        ///   - merchantKeyVersion: the `keyVersion` the merchant signs with (Alipay's SDKs send `1`).
        ///   - alipayPlusPrivateKey: the simulator's key; `nil` generates a fresh RSA-2048 key.
        ///   - alipayPlusKeyVersion: the `keyVersion` written in the simulator's `Signature` headers.
        ///   - clock: the clock; ``VirtualClock`` makes waits instant.
        ///   - authCodeLifetime: how long an auth code can be exchanged (10 minutes).
        ///   - accessTokenLifetime: how long an access token works (30 days).
        ///   - refreshTokenLifetime: how long a refresh token works (365 days).
        ///   - walletPageBaseURL: the base of the simulated wallet page returned by prepare.
        ///   - notificationPaths: the merchant paths notifications are posted to.
        ///   - maxNotificationAttempts: how many times a notification is tried before it is given up.
        ///   - notificationRetryInterval: the wait on the clock between two attempts at one notification.
        ///   - sendsTokenCreatedNotification: whether a successful applyToken also queues an authNotify
        ///     TOKEN_CREATED.
        ///   - acquirerId: the `acquirerId` reported in responses and notifications.
        ///   - pspId: the `pspId` reported in responses and notifications.
        /// - Throws: `KeyLoadingError` when a key cannot be generated.
        public init(
            merchantClientId: String,
            merchantPublicKey: RSAPublicKey,
            merchantKeyVersion: String = "1",
            alipayPlusPrivateKey: RSAPrivateKey? = nil,
            alipayPlusKeyVersion: String = "1",
            clock: any AlipayPlusClock = VirtualClock(),
            authCodeLifetime: Duration = .seconds(600),
            accessTokenLifetime: Duration = .seconds(30 * 24 * 3600),
            refreshTokenLifetime: Duration = .seconds(365 * 24 * 3600),
            walletPageBaseURL: URL = URL(string: "https://wallet-page.simulator.invalid/authorize")!,
            notificationPaths: NotificationPaths = .init(),
            maxNotificationAttempts: Int = 8,
            notificationRetryInterval: Duration = .seconds(60),
            sendsTokenCreatedNotification: Bool = true,
            acquirerId: String = "1022000000000000001",
            pspId: String = "1022000000000000002"
        ) throws {
            self.merchantClientId = merchantClientId
            self.merchantPublicKeys = [merchantKeyVersion: merchantPublicKey]
            self.alipayPlusPrivateKey = try alipayPlusPrivateKey ?? RSAPrivateKey.generate(bitCount: 2048)
            self.alipayPlusKeyVersion = alipayPlusKeyVersion
            self.clock = clock
            self.authCodeLifetime = authCodeLifetime
            self.accessTokenLifetime = accessTokenLifetime
            self.refreshTokenLifetime = refreshTokenLifetime
            self.walletPageBaseURL = walletPageBaseURL
            self.notificationPaths = notificationPaths
            self.maxNotificationAttempts = maxNotificationAttempts
            self.notificationRetryInterval = notificationRetryInterval
            self.sendsTokenCreatedNotification = sendsTokenCreatedNotification
            self.acquirerId = acquirerId
            self.pspId = pspId
        }
    }
}
