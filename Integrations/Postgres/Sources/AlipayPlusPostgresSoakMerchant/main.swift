import AlipayPlusPostgres
import AlipayPlusTesting
import Foundation

// The process-kill soak's merchant child over one shared PostgreSQL database, so that several
// instances run at once (`alipayplus soak --processes --instances K`):
//   alipayplus-postgres-soak-merchant --database-url postgres://… --store DIR --sandbox URL --port P --instance-id ID
// `--database-url` (or DATABASE_URL) names the database; the rest is `ProcessSoakMerchant`'s
// contract. Every instance migrates at start-up (safe concurrently) and uses the test key ring.

/// The value after `--database-url`, else `DATABASE_URL`.
func databaseURL(in arguments: [String]) -> String? {
    if let flag = arguments.firstIndex(of: "--database-url"), flag + 1 < arguments.count { return arguments[flag + 1] }
    return ProcessInfo.processInfo.environment["DATABASE_URL"]
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    let options = try ProcessSoakMerchant.Options(arguments: arguments)
    guard let url = databaseURL(in: arguments) else {
        throw PostgresSoakMerchantError(description: "--database-url postgres://user@host:port/database is missing (or set DATABASE_URL)")
    }
    ProcessSoakMerchant.announceOpening()
    let configuration = try PostgresAutoDebitStore.clientConfiguration(databaseURL: url, maximumConnections: 24)
    try await PostgresAutoDebitStore.withStore(configuration: configuration, keyRing: TestKeys.tokenKeyRing, migrating: true) { store in
        try await ProcessSoakMerchant(store: store, options: options).run()
    }
} catch {
    FileHandle.standardError.write(Data("alipayplus-postgres-soak-merchant: \(error)\n".utf8))
    exit(1)
}

/// The child could not start: what is missing.
struct PostgresSoakMerchantError: Error, CustomStringConvertible {
    /// What is missing and how to give it.
    let description: String
}
