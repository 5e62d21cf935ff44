import AlipayPlusSigning
import ExampleHTTP
import Foundation

/// How the sandbox is set up, normally from environment variables (``fromEnvironment(_:)``).
public struct SandboxConfiguration: Sendable {
    /// The address and port to listen on (`SANDBOX_HOST`, default 127.0.0.1; `SANDBOX_PORT`, default 9090).
    public var host: String
    public var port: Int
    /// The Client ID the merchant signs with (`SANDBOX_MERCHANT_CLIENT_ID`, default SANDBOX_DEMO_0001).
    public var merchantClientId: String
    /// The merchant's public key (`SANDBOX_MERCHANT_PUBLIC_KEY_FILE`).
    public var merchantPublicKey: RSAPublicKey
    /// The sandbox's own Alipay+ key pair (kept in `SANDBOX_KEY_DIR`, created there when missing).
    public var alipayPlusPrivateKey: RSAPrivateKey
    /// Where the Alipay+ public key is written, for the merchant's `ALIPAYPLUS_PUBLIC_KEY_FILE`.
    public var alipayPlusPublicKeyFile: String?
    /// The merchant server notifications are posted to (`SANDBOX_MERCHANT_URL`, e.g.
    /// http://127.0.0.1:8080); `nil` queues them until `POST /sandbox/deliver` can reach nobody.
    public var merchantURL: URL?
    /// Post queued notifications as soon as they are queued (`SANDBOX_AUTO_DELIVER`, default 1).
    public var autoDeliver: Bool
    /// The wait between two attempts at an unacknowledged notification (`SANDBOX_NOTIFY_RETRY_MS`, default 2000).
    public var notificationRetryInterval: Duration
    /// Attempts per notification before giving up (`SANDBOX_NOTIFY_ATTEMPTS`, default 8).
    public var maxNotificationAttempts: Int
    /// The sandbox's public base URL (`SANDBOX_PUBLIC_URL`, default http://HOST:PORT): the wallet page
    /// `GET /sandbox/wallet` lives under it, so a browser can approve a binding.
    public var publicURL: URL?

    public init(
        host: String = "127.0.0.1", port: Int = 9090, merchantClientId: String, merchantPublicKey: RSAPublicKey,
        alipayPlusPrivateKey: RSAPrivateKey, alipayPlusPublicKeyFile: String? = nil, merchantURL: URL?,
        autoDeliver: Bool = true, notificationRetryInterval: Duration = .seconds(2), maxNotificationAttempts: Int = 8,
        publicURL: URL? = nil
    ) {
        self.host = host
        self.port = port
        self.merchantClientId = merchantClientId
        self.merchantPublicKey = merchantPublicKey
        self.alipayPlusPrivateKey = alipayPlusPrivateKey
        self.alipayPlusPublicKeyFile = alipayPlusPublicKeyFile
        self.merchantURL = merchantURL
        self.autoDeliver = autoDeliver
        self.notificationRetryInterval = notificationRetryInterval
        self.maxNotificationAttempts = maxNotificationAttempts
        self.publicURL = publicURL
    }

    /// Reads the environment; loads the sandbox key pair from `SANDBOX_KEY_DIR` (default
    /// `./sandbox-keys`) or creates it there (private key mode 0600).
    public static func fromEnvironment(_ env: Environment = Environment()) throws -> SandboxConfiguration {
        let port = try env.int("SANDBOX_PORT", default: 9090)
        let host = env["SANDBOX_HOST"] ?? "127.0.0.1"
        let keyDirectory = URL(fileURLWithPath: env["SANDBOX_KEY_DIR"] ?? "sandbox-keys", isDirectory: true)
        let (privateKey, publicKeyFile) = try loadOrCreateKeyPair(in: keyDirectory)
        var merchantURL: URL?
        if let text = env["SANDBOX_MERCHANT_URL"] {
            guard let url = URL(string: text), url.host != nil else {
                throw ConfigurationError(message: "SANDBOX_MERCHANT_URL=\(text) is not a URL")
            }
            merchantURL = url
        }
        let publicURL = URL(string: env["SANDBOX_PUBLIC_URL"] ?? (port == 0 ? "" : "http://\(host):\(port)"))
        return SandboxConfiguration(
            host: host, port: port,
            merchantClientId: env["SANDBOX_MERCHANT_CLIENT_ID"] ?? "SANDBOX_DEMO_0001",
            merchantPublicKey: try RSAPublicKey(contentsOfFile: try env.require("SANDBOX_MERCHANT_PUBLIC_KEY_FILE")),
            alipayPlusPrivateKey: privateKey, alipayPlusPublicKeyFile: publicKeyFile.path,
            merchantURL: merchantURL, autoDeliver: (env["SANDBOX_AUTO_DELIVER"] ?? "1") != "0",
            notificationRetryInterval: try env.milliseconds("SANDBOX_NOTIFY_RETRY_MS", default: .seconds(2)),
            maxNotificationAttempts: try env.int("SANDBOX_NOTIFY_ATTEMPTS", default: 8),
            publicURL: publicURL
        )
    }

    /// Loads `alipayplus-private.pem` from `directory`, or generates an RSA-2048 pair and writes
    /// `alipayplus-private.pem` (0600) and `alipayplus-public.pem`.
    public static func loadOrCreateKeyPair(in directory: URL) throws -> (RSAPrivateKey, publicKeyFile: URL) {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        let privateFile = directory.appendingPathComponent("alipayplus-private.pem")
        let publicFile = directory.appendingPathComponent("alipayplus-public.pem")
        let key: RSAPrivateKey
        if fileManager.fileExists(atPath: privateFile.path) {
            key = try RSAPrivateKey(contentsOfFile: privateFile.path)
        } else {
            key = try RSAPrivateKey.generate(bitCount: 2048)
            fileManager.createFile(atPath: privateFile.path, contents: Data(key.pkcs8PEMRepresentation.utf8),
                                   attributes: [.posixPermissions: 0o600])
        }
        try Data(key.publicKey.spkiPEMRepresentation.utf8).write(to: publicFile)
        return (key, publicFile)
    }
}
