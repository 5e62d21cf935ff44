import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import Hummingbird
import Logging
import MerchantServerCore
import SandboxCore
import ServiceLifecycle
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The merchant server and the Alipay+ sandbox, both real Hummingbird servers on loopback, talking
/// over HTTP: the merchant's calls travel through the library's URLSessionTransport, the sandbox's
/// notifications too, and the test drives both like a user and an operator would.
final class EndToEndTests: XCTestCase {
    func testBindChargeRefundAndWalletSideUnbindOverHTTP() async throws {
        let servers = try await Servers.start()
        let merchant = servers.merchantURL
        let sandbox = servers.sandboxURL
        let http = TestHTTP()

        // Bind user-1: the merchant calls prepare and returns the wallet page.
        let bind = try await http.call("POST", "\(merchant)/users/user-1/bind")
        XCTAssertEqual(bind.status, 200, bind.text)
        let walletPage = try XCTUnwrap(bind.object["walletPageURL"] as? String)
        XCTAssertTrue(walletPage.contains("session="), walletPage)

        // The user approves in the wallet; the wallet sends the browser to the merchant's return URL.
        let approve = try await http.call("POST", "\(sandbox)/sandbox/approve", ["walletPageURL": walletPage])
        XCTAssertEqual(approve.status, 200, approve.text)
        let redirect = try XCTUnwrap(approve.object["redirectURL"] as? String)
        XCTAssertTrue(redirect.hasPrefix("\(merchant)/alipayplus/return?"), redirect)
        let returned = try await http.call("GET", redirect)
        XCTAssertEqual(returned.status, 200, returned.text)
        XCTAssertEqual(returned.object["status"] as? String, "active")
        XCTAssertEqual(returned.object["merchantUserId"] as? String, "user-1")

        // S: paid at once.
        let paid = try await http.call("POST", "\(merchant)/users/user-1/charges", [
            "amount": "5.99", "currency": "HKD", "orderId": "order-S", "description": "Monthly plan",
            "paymentRequestId": "PAY-S",
        ])
        XCTAssertEqual(paid.status, 200, paid.text)
        XCTAssertEqual(paid.object["outcome"] as? String, "succeeded")
        XCTAssertEqual(paid.payment["state"] as? String, "succeeded")
        XCTAssertEqual((paid.payment["amount"] as? [String: Any])?["value"] as? String, "599")

        // F: the wallet declines.
        let scriptF = try await http.call("POST", "\(sandbox)/sandbox/script",
                                          ["paymentRequestId": "PAY-F", "outcome": "fail:USER_BALANCE_NOT_ENOUGH"])
        XCTAssertEqual(scriptF.status, 200, scriptF.text)
        let declined = try await http.call("POST", "\(merchant)/users/user-1/charges", [
            "amount": 12, "currency": "HKD", "orderId": "order-F", "description": "Add-on", "paymentRequestId": "PAY-F",
        ])
        XCTAssertEqual(declined.status, 402, declined.text)
        XCTAssertEqual(declined.object["outcome"] as? String, "failed")
        XCTAssertEqual(declined.object["resultCode"] as? String, "USER_BALANCE_NOT_ENOUGH")

        // U that never resolves: inquiries for the window, then cancelPayment; not charged.
        let scriptU = try await http.call("POST", "\(sandbox)/sandbox/script", ["paymentRequestId": "PAY-U", "outcome": "never"])
        XCTAssertEqual(scriptU.status, 200)
        let started = Date()
        let unknown = try await http.call("POST", "\(merchant)/users/user-1/charges", [
            "amount": "3.00", "currency": "HKD", "orderId": "order-U", "description": "Top-up", "paymentRequestId": "PAY-U",
        ])
        XCTAssertEqual(unknown.status, 402, unknown.text)
        XCTAssertEqual(unknown.object["outcome"] as? String, "canceled")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.5, "the inquiry window runs on the real clock")

        // Refund part of the paid charge; an over-refund is refused before any call.
        let refund = try await http.call("POST", "\(merchant)/charges/PAY-S/refunds",
                                         ["amount": "1.00", "reason": "goodwill", "refundRequestId": "REF-1"])
        XCTAssertEqual(refund.status, 200, refund.text)
        XCTAssertEqual(refund.object["outcome"] as? String, "succeeded")
        let tooMuch = try await http.call("POST", "\(merchant)/charges/PAY-S/refunds", ["amount": "5.00"])
        XCTAssertEqual(tooMuch.status, 409, tooMuch.text)
        XCTAssertEqual(tooMuch.object["error"] as? String, "refundExceedsRemaining")
        let refundOfCanceled = try await http.call("POST", "\(merchant)/charges/PAY-U/refunds", ["amount": "1.00"])
        XCTAssertEqual(refundOfCanceled.status, 409, refundOfCanceled.text)

