import AlipayPlusSigning
import ExampleHTTP
import Foundation

/// Where the merchant server keeps its bindings, payments and refunds.
///
/// Chosen from the environment by ``fromEnvironment(_:)``: `MERCHANT_STORE_DIR` (one process, a
/// journal folder), `DATABASE_URL` (any number of instances on one PostgreSQL database), or neither
/// (in memory). Both durable stores seal tokens with the ring in `ALIPAYPLUS_TOKEN_KEYS`.
public enum MerchantStorage: Sendable {
    /// Everything in memory; lost when the process ends.
    case memory
    /// A `LocalAutoDebitStore` journal folder, held by one process.
    case directory(URL, keyRing: TokenKeyRing)
    /// A `PostgresAutoDebitStore` shared by every instance.
    case database(MerchantDatabase, keyRing: TokenKeyRing)

    /// Reads `MERCHANT_STORE_DIR`, `DATABASE_URL`, `DATABASE_POOL_SIZE` and `ALIPAYPLUS_TOKEN_KEYS`.
    ///
    /// - Throws: ``ExampleHTTP/ConfigurationError`` when both stores are set, when a durable store has
    ///   no `ALIPAYPLUS_TOKEN_KEYS` or an unusable one, or when `DATABASE_URL` or `DATABASE_POOL_SIZE`
    ///   is malformed (the underlying error as its cause).
    public static func fromEnvironment(_ env: Environment) throws -> MerchantStorage {
        switch (env["MERCHANT_STORE_DIR"], env["DATABASE_URL"]) {
        case (nil, nil):
            return .memory
        case (let directory?, nil):
            return .directory(URL(fileURLWithPath: directory, isDirectory: true),
                              keyRing: try keyRing(env, for: "MERCHANT_STORE_DIR"))
        case (nil, let url?):
            let poolSize = try env.int("DATABASE_POOL_SIZE", default: 20)
            guard poolSize >= 1 else {
                throw ConfigurationError(message: "DATABASE_POOL_SIZE=\(poolSize) must be at least 1")
            }
            let database = try MerchantDatabase(url: url, maximumConnections: poolSize)
            return .database(database, keyRing: try keyRing(env, for: "DATABASE_URL"))
        case (_?, _?):
            throw ConfigurationError(
                message: "MERCHANT_STORE_DIR and DATABASE_URL are both set; set only one: MERCHANT_STORE_DIR for one "
                    + "process with a journal folder, DATABASE_URL for several instances on one PostgreSQL database")
        }
    }

    /// The ring from `ALIPAYPLUS_TOKEN_KEYS`, required by the store `variable` names.
    private static func keyRing(_ env: Environment, for variable: String) throws -> TokenKeyRing {
        guard env[TokenKeyRing.defaultEnvironmentVariable] != nil else {
            throw ConfigurationError(message: "\(variable) needs ALIPAYPLUS_TOKEN_KEYS (id:<openssl rand -base64 32>), "
                                         + "the ring that seals tokens at rest; keep it apart from the store")
        }
        do {
            return try TokenKeyRing(environmentVariable: TokenKeyRing.defaultEnvironmentVariable, in: env.values)
        } catch {
            throw ConfigurationError(message: "ALIPAYPLUS_TOKEN_KEYS is not usable: \(error)", cause: error)
        }
    }

    /// A summary safe to log: the folder, or the database URL without its password.
    public var summary: String {
        switch self {
        case .memory: "memory"
        case .directory(let url, _): url.path
        case .database(let database, _): database.redactedURL
        }
    }
}
