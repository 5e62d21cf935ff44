public import AlipayPlus
public import Hummingbird

/// The route the wallet sends the user back to after authorizing (the `authRedirectURL`'s path),
/// and what your app answers there.
///
/// The route completes the binding from the redirect's `authCode` and `authState` with
/// ``AlipayPlus/AutoDebitCoordinator/completeBinding(redirectURL:)`` and hands you the result to
/// answer with (a page, or a redirect into your app):
///
/// ```swift
/// let bindingReturn = AlipayPlusBindingReturn<BasicRequestContext>(path: "return") { result, _, _ in
///     switch result {
///     case .success: Response(status: .seeOther, headers: [.location: "/account?bound=1"])
///     case .failure: Response(status: .seeOther, headers: [.location: "/account?bound=0"])
///     }
/// }
/// ```
public struct AlipayPlusBindingReturn<Context: RequestContext>: Sendable {
    /// The route's path, relative to where the Alipay+ routes are mounted.
    public var path: RouterPath
    /// Answers the user once the binding completed (`success`) or could not be completed
    /// (`failure`: the user declined, the redirect was replayed or forged, or Alipay+ refused).
    public var respond: @Sendable (Result<BindingRecord, any Error>, Request, Context) async throws -> Response

    /// Creates the return route.
    ///
    /// - Parameters:
    ///   - path: the route's path relative to the mount point (`"return"` by default).
    ///   - respond: what to answer the user's browser, given the binding or the reason it failed.
    public init(
        path: RouterPath = "return",
        respond: @escaping @Sendable (Result<BindingRecord, any Error>, Request, Context) async throws -> Response
    ) {
        self.path = path
        self.respond = respond
    }
}