        // Notifications (authNotify, notifyPayment) reach the merchant over HTTP and are acknowledged.
        let delivered = try await http.call("POST", "\(sandbox)/sandbox/deliver")
        XCTAssertEqual(delivered.status, 200, delivered.text)

        // The sandbox's books agree with the merchant's.
        let ledger = try await http.call("GET", "\(sandbox)/sandbox/ledger")
        XCTAssertEqual(ledger.status, 200)
        let payments = Dictionary(uniqueKeysWithValues: (ledger.object["payments"] as? [[String: Any]] ?? []).map {
            ($0["paymentRequestId"] as? String ?? "", $0)
        })
        XCTAssertEqual(payments["PAY-S"]?["status"] as? String, "succeeded")
        XCTAssertEqual(payments["PAY-S"]?["chargeCount"] as? Int, 1)
        XCTAssertEqual(payments["PAY-S"]?["refundedMinorUnits"] as? Int, 100)
        XCTAssertEqual(payments["PAY-F"]?["status"] as? String, "failed:USER_BALANCE_NOT_ENOUGH")
        XCTAssertEqual(payments["PAY-F"]?["chargeCount"] as? Int, 0)
        XCTAssertEqual(payments["PAY-U"]?["status"] as? String, "cancelled")
        XCTAssertEqual(payments["PAY-U"]?["chargeCount"] as? Int, 0)
        XCTAssertGreaterThanOrEqual(payments["PAY-U"]?["inquiries"] as? Int ?? 0, 2)
        XCTAssertEqual(payments["PAY-U"]?["payCalls"] as? Int, 1, "a pay is never sent twice")
        XCTAssertEqual(ledger.object["violations"] as? [String], [])
        XCTAssertEqual(ledger.object["pendingNotifications"] as? [String], [])
        let deliveries = ledger.object["deliveries"] as? [[String: Any]] ?? []
        XCTAssertFalse(deliveries.isEmpty)
        XCTAssertTrue(deliveries.allSatisfy { $0["acknowledged"] as? Bool == true }, "\(deliveries)")

        // The merchant's view of the paid charge, with its refund.
        let charge = try await http.call("GET", "\(merchant)/charges/PAY-S")
        XCTAssertEqual(charge.object["state"] as? String, "succeeded")
        XCTAssertEqual((charge.object["refunds"] as? [[String: Any]])?.first?["outcome"] as? String, "succeeded")

        // The user unbinds inside the wallet: consultUnbinding, then authNotify TOKEN_CANCELED.
        let unbind = try await http.call("POST", "\(sandbox)/sandbox/unbind", [:])
        XCTAssertEqual(unbind.status, 200, unbind.text)
        XCTAssertEqual(unbind.object["outcome"] as? String, "unbound")
        let bindings = try await http.call("GET", "\(merchant)/users/user-1/bindings")
        let binding = try XCTUnwrap((bindings.json as? [[String: Any]])?.first)
        XCTAssertEqual(binding["status"] as? String, "needsReauthorization")
        XCTAssertEqual(binding["statusReason"] as? String, "TOKEN_CANCELED")
        let afterUnbind = try await http.call("POST", "\(merchant)/users/user-1/charges", [
            "amount": "1.00", "currency": "HKD", "orderId": "order-X", "description": "After unbinding",
        ])
        XCTAssertEqual(afterUnbind.status, 409, afterUnbind.text)
        XCTAssertEqual(afterUnbind.object["outcome"] as? String, "needsReauthorization")

        // Merchant-side unbinding of a second user: cancelToken, binding removed.
        let bind2 = try await http.call("POST", "\(merchant)/users/user-2/bind")
        let page2 = try XCTUnwrap(bind2.object["walletPageURL"] as? String)
        let approve2 = try await http.call("POST", "\(sandbox)/sandbox/approve", ["walletPageURL": page2, "wallet": "GCASH"])
        let returned2 = try await http.call("GET", try XCTUnwrap(approve2.object["redirectURL"] as? String))
        XCTAssertEqual(returned2.status, 200, returned2.text)
        let removed = try await http.call("DELETE", "\(merchant)/users/user-2/binding")
        XCTAssertEqual(removed.status, 200, removed.text)
        XCTAssertEqual((removed.json as? [[String: Any]])?.first?["status"] as? String, "removed")
        let removedAgain = try await http.call("DELETE", "\(merchant)/users/user-2/binding")
        XCTAssertEqual(removedAgain.status, 404)

