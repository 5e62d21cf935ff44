public import AlipayPlus
public import Hummingbird

extension RouterMethods {
    /// Mounts the Alipay+ inbound endpoints (notifyPayment, authNotify, consultUnbinding,
    /// notifyRegistrationStatus) under `path`, each handing the raw request to the coordinator and
    /// sending back its answer as it is.
    ///
    /// ```swift
    /// let router = Router()
    /// router.addAlipayPlusRoutes(coordinator, atPath: "/alipayplus")
    /// ```
    ///
    /// Each endpoint is `POST <path>/<name>`. The body and headers reach
    /// ``AlipayPlus/AutoDebitCoordinator/handleInbound(_:)`` untouched (no JSON decoding or
    /// re-encoding: the signature covers the exact bytes); it verifies the signature, applies the call
    /// once and signs its answer, and the status, headers and body it returns are written unchanged.
    /// A call that does not verify is answered 401 and changes nothing. Point the simulator's
    /// `AlipayPlusSimulator.Configuration.NotificationPaths`, and your Alipay+ notification URLs, at these paths.
    ///
    /// - Parameters:
    ///   - coordinator: the coordinator that verifies and applies the calls.
    ///   - path: where to mount the endpoints (`/alipayplus` by default).
    ///   - bodyLimit: the most body bytes read per call; a longer body is answered 413 without being
    ///     read further. `nil` (the default) uses the coordinator's
    ///     `AutoDebitCoordinator.Configuration.Inbound.bodyLimit`.
    ///   - bindingReturn: an optional `GET` route (relative to `path`) for the wallet's redirect back
    ///     to your app, completing the binding; see ``AlipayPlusBindingReturn``.
    /// - Returns: `self`, to chain more routes.
    @discardableResult
    public func addAlipayPlusRoutes(
        _ coordinator: AutoDebitCoordinator,
        atPath path: RouterPath = "/alipayplus",
        bodyLimit: Int? = nil,
        bindingReturn: AlipayPlusBindingReturn<Context>? = nil
    ) -> Self {
        let limit = bodyLimit ?? coordinator.configuration.inbound.bodyLimit
        let group = self.group(path)
        for name in [NotifyPaymentRequest.name, AuthNotifyRequest.name, ConsultUnbindingRequest.name,
                     NotifyRegistrationStatusRequest.name] {
            group.post(RouterPath(name)) { request, _ in
                Response(await coordinator.handleInbound(try await InboundRequest(request, bodyLimit: limit)))
            }
        }
        if let bindingReturn {
            group.get(bindingReturn.path) { request, context in
                let result: Result<BindingRecord, any Error>
                do {
                    result = .success(try await coordinator.completeBinding(redirectURL: RedirectURL.of(request)))
                } catch {
                    result = .failure(error)
                }
                return try await bindingReturn.respond(result, request, context)
            }
        }
        return self
    }
}
