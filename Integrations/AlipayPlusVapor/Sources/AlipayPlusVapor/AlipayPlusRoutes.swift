public import AlipayPlus
public import Vapor

/// The Alipay+ inbound endpoints (notifyPayment, authNotify, consultUnbinding,
/// notifyRegistrationStatus) as a Vapor route collection, each handing the raw request to the
/// coordinator and sending back its answer as it is.
///
/// ```swift
/// try app.register(collection: AlipayPlusRoutes(coordinator))
/// ```
///
/// Each endpoint is `POST <path>/<name>`. The body and headers reach
/// ``AlipayPlus/AutoDebitCoordinator/handleInbound(_:)`` untouched (no JSON decoding or re-encoding:
/// the signature covers the exact bytes); it verifies the signature, applies the call once and signs
/// its answer, and the status, headers and body it returns are written unchanged. A call that does
/// not verify is answered 401 and changes nothing. Point your Alipay+ notification URLs (and the
/// simulator's `AlipayPlusSimulator.Configuration.NotificationPaths`) at these paths.
public struct AlipayPlusRoutes: RouteCollection {
    /// The coordinator that verifies and applies the calls.
    public let coordinator: AutoDebitCoordinator
    /// Where the endpoints are mounted.
    public let path: [PathComponent]
    /// The most body bytes accepted per call.
    public let bodyLimit: Int
    /// The optional route for the wallet's redirect back to your app.
    public let bindingReturn: AlipayPlusBindingReturn?

    /// Creates the routes.
    ///
    /// - Parameters:
    ///   - coordinator: the coordinator that verifies and applies the calls.
    ///   - path: where to mount the endpoints (`alipayplus` by default).
    ///   - bodyLimit: the most body bytes accepted per call; a longer body is answered 413 without
    ///     being read further. `nil` (the default) uses the coordinator's
    ///     `AutoDebitCoordinator.Configuration.Inbound.bodyLimit`.
    ///   - bindingReturn: an optional `GET` route (relative to `path`) for the wallet's redirect
    ///     back to your app, completing the binding; see ``AlipayPlusBindingReturn``.
    public init(
        _ coordinator: AutoDebitCoordinator,
        path: PathComponent...,
        bodyLimit: Int? = nil,
        bindingReturn: AlipayPlusBindingReturn? = nil
    ) {
        self.coordinator = coordinator
        self.path = path.isEmpty ? ["alipayplus"] : path
        self.bodyLimit = bodyLimit ?? coordinator.configuration.inbound.bodyLimit
        self.bindingReturn = bindingReturn
    }

    /// Adds the routes to `routes`; called by Vapor's `register(collection:)`.
    ///
    /// - Throws: nothing (the signature is Vapor's).
    public func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped(path)
        let coordinator = coordinator
        let limit = bodyLimit
        for name in [NotifyPaymentRequest.name, AuthNotifyRequest.name, ConsultUnbindingRequest.name,
                     NotifyRegistrationStatusRequest.name] {
            group.on(.POST, [PathComponent(stringLiteral: name)], body: .collect(maxSize: ByteCount(value: limit))) { request in
                Response(await coordinator.handleInbound(try await InboundRequest(request, bodyLimit: limit)))
            }
        }
        if let bindingReturn {
            group.on(.GET, bindingReturn.path) { request in
                let result: Result<BindingRecord, any Error>
                do {
                    result = .success(try await coordinator.completeBinding(redirectURL: RedirectURL.of(request)))
                } catch {
                    result = .failure(error)
                }
                return try await bindingReturn.respond(result, request)
            }
        }
    }
}
