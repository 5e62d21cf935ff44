import AlipayPlusPostgres
import ExampleHTTP
import Foundation
import PostgresNIO

/// The PostgreSQL database several merchant-server instances share (`DATABASE_URL`).
///
/// Holds the parsed client configuration (with its password) and a form of the URL safe to log;
/// its description never shows the password.
public struct MerchantDatabase: Sendable, CustomStringConvertible {
    /// How the store's `PostgresClient` connects (host, credentials, TLS, pool size).
    public let clientConfiguration: PostgresClient.Configuration
    /// The URL without its password, for logs and errors.
    public let redactedURL: String

    /// Parses `postgres://user[:password]@host[:port]/database[?sslmode=…]`.
    ///
    /// - Parameters:
    ///   - url: the value of `DATABASE_URL`.
    ///   - maximumConnections: the pool's size (`DATABASE_POOL_SIZE`).
    /// - Throws: ``ExampleHTTP/ConfigurationError`` naming `DATABASE_URL` and the problem, with the
    ///   store's `PostgresStoreError` as its cause.
    public init(url: String, maximumConnections: Int = 20) throws {
        redactedURL = Self.redacting(url)
        do {
            clientConfiguration = try PostgresAutoDebitStore.clientConfiguration(
                databaseURL: url, maximumConnections: maximumConnections)
        } catch {
            throw ConfigurationError(message: "DATABASE_URL=\(redactedURL) is not usable: \(error)", cause: error)
        }
    }

    public var description: String { redactedURL }

    /// `url` with the password (between `user:` and `@`) replaced, or a placeholder when it does not parse.
    static func redacting(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "<unparsable URL>" }
        if components.password != nil { components.password = "redacted" }
        return components.string ?? "<unparsable URL>"
    }
}
