import AlipayPlus
import AlipayPlusHummingbird
import AlipayPlusServiceLifecycle
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport
import ExampleHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The example merchant backend: binds wallets, charges, refunds and unbinds through an
/// `AutoDebitCoordinator`, and serves the endpoints Alipay+ calls.
public final class MerchantServer: Sendable {
    public let configuration: MerchantServerConfiguration
    public let coordinator: AutoDebitCoordinator
    /// The store the configuration's ``MerchantServerConfiguration/storage`` names.
    public let store: MerchantStore
    let logger: Logger

    /// Builds the client (signing with the merchant key, verifying with Alipay+'s), the store and the
    /// coordinator; nothing is sent yet (the application's prelude readies the store and recovers).
    ///
    /// - Parameters:
    ///   - transport: how calls reach Alipay+; the library's `URLSessionTransport` by default.
    /// - Throws: `AlipayPlusClient.Configuration`'s and `AutoDebitCoordinator`'s configuration errors, and
    ///   ``MerchantStore``'s opening errors.
    public init(
        configuration: MerchantServerConfiguration,
        logger: Logger = Logger(label: "merchant-server"),
        transport: any HTTPTransport = URLSessionTransport()
    ) throws {
        self.configuration = configuration
        self.logger = logger
        let client = AlipayPlusClient(
            configuration: try AlipayPlusClient.Configuration(
                clientId: configuration.clientId, privateKey: configuration.privateKey,
                alipayPlusPublicKeys: AlipayPlusPublicKeys(configuration.alipayPlusPublicKey),
                environment: .custom(configuration.alipayPlusBaseURL), keyVersion: configuration.keyVersion,
                // Each call must end well inside the inquiry window (the coordinator refuses otherwise).
                timeouts: .init(overall: min(.seconds(30), configuration.inquiryWindow / 2)),
                eventHandler: EventLogging.handler(logger)
            ),
            transport: transport
        )
        store = try MerchantStore.open(configuration.storage, logger: logger)
        coordinator = try AutoDebitCoordinator(client: client, store: store.autoDebitStore, configuration: AutoDebitCoordinator.Configuration(
            authClientId: configuration.clientId, authClientName: configuration.merchantName,
            authRedirectURL: configuration.returnURL,
            merchant: Merchant(
                referenceMerchantId: configuration.merchantId, merchantMCC: configuration.merchantMCC,
                merchantName: configuration.merchantName,
                merchantAddress: Address(region: configuration.merchantRegion)
            ),
            settlementCurrency: configuration.settlementCurrency,
            resolution: .init(
                inquiryInterval: configuration.inquiryInterval, inquiryWindow: configuration.inquiryWindow,
                cancelRetryDelay: configuration.cancelRetryDelay
            ),
            coordination: .init(instanceId: configuration.instanceId)
        ))
    }

    /// Finishes what a crash left (payments in flight, refunds unanswered); the application runs it
    /// before serving.
    ///
    /// - Throws: the coordinator's `recover()` errors (the store's).
    @discardableResult
    public func recover() async throws -> RecoveryReport {
        let report = try await coordinator.recover()
        logger.info("recovered", metadata: [
            "resolvedPayments": "\(report.resolvedPayments.count)", "resentRefunds": "\(report.resentRefunds.count)",
            "unresolved": "\(report.unresolved.count)",
        ])
        return report
    }

