public import PostgresNIO
import Foundation
import NIOSSL

extension PostgresAutoDebitStore {
    /// A client configuration from a URL `postgres://user[:password]@host[:port]/database[?sslmode=…]`
    /// (the form `DATABASE_URL` usually has).
    ///
    /// `sslmode` is `disable` (the default for a loopback host), `prefer`, `require` (the default
    /// otherwise: the server's certificate is verified against the system's roots and the host
    /// name), or `verify-full` (the same as `require`). For other TLS settings (a private CA, client
    /// certificates) build `PostgresClient.Configuration` yourself with
    /// `.require(TLSConfiguration)`.
    /// - Parameters:
    ///   - databaseURL: the URL; its password never appears in an error.
    ///   - maximumConnections: the pool's size (see the guide: coordinators' concurrency plus recovery).
    /// - Throws: ``PostgresStoreError`` `queryFailed` naming what is wrong with the URL.
    public static func clientConfiguration(databaseURL: String, maximumConnections: Int = 20) throws -> PostgresClient.Configuration {
        func refuse(_ problem: String) -> PostgresStoreError {
            PostgresStoreError(code: .queryFailed,
                               message: "the database URL is not usable: \(problem); write it as "
                                   + "postgres://user:password@host:5432/database?sslmode=require")
        }
        guard let components = URLComponents(string: databaseURL), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme) else { throw refuse("it does not start with postgres://") }
        guard let host = components.host, !host.isEmpty else { throw refuse("it names no host") }
        guard let user = components.user, !user.isEmpty else { throw refuse("it names no user") }
        let database = String(components.path.drop { $0 == "/" })
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value
            ?? (["127.0.0.1", "localhost", "::1"].contains(host) ? "disable" : "require")
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: throw refuse("sslmode \(mode) is not one of disable, prefer, require, verify-full")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.maximumConnections = max(1, maximumConnections)
        return configuration
    }
}
