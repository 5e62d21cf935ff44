import AlipayPlusTesting
import ExampleHTTP
import MerchantServerCore
import XCTest

/// Which store the merchant server uses, read from the environment (no database needed).
final class MerchantStorageConfigurationTests: XCTestCase {
    private static let keys = "k1:" + Data(repeating: 0x5A, count: 32).base64EncodedString()

    private enum Expected {
        case memory
        case directory(String)
        case database(String)
        case error(mentioning: [String])
    }

    func testTheStoreIsChosenFromTheEnvironmentAndConflictsAreRefused() {
        let rows: [(String, [String: String], Expected)] = [
            ("nothing set: memory", [:], .memory),
            ("a folder with keys", ["MERCHANT_STORE_DIR": "/tmp/store", "ALIPAYPLUS_TOKEN_KEYS": Self.keys], .directory("/tmp/store")),
            ("a folder without keys", ["MERCHANT_STORE_DIR": "/tmp/store"], .error(mentioning: ["MERCHANT_STORE_DIR", "ALIPAYPLUS_TOKEN_KEYS"])),
            ("a database with keys",
             ["DATABASE_URL": "postgres://app:s3cret@db.internal:5433/shop", "ALIPAYPLUS_TOKEN_KEYS": Self.keys],
             .database("postgres://app:redacted@db.internal:5433/shop")),
            ("a database without keys", ["DATABASE_URL": "postgres://app@127.0.0.1/shop"],
             .error(mentioning: ["DATABASE_URL", "ALIPAYPLUS_TOKEN_KEYS"])),
            ("both stores", ["MERCHANT_STORE_DIR": "/tmp/store", "DATABASE_URL": "postgres://app@127.0.0.1/shop",
                             "ALIPAYPLUS_TOKEN_KEYS": Self.keys],
             .error(mentioning: ["MERCHANT_STORE_DIR and DATABASE_URL are both set", "set only one"])),
            ("not a postgres URL", ["DATABASE_URL": "mysql://app:s3cret@db/shop", "ALIPAYPLUS_TOKEN_KEYS": Self.keys],
             .error(mentioning: ["DATABASE_URL", "postgres://"])),
            ("no user", ["DATABASE_URL": "postgres://db.internal/shop", "ALIPAYPLUS_TOKEN_KEYS": Self.keys],
             .error(mentioning: ["DATABASE_URL", "no user"])),
            ("unknown sslmode", ["DATABASE_URL": "postgres://app:s3cret@db/shop?sslmode=sometimes", "ALIPAYPLUS_TOKEN_KEYS": Self.keys],
             .error(mentioning: ["DATABASE_URL", "sslmode"])),
            ("pool size zero", ["DATABASE_URL": "postgres://app@127.0.0.1/shop", "DATABASE_POOL_SIZE": "0",
                                "ALIPAYPLUS_TOKEN_KEYS": Self.keys], .error(mentioning: ["DATABASE_POOL_SIZE"])),
            ("malformed keys", ["DATABASE_URL": "postgres://app@127.0.0.1/shop", "ALIPAYPLUS_TOKEN_KEYS": "k1:short"],
             .error(mentioning: ["ALIPAYPLUS_TOKEN_KEYS"])),
        ]
        for (name, values, expected) in rows {
            let result = Result { try MerchantStorage.fromEnvironment(Environment(values)) }
            switch (expected, result) {
            case (.memory, .success(.memory)):
                break
            case (.directory(let path), .success(.directory(let url, _))):
                XCTAssertEqual(url.path, path, name)
            case (.database(let redacted), .success(.database(let database, _))):
                XCTAssertEqual(database.redactedURL, redacted, name)
                XCTAssertEqual(database.clientConfiguration.host, "db.internal", name)
                XCTAssertEqual(database.clientConfiguration.port, 5433, name)
                XCTAssertEqual(database.clientConfiguration.database, "shop", name)
            case (.error(let fragments), .failure(let error)):
                let text = String(describing: error)
                XCTAssertTrue(error is ConfigurationError, "\(name): \(type(of: error))")
                for fragment in fragments { XCTAssertTrue(text.contains(fragment), "\(name): \(text)") }
                XCTAssertFalse(text.contains("s3cret"), "\(name): the password is never shown: \(text)")
            default:
                XCTFail("\(name): expected \(expected), got \(result)")
            }
        }
    }

    func testAnUnusableDatabaseURLCarriesTheStoresErrorAsItsCause() {
        XCTAssertThrowsError(try MerchantDatabase(url: "postgres://db.internal/shop")) { error in
            XCTAssertNotNil((error as? ConfigurationError)?.cause, "\(error)")
        }
    }
}