    /// The Hummingbird application serving the routes.
    ///
    /// Its service group runs the store's database client (if any) and the coordinator's background
    /// work beside the server; before the server takes requests it readies the store (PostgreSQL:
    /// `migrate()`) and runs ``recover()``.
    /// - Parameter onServerRunning: gets the bound port (useful with port 0).
    public func makeApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        ExampleApplication.make(router: makeRouter(), host: configuration.host, port: configuration.port,
                                serverName: "merchant-server", logger: logger,
                                services: store.services + [AutoDebitCoordinatorService(coordinator)],
                                beforeServerStarts: {
                                    try await self.store.prepare()
                                    try await self.recover()
                                },
                                onServerRunning: onServerRunning)
    }

    /// The routes, with a request log that never prints query strings (the redirect carries an authCode).
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.get("/health") { _, _ in JSONReply.json(["status": "ok"]) }
        router.post("/users/:id/bind") { _, context in try await self.bind(context.parameters.require("id")) }
        router.get("/users/:id/bindings") { _, context in try await self.bindings(context.parameters.require("id")) }
        router.delete("/users/:id/binding") { _, context in try await self.unbind(context.parameters.require("id")) }
        router.post("/users/:id/charges") { request, context in
            try await self.charge(context.parameters.require("id"), request)
        }
        router.get("/charges/:paymentRequestId") { _, context in
            try await self.payment(context.parameters.require("paymentRequestId"))
        }
        router.post("/charges/:paymentRequestId/refunds") { request, context in
            try await self.refund(context.parameters.require("paymentRequestId"), request)
        }
        // notifyPayment, authNotify, consultUnbinding, notifyRegistrationStatus: the raw request goes to
        // the coordinator, which verifies, applies once and signs the answer; and the wallet's redirect
        // back (the authRedirectUrl) completes the binding.
        router.addAlipayPlusRoutes(coordinator, atPath: "/alipayplus", bindingReturn: .init(path: "return") { result, _, _ in
            switch result {
            case .success(let binding): JSONReply.json(BindingJSON(binding))
            case .failure(let error): self.failure(error)
            }
        })
        return router
    }

    // MARK: Binding

    func bind(_ userId: String) async throws -> Response {
        do {
            let start = try await coordinator.beginBinding(for: userId)
            return JSONReply.json(BindStartJSON(merchantUserId: userId, walletPageURL: start.walletPageURL.absoluteString))
        } catch {
            return failure(error)
        }
    }

    func bindings(_ userId: String) async throws -> Response {
        let bindings = try await coordinator.bindings(for: userId)
        return JSONReply.json(bindings.map(BindingJSON.init))
    }

    /// Unbinds every binding of the user that is not removed yet (cancelToken each).
    func unbind(_ userId: String) async throws -> Response {
        let bindings = try await coordinator.bindings(for: userId).filter { $0.status != .removed }
        guard !bindings.isEmpty else {
            return JSONReply.error(.notFound, "noBinding", "user \(userId) has no binding to remove")
        }
        do {
            for binding in bindings {
                try await coordinator.unbind(bindingId: binding.bindingId)
            }
            let after = try await coordinator.bindings(for: userId)
            return JSONReply.json(after.map(BindingJSON.init))
        } catch {
            return failure(error)
        }
    }

    // MARK: Charges and refunds

    func charge(_ userId: String, _ request: Request) async throws -> Response {
        let body = try await JSONReply.decode(ChargeBody.self, from: request)
        let amount: Amount
        do {
            amount = try Amount(currency: body.currency, decimal: body.amount.value)
        } catch {
            throw BadRequest(message: "amount \(body.amount.value) \(body.currency): \(error)")
        }
        do {
            let outcome = try await coordinator.charge(
                ChargeRequest(merchantUserId: userId, amount: amount, referenceOrderId: body.orderId,
                              orderDescription: body.description, paymentRequestId: body.paymentRequestId),
                waitForFinalOutcome: body.wait ?? true
            )
            let json = ChargeJSON(outcome)
            switch outcome {
            case .succeeded: return JSONReply.json(json)
            case .pending: return JSONReply.json(json, status: .accepted)
            case .failed, .canceled: return JSONReply.json(json, status: .init(code: 402, reasonPhrase: "Payment Required"))
            case .needsReauthorization: return JSONReply.json(json, status: .conflict)
            }
        } catch {
            return failure(error)
        }
    }

    func payment(_ paymentRequestId: String) async throws -> Response {
        guard let payment = try await store.autoDebitStore.payment(requestId: paymentRequestId) else {
            return JSONReply.error(.notFound, "paymentNotFound", "no payment \(paymentRequestId)")
        }
        let refunds = try await store.autoDebitStore.refunds(paymentRequestId: paymentRequestId)
        return JSONReply.json(PaymentJSON(payment, refunds: refunds))
    }

    func refund(_ paymentRequestId: String, _ request: Request) async throws -> Response {
        let body = try await JSONReply.decode(RefundBody.self, from: request)
        guard let payment = try await store.autoDebitStore.payment(requestId: paymentRequestId) else {
            return JSONReply.error(.notFound, "paymentNotFound", "no payment \(paymentRequestId)")
        }
        let amount: Amount
        do {
            amount = try Amount(currency: body.currency ?? payment.amount.currency, decimal: body.amount.value)
        } catch {
            throw BadRequest(message: "amount \(body.amount.value): \(error)")
        }
        do {
            let outcome = try await coordinator.refund(
                paymentRequestId: paymentRequestId, amount: amount, reason: body.reason,
                refundRequestId: body.refundRequestId
            )
            let json = RefundJSON(outcome)
            switch outcome {
            case .succeeded: return JSONReply.json(json)
            case .pending: return JSONReply.json(json, status: .accepted)
            case .failed: return JSONReply.json(json, status: .unprocessableContent)
            }
        } catch {
            return failure(error)
        }
    }

    // MARK: Errors

    /// Maps library errors to HTTP answers (their descriptions are already redacted).
    func failure(_ error: any Error) -> Response {
        logger.warning("request failed", metadata: ["error": "\(Redact.text(String(describing: error)))"])
        if let error = error as? AutoDebitError {
            let status: HTTPTypes.HTTPResponse.Status = switch error.code {
            case .noActiveBinding, .bindingNotFound, .paymentNotFound, .refundNotFound: .notFound
            case .unknownAuthState, .authStateReused, .authorizationNotGranted, .invalidRefundAmount,
                 .paymentRequestIdNotRetryable: .badRequest
            case .refundNotAllowed, .refundExceedsRemaining, .paymentRequestIdReused, .refundRequestIdReused,
                 .orderHasUnfinishedPayment, .cancelNotAllowed: .conflict
            default: .badGateway
            }
            return JSONReply.json(ErrorJSON(error: "\(error.code)", message: error.message,
                                             resultCode: error.resultCode?.rawValue), status: status)
        }
        if let error = error as? AlipayPlusError {
            return JSONReply.json(ErrorJSON(error: "alipayplus.\(error.code)", message: Redact.text(error.description),
                                             resultCode: nil), status: .badGateway)
        }
        return JSONReply.error(.internalServerError, "internal", Redact.text(String(describing: error)))
    }
}

/// Logs each request's method, path (never the query), status and duration.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: start)
            return response
        } catch let error as any HTTPResponseError {
            log(request, status: error.status.code, since: start)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        logger.info("http", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
            "ms": "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)",
        ])
    }
}
