import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import ExampleHTTP
import Foundation
import Hummingbird
import Logging
import MerchantServerCore
import SandboxCore
import XCTest

/// Two merchant-server instances in this process on two ports, with different instance ids, sharing
/// one PostgreSQL database (`DATABASE_URL` in production), and the sandbox delivering its
/// notifications to one of them: what one instance starts, the other finishes, once.
///
/// Needs a server: run under `.ci/with-postgres.sh`, which exports `ALIPAYPLUS_TEST_DATABASE_URL`.
final class SharedDatabaseEndToEndTests: XCTestCase {
    func testANotificationForAChargeStartedOnOneInstanceIsAppliedOnceByAnotherAndSeenByTheFirst() async throws {
        let databaseURL = try Self.testDatabaseURL()
        let servers = try await SharedDatabaseServers.start(databaseURL: databaseURL)
        let http = TestHTTP()
        let run = UUID().uuidString.prefix(8).lowercased()
        let (a, b) = (servers.instanceA.url, servers.instanceB.url)

        // Bind on instance A; the binding is in the shared database, so B sees it too.
        let user = "user-\(run)"
        let bind = try await http.call("POST", "\(a)/users/\(user)/bind")
        let walletPage = try XCTUnwrap(bind.object["walletPageURL"] as? String, bind.text)
        let approve = try await http.call("POST", "\(servers.sandboxURL)/sandbox/approve", ["walletPageURL": walletPage])
        let returned = try await http.call("GET", try XCTUnwrap(approve.object["redirectURL"] as? String, approve.text))
        XCTAssertEqual(returned.status, 200, returned.text)
        _ = try await http.call("POST", "\(servers.sandboxURL)/sandbox/deliver")  // authNotify and friends, to B
        let onB = try await http.call("GET", "\(b)/users/\(user)/bindings")
        XCTAssertEqual((onB.json as? [[String: Any]])?.first?["status"] as? String, "active", onB.text)

        // A starts a charge that Alipay+ answers U; A does not wait (its next inquiry is far away).
        let paymentRequestId = "PAY-\(run)"
        let script = try await http.call("POST", "\(servers.sandboxURL)/sandbox/script",
                                         ["paymentRequestId": paymentRequestId, "outcome": "unknown:1"])
        XCTAssertEqual(script.status, 200, script.text)
        let started = try await http.call("POST", "\(a)/users/\(user)/charges", [
            "amount": "7.50", "currency": "HKD", "orderId": "order-\(run)", "description": "Shared database",
            "paymentRequestId": paymentRequestId, "wait": false,
        ])
        XCTAssertEqual(started.status, 202, started.text)
        XCTAssertEqual(started.object["outcome"] as? String, "pending")

        // Alipay+ settles the payment (an inquiry from outside both instances) and queues notifyPayment,
        // which the sandbox delivers to instance B.
        _ = try await servers.settleAtAlipayPlus(paymentRequestId)
        let delivered = try await http.call("POST", "\(servers.sandboxURL)/sandbox/deliver")
        XCTAssertEqual(delivered.status, 200, delivered.text)
        let notifyPayments = (delivered.json as? [[String: Any]] ?? []).filter { $0["name"] as? String == "notifyPayment" }
        XCTAssertEqual(notifyPayments.count, 1, delivered.text)
        XCTAssertEqual(notifyPayments.first?["acknowledged"] as? Bool, true, delivered.text)

        // A, which started the charge, sees the outcome B applied.
        let onA = try await http.call("GET", "\(a)/charges/\(paymentRequestId)")
        XCTAssertEqual(onA.status, 200, onA.text)
        XCTAssertEqual(onA.object["state"] as? String, "succeeded", onA.text)

        // Applied once: acknowledged at the first attempt (nothing left to retry), charged once at
        // Alipay+, and the payment still succeeded on A afterwards.
        let again = try await http.call("POST", "\(servers.sandboxURL)/sandbox/deliver")
        XCTAssertEqual((again.json as? [[String: Any]])?.filter { $0["name"] as? String == "notifyPayment" }.count, 0, again.text)
        let ledger = try await http.call("GET", "\(servers.sandboxURL)/sandbox/ledger")
        let entry = (ledger.object["payments"] as? [[String: Any]] ?? []).first { $0["paymentRequestId"] as? String == paymentRequestId }
        XCTAssertEqual(entry?["status"] as? String, "succeeded", ledger.text)
        XCTAssertEqual(entry?["chargeCount"] as? Int, 1, ledger.text)
        XCTAssertEqual(entry?["inquiries"] as? Int, 1, "only the test's inquiry: A learnt the outcome from B's notification")
        XCTAssertEqual(ledger.object["violations"] as? [String], [])
        XCTAssertEqual(ledger.object["pendingNotifications"] as? [String], [])
        let stillOnA = try await http.call("GET", "\(a)/charges/\(paymentRequestId)")
        XCTAssertEqual(stillOnA.object["state"] as? String, "succeeded")
        try await servers.stop()
    }