        // A forged notification is refused and changes nothing.
        let forged = try await http.call("POST", "\(merchant)/alipayplus/notifyPayment",
                                         ["paymentRequestId": "PAY-U", "paymentResult": ["resultStatus": "S"]])
        XCTAssertEqual(forged.status, 401, forged.text)
        let stillCanceled = try await http.call("GET", "\(merchant)/charges/PAY-U")
        XCTAssertEqual(stillCanceled.object["state"] as? String, "canceled")

        let finalLedger = try await http.call("GET", "\(sandbox)/sandbox/ledger")
        XCTAssertEqual(finalLedger.object["violations"] as? [String], [])
        try await servers.stop()
    }

    /// The merchant is down when the user approves: the sandbox retries the authNotify until the
    /// merchant, restarted on the same durable store, acknowledges it, and the binding completes from
    /// the notification alone (the user never came back through the redirect).
    func testNotificationRetriedUntilTheRestartedMerchantAcknowledges() async throws {
        let servers = try await Servers.start(notificationAttempts: 40)
        let http = TestHTTP()
        let bind = try await http.call("POST", "\(servers.merchantURL)/users/user-9/bind")
        let walletPage = try XCTUnwrap(bind.object["walletPageURL"] as? String)

        try await servers.stopMerchant()
        let approve = try await http.call("POST", "\(servers.sandboxURL)/sandbox/approve", ["walletPageURL": walletPage])
        XCTAssertEqual(approve.status, 200, approve.text)
        try await Task.sleep(for: .milliseconds(350))  // a few refused attempts
        try await servers.startMerchant()

        // Wait for the retried authNotify (and the TOKEN_CREATED it leads to) to be acknowledged.
        var deliveries: [[String: Any]] = []
        for _ in 0..<100 {
            let ledger = try await http.call("GET", "\(servers.sandboxURL)/sandbox/ledger")
            deliveries = ledger.object["deliveries"] as? [[String: Any]] ?? []
            let pending = ledger.object["pendingNotifications"] as? [String] ?? []
            if deliveries.count >= 2, pending.isEmpty, deliveries.allSatisfy({ $0["acknowledged"] as? Bool == true }) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let first = try XCTUnwrap(deliveries.first)
        XCTAssertEqual(first["name"] as? String, "authNotify")
        XCTAssertEqual(first["acknowledged"] as? Bool, true, "\(first)")
        XCTAssertGreaterThan(first["attempts"] as? Int ?? 0, 1, "the first attempts hit a stopped merchant")

        let bindings = try await http.call("GET", "\(servers.merchantURL)/users/user-9/bindings")
        let binding = try XCTUnwrap((bindings.json as? [[String: Any]])?.first, bindings.text)
        XCTAssertEqual(binding["status"] as? String, "active")
        let paid = try await http.call("POST", "\(servers.merchantURL)/users/user-9/charges", [
            "amount": "2.50", "currency": "HKD", "orderId": "order-9", "description": "After restart",
        ])
        XCTAssertEqual(paid.status, 200, paid.text)
        try await servers.stop()
    }

    func testScriptGrammar() {
        XCTAssertEqual(AlipayPlusSandbox.parseScript("succeed"), .succeed)
        XCTAssertEqual(AlipayPlusSandbox.parseScript("fail:USER_BALANCE_NOT_ENOUGH"), .fail(.userBalanceNotEnough))
        XCTAssertEqual(AlipayPlusSandbox.parseScript("unknown:3"), .unknown(then: .succeed, afterInquiries: 3))
        XCTAssertEqual(AlipayPlusSandbox.parseScript("unknown:then:2"), .unknown(then: .succeed, afterInquiries: 2))
        XCTAssertEqual(AlipayPlusSandbox.parseScript("unknown:fail:RISK_REJECT:2"),
                       .unknown(then: .fail(ResultCode(rawValue: "RISK_REJECT")), afterInquiries: 2))
        XCTAssertEqual(AlipayPlusSandbox.parseScript("never"), .neverResolves)
        XCTAssertNil(AlipayPlusSandbox.parseScript("maybe"))
        XCTAssertNil(AlipayPlusSandbox.parseScript("fail:"))
    }

    func testLogRedaction() {
        let text = "GET /alipayplus/return?authCode=SIMAC123&authState=abc {\"accessToken\":\"tok\",\"x\":\"1\"}"
        XCTAssertEqual(Redact.text(text),
                       "GET /alipayplus/return?authCode=<redacted>&authState=abc {\"accessToken\":\"<redacted>\",\"x\":\"1\"}")
    }
}

/// Both servers, in this process, on free loopback ports, each in its own service group so the
/// merchant can be stopped and started again on the same store while the sandbox keeps running.
final class Servers: @unchecked Sendable {
    let merchantURL: String
    let sandboxURL: String
    let merchantPort: Int
    let directory: URL
    let sandboxKey: RSAPrivateKey
    let logger: Logger
    private var sandboxRun: Running?
    private var merchantRun: Running?
    private(set) var merchant: MerchantServer?

