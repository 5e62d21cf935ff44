import AlipayPlus
import AlipayPlusHummingbird
import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import ExampleHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The library's `AlipayPlusSimulator` served over HTTP: a stateful, signing Alipay+ on loopback for
/// a staging merchant server, with a small control API to play the user and the wallet.
public final class AlipayPlusSandbox: Sendable {
    public let configuration: SandboxConfiguration
    public let simulator: AlipayPlusSimulator
    let pump: NotificationPump
    let tokens = IssuedTokens()
    let logger: Logger

    /// Creates the simulator (real clock) and, when a merchant URL is set, the notification sender.
    ///
    /// - Parameter transport: how notifications reach the merchant; the library's `URLSessionTransport`.
    public init(
        configuration: SandboxConfiguration, logger: Logger = Logger(label: "alipayplus-sandbox"),
        transport: any HTTPTransport = URLSessionTransport()
    ) throws {
        self.configuration = configuration
        self.logger = logger
        let walletBase = configuration.publicURL?.appendingPathComponent("sandbox/wallet")
            ?? URL(string: "https://wallet-page.simulator.invalid/authorize")!
        simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: configuration.merchantClientId, merchantPublicKey: configuration.merchantPublicKey,
            alipayPlusPrivateKey: configuration.alipayPlusPrivateKey, clock: SystemClock(),
            walletPageBaseURL: walletBase, maxNotificationAttempts: configuration.maxNotificationAttempts,
            notificationRetryInterval: configuration.notificationRetryInterval
        ), seed: UInt64.random(in: 1...UInt64.max))
        let handler = configuration.merchantURL.map { Self.merchantHandler($0, transport: transport, logger: logger) }
        pump = NotificationPump(simulator: simulator, merchant: handler, logger: logger)
    }

    /// A simulator merchant handler that POSTs each signed call to `merchantURL` + its path and
    /// hands back the merchant's answer (status, headers, body) for the simulator to verify.
    static func merchantHandler(
        _ merchantURL: URL, transport: any HTTPTransport, logger: Logger
    ) -> AlipayPlusSimulator.MerchantHandler {
        var base = merchantURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let root = base
        return { inbound in
            guard let url = URL(string: root + inbound.path) else {
                return InboundResponse(status: 0, headers: [:], body: Data())
            }
            do {
                let response = try await transport.send(AlipayPlusTransport.HTTPRequest(
                    method: inbound.method, url: url, headers: inbound.headers, body: inbound.body, timeout: .seconds(5)
                ))
                return InboundResponse(status: response.status, headers: response.headers, body: response.body)
            } catch {
                logger.notice("notification not delivered", metadata: ["path": "\(inbound.path)", "error": "\(error)"])
                return InboundResponse(status: 0, headers: [:], body: Data())
            }
        }
    }

    /// The Hummingbird application; `onServerRunning` gets the bound port.
    public func makeApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        ExampleApplication.make(router: makeRouter(), host: configuration.host, port: configuration.port,
                                serverName: "alipayplus-sandbox", logger: logger, services: [pump],
                                onServerRunning: onServerRunning)
    }

    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/aps/**") { request, _ in try await self.forward(request) }
        router.post("/sandbox/approve") { request, _ in try await self.approve(request) }
        router.get("/sandbox/wallet") { request, _ in try await self.walletPage(request) }
        router.post("/sandbox/script") { request, _ in try await self.script(request) }
        router.post("/sandbox/unbind") { request, _ in try await self.walletUnbind(request) }
        router.get("/sandbox/ledger") { _, _ in await self.ledger() }
        router.post("/sandbox/deliver") { _, _ in await self.deliver() }
        return router
    }

    // MARK: Alipay+ API

    /// Hands the request to the simulator as it came and writes its answer back byte for byte.
    func forward(_ request: Request) async throws -> Response {
        // The merchant's signed call, read the way AlipayPlusHummingbird reads Alipay+'s (raw bytes).
        let call = try await InboundRequest(request, bodyLimit: 1 << 20)
        let path = call.path
        let response = try await simulator.send(AlipayPlusTransport.HTTPRequest(
            method: call.method, url: AlipayPlusSimulator.baseURL.appendingPathComponent(path),
            headers: call.headers, body: call.body
        ))
        if path == ApplyTokenRequest.path { await tokens.record(fromApplyTokenResponse: response.body) }
        let resultCode = (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            .flatMap { $0["result"] as? [String: Any] }?["resultCode"] as? String
        logger.info("alipayplus api", metadata: ["path": "\(path)", "resultCode": "\(resultCode ?? "-")"])
        pump.kickIfAutomatic(configuration.autoDeliver)
        return Response(InboundResponse(status: response.status, headers: response.headers, body: response.body))
    }

    // MARK: Control API

    struct ApproveBody: Decodable {
        var walletPageURL: String
        var wallet: String?
        var deny: Bool?
    }

    static func wallet(named name: String?) -> SimulatedWallet {
        switch name?.uppercased() {
        case "GCASH": .gcash
        case "KAKAOPAY": .kakaoPay
        default: .alipayHK
        }
    }

    /// `POST /sandbox/approve {walletPageURL, wallet?, deny?}` → `{redirectURL}`: the user authorizes
    /// (or declines) on the wallet page; the redirect goes to the merchant's authRedirectUrl.
    func approve(_ request: Request) async throws -> Response {
        let body = try await JSONReply.decode(ApproveBody.self, from: request)
        guard let url = URL(string: body.walletPageURL) else { throw BadRequest(message: "walletPageURL is not a URL") }
        do {
            let redirect = body.deny == true
                ? try await simulator.deny(walletPageURL: url)
                : try await simulator.approve(walletPageURL: url, wallet: Self.wallet(named: body.wallet))
            pump.kickIfAutomatic(configuration.autoDeliver)
            return JSONReply.json(["redirectURL": redirect.absoluteString])
        } catch let error as SimulatorError {
            return JSONReply.error(.badRequest, "\(error.code)", error.message)
        }
    }

    /// `GET /sandbox/wallet?session=...`: the wallet page for a browser; approves and redirects (302).
    func walletPage(_ request: Request) async throws -> Response {
        let base = configuration.publicURL?.absoluteString ?? ""
        guard let url = URL(string: base + request.uri.description) else {
            throw BadRequest(message: "bad wallet page URL")
        }
        do {
            let redirect = try await simulator.approve(walletPageURL: url)
            pump.kickIfAutomatic(configuration.autoDeliver)
            var fields = HTTPFields()
            fields[.location] = redirect.absoluteString
            return Response(status: .found, headers: fields)
        } catch let error as SimulatorError {
            return JSONReply.error(.badRequest, "\(error.code)", error.message)
        }
    }

    struct ScriptBody: Decodable {
        var paymentRequestId: String?
        var outcome: String
    }

    /// `POST /sandbox/script {paymentRequestId?, outcome}`: what the wallet does with the next pay
    /// (or with that paymentRequestId). Outcomes: `succeed`, `fail:CODE`, `unknown:N` (U, then S at
    /// the N-th inquiry), `unknown:succeed:N`, `unknown:fail:CODE:N`, `never` (U until cancelled).
    func script(_ request: Request) async throws -> Response {
        let body = try await JSONReply.decode(ScriptBody.self, from: request)
        guard let script = Self.parseScript(body.outcome) else {
            throw BadRequest(message: "outcome \(body.outcome) is not succeed | fail:CODE | unknown:N | unknown:succeed:N | unknown:fail:CODE:N | never")
        }
        if let id = body.paymentRequestId {
            await simulator.script(script, forPaymentRequestId: id)
        } else {
            await simulator.scriptNextPay(script)
        }
        return JSONReply.json(["scripted": body.outcome, "for": body.paymentRequestId ?? "next pay"])
    }

    /// Parses the script grammar of `POST /sandbox/script`.
    public static func parseScript(_ text: String) -> PaymentScript? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.first?.lowercased() {
        case "succeed" where parts.count == 1: return .succeed
        case "fail" where parts.count == 2 && !parts[1].isEmpty: return .fail(ResultCode(rawValue: parts[1]))
        case "never" where parts.count == 1: return .neverResolves
        case "unknown":
            switch parts.count {
            case 2: return Int(parts[1]).map { .unknown(then: .succeed, afterInquiries: $0) }
            case 3 where parts[1] == "succeed" || parts[1] == "then":
                return Int(parts[2]).map { .unknown(then: .succeed, afterInquiries: $0) }
            case 4 where parts[1] == "fail":
                return Int(parts[3]).map { .unknown(then: .fail(ResultCode(rawValue: parts[2])), afterInquiries: $0) }
            default: return nil
            }
        default: return nil
        }
    }

    struct UnbindBody: Decodable {
        var accessToken: String?
    }

    /// `POST /sandbox/unbind {accessToken?}`: the user unbinds inside the wallet (consultUnbinding to
    /// the merchant, then TOKEN_CANCELED). Without `accessToken`, the most recently issued one.
    func walletUnbind(_ request: Request) async throws -> Response {
        let body = try await JSONReply.decode(UnbindBody.self, from: request)
        guard let merchant = pump.merchant else {
            return JSONReply.error(.conflict, "noMerchantURL", "set SANDBOX_MERCHANT_URL: consultUnbinding needs the merchant")
        }
        let latest = await tokens.latest
        guard let token = body.accessToken ?? latest else {
            return JSONReply.error(.notFound, "noToken", "no access token was issued yet")
        }
        do {
            let outcome = try await simulator.walletUnbinds(accessToken: token, merchant: merchant)
            let deliveries = await pump.deliverNow()
            switch outcome {
            case .unbound:
                return JSONReply.json(UnbindJSON(outcome: "unbound", message: nil, deliveries: deliveries.map(DeliveryJSON.init)))
            case .refused:
                return JSONReply.json(UnbindJSON(outcome: "refused", message: nil, deliveries: deliveries.map(DeliveryJSON.init)))
            case .consultationFailed(let message):
                return JSONReply.json(UnbindJSON(outcome: "consultationFailed", message: message, deliveries: []),
                                       status: .badGateway)
            }
        } catch let error as SimulatorError {
            return JSONReply.error(.notFound, "\(error.code)", error.message)
        }
    }

    /// `GET /sandbox/ledger`: what the simulated Alipay+ booked, its rule violations, notifications
    /// and the (fake) tokens it issued.
    func ledger() async -> Response {
        let ledger = await simulator.ledger
        let pending = await simulator.pendingNotificationNames
        let deliveries = await simulator.deliveries
        return JSONReply.json(LedgerJSON(
            payments: ledger.payments.map(PaymentEntryJSON.init), violations: ledger.violations,
            pendingNotifications: pending, deliveries: deliveries.map(DeliveryJSON.init),
            accessTokens: await tokens.all
        ))
    }

    /// `POST /sandbox/deliver`: posts every queued notification now (retrying unacknowledged ones).
    func deliver() async -> Response {
        guard pump.merchant != nil else {
            return JSONReply.error(.conflict, "noMerchantURL", "set SANDBOX_MERCHANT_URL to deliver notifications")
        }
        return JSONReply.json(await pump.deliverNow().map(DeliveryJSON.init))
    }
}

/// Delivers queued notifications one batch at a time, in the background after each change.
///
/// A service of the sandbox's application: ``run()`` owns the background deliveries and returns when
/// the application shuts down. Kicks while a delivery runs coalesce into one more round.
actor NotificationPump: Service {
    let simulator: AlipayPlusSimulator
    nonisolated let merchant: AlipayPlusSimulator.MerchantHandler?
    let logger: Logger
    private nonisolated let kicks: AsyncStream<Void>
    private nonisolated let kick: AsyncStream<Void>.Continuation

    init(simulator: AlipayPlusSimulator, merchant: AlipayPlusSimulator.MerchantHandler?, logger: Logger) {
        self.simulator = simulator
        self.merchant = merchant
        self.logger = logger
        (kicks, kick) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks ``run()`` for a background delivery (or one more round, when one is running).
    nonisolated func kickIfAutomatic(_ automatic: Bool) {
        guard automatic, merchant != nil else { return }
        kick.yield()
    }

    /// Delivers after each kick until the application shuts down.
    func run() async {
        for await _ in kicks.cancelOnGracefulShutdown() {
            _ = await deliverNow()
        }
    }

    /// Delivers everything queued now and returns those deliveries.
    func deliverNow() async -> [NotificationDelivery] {
        guard let merchant else { return [] }
        let deliveries = await simulator.deliverNotifications(to: merchant)
        for delivery in deliveries {
            logger.log(level: delivery.acknowledged ? .info : .warning, "notification", metadata: [
                "name": "\(delivery.name)", "path": "\(delivery.path)", "attempts": "\(delivery.attempts)",
                "acknowledged": "\(delivery.acknowledged)",
            ])
        }
        return deliveries
    }
}

/// The access tokens the simulator issued, read from applyToken answers as they pass (sandbox
/// tokens only: they let the control API play a wallet-side unbinding).
actor IssuedTokens {
    private var tokens: [String] = []

    var all: [String] { tokens }
    var latest: String? { tokens.last }

    func record(fromApplyTokenResponse body: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let token = object["accessToken"] as? String, !tokens.contains(token)
        else { return }
        tokens.append(token)
    }
}

struct LedgerJSON: Encodable {
    var payments: [PaymentEntryJSON]
    var violations: [String]
    var pendingNotifications: [String]
    var deliveries: [DeliveryJSON]
    var accessTokens: [String]
}

struct PaymentEntryJSON: Encodable {
    var paymentRequestId: String
    var paymentId: String
    var amount: Amount
    var status: String
    var chargeCount: Int
    var reversed: Bool
    var cancellations: Int
    var payCalls: Int
    var inquiries: Int
    var refundedMinorUnits: Int64
    var refunds: [RefundEntryJSON]

    init(_ payment: LedgerPayment) {
        paymentRequestId = payment.paymentRequestId
        paymentId = payment.paymentId
        amount = payment.amount
        status = switch payment.status {
        case .processing: "processing"
        case .succeeded: "succeeded"
        case .failed(let code): "failed:\(code.rawValue)"
        case .cancelled: "cancelled"
        }
        chargeCount = payment.chargeCount
        reversed = payment.reversed
        cancellations = payment.cancellations
        payCalls = payment.payCalls
        inquiries = payment.inquiries
        refundedMinorUnits = payment.refundedMinorUnits
        refunds = payment.refunds.map {
            RefundEntryJSON(refundRequestId: $0.refundRequestId, refundId: $0.refundId, amount: $0.amount, calls: $0.calls)
        }
    }
}

struct RefundEntryJSON: Encodable {
    var refundRequestId: String
    var refundId: String
    var amount: Amount
    var calls: Int
}

struct DeliveryJSON: Encodable {
    var name: String
    var path: String
    var attempts: Int
    var acknowledged: Bool
    var failures: [String]

    init(_ delivery: NotificationDelivery) {
        name = delivery.name
        path = delivery.path
        attempts = delivery.attempts
        acknowledged = delivery.acknowledged
        failures = delivery.failures
    }
}

struct UnbindJSON: Encodable {
    var outcome: String
    var message: String?
    var deliveries: [DeliveryJSON]
}
