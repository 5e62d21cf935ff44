import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import ExampleHTTP
import Foundation

/// Everything the merchant server needs, normally read from environment variables
/// (``fromEnvironment(_:)``).
public struct MerchantServerConfiguration: Sendable {
    /// The merchant's Alipay+ Client ID (`ALIPAYPLUS_CLIENT_ID`).
    public var clientId: String
    /// The merchant's private key (`ALIPAYPLUS_PRIVATE_KEY_FILE`, any format the library reads).
    public var privateKey: RSAPrivateKey
    /// The key version the merchant key is registered under (`ALIPAYPLUS_KEY_VERSION`, default 1).
    public var keyVersion: String
    /// Alipay+'s public key (`ALIPAYPLUS_PUBLIC_KEY_FILE`).
    public var alipayPlusPublicKey: RSAPublicKey
    /// Where Alipay+ is (`ALIPAYPLUS_BASE_URL`): https, or http on loopback for the sandbox.
    public var alipayPlusBaseURL: URL
    /// Where bindings, payments and refunds are kept: `MERCHANT_STORE_DIR` (a journal folder for one
    /// process), `DATABASE_URL` (PostgreSQL, shared by several instances), or memory; either durable
    /// store with the ring in `ALIPAYPLUS_TOKEN_KEYS` (entries `id:<openssl rand -base64 32>`).
    public var storage: MerchantStorage
    /// This instance's name among those sharing a database (`MERCHANT_INSTANCE_ID`, default a random
    /// one per process): the owner of the leases it takes.
    public var instanceId: String
    /// The address to listen on (`MERCHANT_HOST`, default 127.0.0.1).
    public var host: String
    /// The port to listen on (`MERCHANT_PORT`, default 8080; 0 picks a free one).
    public var port: Int
    /// How Alipay+ and users reach this server (`MERCHANT_PUBLIC_URL`): the base of the
    /// authRedirectUrl and of the full redirect URL rebuilt on `/alipayplus/return`.
    public var publicURL: URL
    /// The merchant's id and name (`MERCHANT_ID`, `MERCHANT_NAME`, `MERCHANT_REGION`, `MERCHANT_MCC`).
    public var merchantId: String
    public var merchantName: String
    public var merchantRegion: String
    public var merchantMCC: String
    /// The settlement currency (`MERCHANT_SETTLEMENT_CURRENCY`, default HKD).
    public var settlementCurrency: String
    /// Inquiry pacing (`MERCHANT_INQUIRY_INTERVAL_MS`, `MERCHANT_INQUIRY_WINDOW_MS`,
    /// `MERCHANT_CANCEL_RETRY_DELAY_MS`); Alipay+'s recommendation (3 s for 60 s) by default.
    public var inquiryInterval: Duration
    public var inquiryWindow: Duration
    public var cancelRetryDelay: Duration

    public init(
        clientId: String, privateKey: RSAPrivateKey, keyVersion: String = "1", alipayPlusPublicKey: RSAPublicKey,
        alipayPlusBaseURL: URL, storage: MerchantStorage = .memory,
        instanceId: String = "merchant-" + UUID().uuidString.lowercased(), host: String = "127.0.0.1", port: Int = 8080,
        publicURL: URL, merchantId: String = "M0001", merchantName: String = "Demo Shop Ltd",
        merchantRegion: String = "HK", merchantMCC: String = "5732", settlementCurrency: String = "HKD",
        inquiryInterval: Duration = .seconds(3), inquiryWindow: Duration = .seconds(60),
        cancelRetryDelay: Duration = .seconds(3)
    ) {
        self.clientId = clientId
        self.privateKey = privateKey
        self.keyVersion = keyVersion
        self.alipayPlusPublicKey = alipayPlusPublicKey
        self.alipayPlusBaseURL = alipayPlusBaseURL
        self.storage = storage
        self.instanceId = instanceId
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.merchantId = merchantId
        self.merchantName = merchantName
        self.merchantRegion = merchantRegion
        self.merchantMCC = merchantMCC
        self.settlementCurrency = settlementCurrency
        self.inquiryInterval = inquiryInterval
        self.inquiryWindow = inquiryWindow
        self.cancelRetryDelay = cancelRetryDelay
    }