    struct Running {
        var group: ServiceGroup
        var task: Task<Void, any Error>

        /// Runs `application` in its own service group, in a task this value owns until ``stop()``.
        init(_ application: some ApplicationProtocol, logger: Logger) {
            let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
            self.group = group
            task = Task { try await group.run() }
        }

        func stop() async throws {
            await group.triggerGracefulShutdown()
            try await task.value
        }
    }

    private init(merchantPort: Int, sandboxPort: Int) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        self.merchantPort = merchantPort
        merchantURL = "http://127.0.0.1:\(merchantPort)"
        sandboxURL = "http://127.0.0.1:\(sandboxPort)"
        var logger = Logger(label: "e2e")
        logger.logLevel = ProcessInfo.processInfo.environment["E2E_LOG"] == nil ? .error : .debug
        self.logger = logger
        (sandboxKey, _) = try SandboxConfiguration.loadOrCreateKeyPair(in: directory.appendingPathComponent("keys"))
    }

    static func start(notificationAttempts: Int = 5) async throws -> Servers {
        let sandboxPort = try freePort()
        let servers = try Servers(merchantPort: try freePort(), sandboxPort: sandboxPort)
        let sandbox = try AlipayPlusSandbox(configuration: SandboxConfiguration(
            port: sandboxPort, merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: servers.sandboxKey, merchantURL: URL(string: servers.merchantURL),
            notificationRetryInterval: .milliseconds(100), maxNotificationAttempts: notificationAttempts,
            publicURL: URL(string: servers.sandboxURL)
        ), logger: servers.logger)
        let ready = ReadyCounter()
        servers.sandboxRun = servers.run(sandbox.makeApplication { _ in await ready.arrive() })
        try await ready.wait(for: 1, timeout: .seconds(20))
        try await servers.startMerchant()
        return servers
    }

    /// Starts (or starts again) the merchant server on its port and store; the application runs recover() first.
    func startMerchant() async throws {
        let merchant = try MerchantServer(configuration: MerchantServerConfiguration(
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKey: sandboxKey.publicKey, alipayPlusBaseURL: URL(string: sandboxURL)!,
            storage: .directory(directory.appendingPathComponent("store"), keyRing: TestKeys.tokenKeyRing), port: merchantPort,
            publicURL: URL(string: merchantURL)!,
            inquiryInterval: .milliseconds(50), inquiryWindow: .milliseconds(500), cancelRetryDelay: .milliseconds(50)
        ), logger: logger)
        let ready = ReadyCounter()
        merchantRun = run(merchant.makeApplication { _ in await ready.arrive() })
        self.merchant = merchant
        try await ready.wait(for: 1, timeout: .seconds(20))
    }

    /// Stops the merchant server gracefully and closes its store (one store per folder and process).
    func stopMerchant() async throws {
        try await merchantRun?.stop()
        merchantRun = nil
        await merchant?.store.close()
        merchant = nil
    }

    private func run(_ application: some ApplicationProtocol) -> Running { Running(application, logger: logger) }

    /// Graceful shutdown of both servers, then the temporary store and keys go.
    func stop() async throws {
        try await stopMerchant()
        try await sandboxRun?.stop()
        sandboxRun = nil
        try? FileManager.default.removeItem(at: directory)
    }

    /// A port the kernel says is free now (bind to port 0, read it, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Waits until both servers report they are listening.
actor ReadyCounter {
    private var count = 0

    func arrive() { count += 1 }

    func wait(for expected: Int, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while count < expected {
            guard ContinuousClock.now < deadline else { throw POSIXError(.ETIMEDOUT) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A tiny JSON client for the test, over the library's URLSessionTransport.
struct TestHTTP {
    let transport = URLSessionTransport()

    struct Answer {
        var status: Int
        var json: Any?
        var text: String
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var payment: [String: Any] { object["payment"] as? [String: Any] ?? [:] }
    }

    func call(_ method: String, _ url: String, _ body: [String: Any]? = nil) async throws -> Answer {
        var headers = AlipayPlusTransport.HTTPHeaders()
        var data = Data()
        if let body {
            data = try JSONSerialization.data(withJSONObject: body)
            headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await transport.send(AlipayPlusTransport.HTTPRequest(
            method: method, url: try XCTUnwrap(URL(string: url)), headers: headers, body: data, timeout: .seconds(20)
        ))
        let json = response.body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: response.body)
        return Answer(status: response.status, json: json, text: String(decoding: response.body, as: UTF8.self))
    }
}