    /// The database the test runs against; fails (never skips) without one.
    static func testDatabaseURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["ALIPAYPLUS_TEST_DATABASE_URL"], !url.isEmpty else {
            XCTFail("ALIPAYPLUS_TEST_DATABASE_URL is not set: run the example's tests under a PostgreSQL server with "
                        + "`.ci/with-postgres.sh swift test --package-path Examples/MerchantServer`")
            throw ConfigurationError(message: "set ALIPAYPLUS_TEST_DATABASE_URL (run under .ci/with-postgres.sh)")
        }
        return url
    }
}

/// The sandbox and two merchant-server instances (A and B) on one database, each in its own
/// service group; the sandbox's notifications go to B and are delivered only when the test asks.
final class SharedDatabaseServers: @unchecked Sendable {
    struct Instance {
        var url: String
        var server: MerchantServer
        var running: Servers.Running
    }

    let sandboxURL: String
    let instanceA: Instance
    let instanceB: Instance
    private let sandboxRun: Servers.Running
    private let sandboxKey: RSAPrivateKey
    private let directory: URL

    private init(sandboxURL: String, sandboxRun: Servers.Running, sandboxKey: RSAPrivateKey, directory: URL,
                 instanceA: Instance, instanceB: Instance) {
        self.sandboxURL = sandboxURL
        self.sandboxRun = sandboxRun
        self.sandboxKey = sandboxKey
        self.directory = directory
        self.instanceA = instanceA
        self.instanceB = instanceB
    }

    static func start(databaseURL: String) async throws -> SharedDatabaseServers {
        let logger = {
            var logger = Logger(label: "e2e-shared-database")
            logger.logLevel = ProcessInfo.processInfo.environment["E2E_LOG"] == nil ? .error : .debug
            return logger
        }()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-db-\(UUID().uuidString)")
        let (sandboxKey, _) = try SandboxConfiguration.loadOrCreateKeyPair(in: directory.appendingPathComponent("keys"))
        let (sandboxPort, portA, portB) = (try Servers.freePort(), try Servers.freePort(), try Servers.freePort())
        let sandboxURL = "http://127.0.0.1:\(sandboxPort)"
        let sandbox = try AlipayPlusSandbox(configuration: SandboxConfiguration(
            port: sandboxPort, merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: sandboxKey, merchantURL: URL(string: "http://127.0.0.1:\(portB)"), autoDeliver: false,
            notificationRetryInterval: .milliseconds(100), maxNotificationAttempts: 5, publicURL: URL(string: sandboxURL)
        ), logger: logger)
        let ready = ReadyCounter()
        let sandboxRun = Servers.Running(sandbox.makeApplication { _ in await ready.arrive() }, logger: logger)
        try await ready.wait(for: 1, timeout: .seconds(20))

        @Sendable func instance(_ id: String, port: Int) async throws -> Instance {
            let database = try MerchantDatabase(url: databaseURL, maximumConnections: 8)
            let url = "http://127.0.0.1:\(port)"
            let server = try MerchantServer(configuration: MerchantServerConfiguration(
                clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
                alipayPlusPublicKey: sandboxKey.publicKey, alipayPlusBaseURL: URL(string: sandboxURL)!,
                storage: .database(database, keyRing: TestKeys.tokenKeyRing), instanceId: id, port: port,
                publicURL: URL(string: url)!,
                // The instance's own inquiry comes long after the test has finished: the notification decides.
                inquiryInterval: .seconds(20), inquiryWindow: .seconds(60), cancelRetryDelay: .seconds(1)
            ), logger: logger)
            let started = ReadyCounter()
            let running = Servers.Running(server.makeApplication { _ in await started.arrive() }, logger: logger)
            try await started.wait(for: 1, timeout: .seconds(60))  // migrate() and recover() run first
            return Instance(url: url, server: server, running: running)
        }
        // Both start at once: migrate() runs from each, concurrently.
        async let a = instance("instance-A", port: portA)
        async let b = instance("instance-B", port: portB)
        return SharedDatabaseServers(sandboxURL: sandboxURL, sandboxRun: sandboxRun, sandboxKey: sandboxKey,
                                     directory: directory, instanceA: try await a, instanceB: try await b)
    }

    /// Sends a signed inquiryPayment to the sandbox as the merchant, outside both instances: with the
    /// script `unknown:1` the first inquiry settles the payment and queues its notifyPayment.
    func settleAtAlipayPlus(_ paymentRequestId: String) async throws -> InquiryPaymentResponse {
        let client = AlipayPlusClient(
            configuration: try AlipayPlusClient.Configuration(
                clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
                alipayPlusPublicKeys: AlipayPlusPublicKeys(sandboxKey.publicKey),
                environment: .custom(URL(string: sandboxURL)!)),
            transport: URLSessionTransport())
        return try await client.send(InquiryPaymentRequest(paymentRequestId: paymentRequestId))
    }

    /// Graceful shutdown of both instances (their database clients stop with them), then the sandbox.
    func stop() async throws {
        try await instanceA.running.stop()
        try await instanceB.running.stop()
        try await sandboxRun.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