    /// Reads the configuration from environment variables (see each property for its name).
    ///
    /// - Throws: ``ConfigurationError`` naming the variable (see ``MerchantStorage/fromEnvironment(_:)``
    ///   for the store's), or the key loading error.
    public static func fromEnvironment(_ env: Environment = Environment()) throws -> MerchantServerConfiguration {
        let privateKeyFile = try env.require("ALIPAYPLUS_PRIVATE_KEY_FILE")
        let publicKeyFile = try env.require("ALIPAYPLUS_PUBLIC_KEY_FILE")
        let baseURLText = try env.require("ALIPAYPLUS_BASE_URL")
        guard let baseURL = URL(string: baseURLText), baseURL.host != nil else {
            throw ConfigurationError(message: "ALIPAYPLUS_BASE_URL=\(baseURLText) is not a URL")
        }
        let port = try env.int("MERCHANT_PORT", default: 8080)
        let host = env["MERCHANT_HOST"] ?? "127.0.0.1"
        let publicText = env["MERCHANT_PUBLIC_URL"] ?? "http://127.0.0.1:\(port)"
        guard let publicURL = URL(string: publicText), publicURL.host != nil else {
            throw ConfigurationError(message: "MERCHANT_PUBLIC_URL=\(publicText) is not a URL")
        }
        let storage = try MerchantStorage.fromEnvironment(env)
        return MerchantServerConfiguration(
            clientId: try env.require("ALIPAYPLUS_CLIENT_ID"),
            privateKey: try RSAPrivateKey(contentsOfFile: privateKeyFile),
            keyVersion: env["ALIPAYPLUS_KEY_VERSION"] ?? "1",
            alipayPlusPublicKey: try RSAPublicKey(contentsOfFile: publicKeyFile),
            alipayPlusBaseURL: baseURL,
            storage: storage,
            instanceId: env["MERCHANT_INSTANCE_ID"] ?? "merchant-" + UUID().uuidString.lowercased(),
            host: host, port: port, publicURL: publicURL,
            merchantId: env["MERCHANT_ID"] ?? "M0001",
            merchantName: env["MERCHANT_NAME"] ?? "Demo Shop Ltd",
            merchantRegion: env["MERCHANT_REGION"] ?? "HK",
            merchantMCC: env["MERCHANT_MCC"] ?? "5732",
            settlementCurrency: env["MERCHANT_SETTLEMENT_CURRENCY"] ?? "HKD",
            inquiryInterval: try env.milliseconds("MERCHANT_INQUIRY_INTERVAL_MS", default: .seconds(3)),
            inquiryWindow: try env.milliseconds("MERCHANT_INQUIRY_WINDOW_MS", default: .seconds(60)),
            cancelRetryDelay: try env.milliseconds("MERCHANT_CANCEL_RETRY_DELAY_MS", default: .seconds(3))
        )
    }

    /// The authRedirectUrl Alipay+ sends the user back to.
    public var returnURL: URL { publicURL.appendingPathComponent("alipayplus/return") }

    /// A summary safe to log: no key material, no secrets.
    public var summary: String {
        "clientId=\(clientId) keyVersion=\(keyVersion) alipayPlus=\(alipayPlusBaseURL.absoluteString) "
            + "listen=\(host):\(port) publicURL=\(publicURL.absoluteString) "
            + "store=\(storage.summary) instanceId=\(instanceId) merchantId=\(merchantId) "
            + "inquiryIntervalMs=\(inquiryInterval.components.seconds * 1000 + inquiryInterval.components.attoseconds / 1_000_000_000_000_000) "
            + "inquiryWindowMs=\(inquiryWindow.components.seconds * 1000 + inquiryWindow.components.attoseconds / 1_000_000_000_000_000)"
    }
}
