import AlipayPlus
import Foundation
import Hummingbird

/// The binding redirect's parameters as a URL the coordinator reads them from.
enum RedirectURL {
    /// A relative URL carrying the request's `authCode` and `authState` (re-encoded, so no input
    /// can make an invalid URL); with neither, an empty query, which the coordinator refuses as
    /// "the user did not authorize".
    static func of(_ request: Request) -> URL {
        var components = URLComponents()
        components.queryItems = ["authCode", "authState"].compactMap { name in
            request.uri.queryParameters[name[...]].map { URLQueryItem(name: name, value: String($0)) }
        }
        return components.url ?? URL(string: "?")!
    }
}
