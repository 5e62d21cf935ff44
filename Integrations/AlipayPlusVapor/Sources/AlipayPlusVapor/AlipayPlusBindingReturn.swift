public import AlipayPlus
public import Vapor

/// The route the wallet sends the user back to after authorizing (the `authRedirectURL`'s path),
/// and what your app answers there.
///
/// The route completes the binding from the redirect's `authCode` and `authState` with
/// ``AlipayPlus/AutoDebitCoordinator/completeBinding(redirectURL:)`` and hands you the result to
/// answer with (a page, or a redirect into your app):
///
/// ```swift
/// let bindingReturn = AlipayPlusBindingReturn(path: "return") { result, request in
///     switch result {
///     case .success: request.redirect(to: "/account?bound=1")
///     case .failure: request.redirect(to: "/account?bound=0")
///     }
/// }
/// ```
public struct AlipayPlusBindingReturn: Sendable {
    /// The route's path, relative to where the Alipay+ routes are mounted.
    public var path: [PathComponent]
    /// Answers the user once the binding completed (`success`) or could not be completed
    /// (`failure`: the user declined, the redirect was replayed or forged, or Alipay+ refused).
    public var respond: @Sendable (Result<BindingRecord, any Error>, Request) async throws -> Response

    /// Creates the return route.
    ///
    /// - Parameters:
    ///   - path: the route's path relative to the mount point (`"return"` by default).
    ///   - respond: what to answer the user's browser, given the binding or the reason it failed.
    public init(
        path: PathComponent...,
        respond: @escaping @Sendable (Result<BindingRecord, any Error>, Request) async throws -> Response
    ) {
        self.path = path.isEmpty ? ["return"] : path
        self.respond = respond
    }
}
