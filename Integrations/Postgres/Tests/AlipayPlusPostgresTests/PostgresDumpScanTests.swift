import AlipayPlus
import AlipayPlusModels
import AlipayPlusPostgres
import AlipayPlusTesting
import Foundation
import XCTest

/// A `pg_dump` of the store's schema after a whole run holds none of the run's tokens or auth codes,
/// in any encoding.
final class PostgresDumpScanTests: XCTestCase {
    func testNoTokenOrAuthCodeOfABindChargeRefreshRefundRunIsInADumpOfTheDatabase() async throws {
        let url = try PostgresTestDatabase.url
        let bin = try XCTUnwrap(PostgresTestDatabase.binFolder, "ALIPAYPLUS_TEST_PG_BIN is not set: run under .ci/with-postgres.sh")
        let (schema, secrets) = try await PostgresTestDatabase.withClient { client in
            let merchant = try SimulatedMerchant(accessTokenLifetime: .seconds(100))
            let store = try await PostgresTestDatabase.freshStore(client)
            let coordinator = try merchant.coordinator(store: store, instanceId: "instance-1")
            let (bound, authCode) = try await merchant.bind(with: coordinator)
            _ = try await coordinator.charge(SimulatedMerchant.charge(order: "ORDER-1", id: "PAY-1"))
            merchant.clock.advance(by: .seconds(150))
            _ = try await coordinator.charge(SimulatedMerchant.charge(order: "ORDER-2", minor: 100, id: "PAY-2"))
            let reread = try await store.binding(id: bound.bindingId)
            let refreshed = try XCTUnwrap(reread)
            XCTAssertNotEqual(refreshed.accessToken, bound.accessToken, "the second charge refreshes the token")
            _ = try await coordinator.refund(paymentRequestId: "PAY-1", amount: Amount(currency: "HKD", minorUnits: 100))
            XCTAssertFalse(authCode.isEmpty)
            return (store.schema, [authCode, bound.accessToken.revealed, refreshed.accessToken.revealed]
                + [bound.refreshToken, refreshed.refreshToken].compactMap { $0?.revealed })
        }

        let dump = Process()
        dump.executableURL = URL(fileURLWithPath: bin).appendingPathComponent("pg_dump")
        dump.arguments = ["--dbname=\(url)", "--schema=\(schema)", "--no-owner"]
        let output = Pipe()
        dump.standardOutput = output
        try dump.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        dump.waitUntilExit()
        XCTAssertEqual(dump.terminationStatus, 0, "pg_dump failed")
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("PAY-1") && text.contains("aph1."), "the dump holds the run's records")
        for secret in secrets {
            let base64 = Data(secret.utf8).base64EncodedString()
            let base64URL = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            let unpadded = base64.replacingOccurrences(of: "=", with: "")
            let hex = secret.utf8.map { String(format: "%02x", $0) }.joined()
            for form in [secret, base64, unpadded, base64URL, hex] {
                XCTAssertNil(bytes.range(of: Data(form.utf8)), "a secret of the run (\(secret.count) characters) is in the dump")
            }
        }
    }
}
