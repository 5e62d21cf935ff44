public import Foundation

/// Where the client sends its requests: one of the documented Alipay+ hosts, or any base URL.
///
/// Sandbox hosts are handed out by the Alipay+ Developer Center ("Gateway Endpoint"); use
/// ``custom(_:)`` for them, and for local simulators (`http://127.0.0.1:PORT`).
public struct AlipayPlusEnvironment: Sendable, Hashable, CustomStringConvertible {
    /// The scheme and host (and optional port) that endpoint paths are appended to.
    public let baseURL: URL

    /// Whether `baseURL` is one of the documented production hosts.
    public let isDocumentedProductionHost: Bool

    private init(production host: String) {
        baseURL = URL(string: "https://\(host)")!
        isDocumentedProductionHost = true
    }

    private init(custom url: URL) {
        baseURL = url
        isDocumentedProductionHost = Self.productionHosts.contains(url.host?.lowercased() ?? "")
    }

    /// North America, common domain: `https://open-na.alipayplus.com`.
    public static let northAmerica = AlipayPlusEnvironment(production: "open-na.alipayplus.com")

    /// North America, accelerated domain (recommended): `https://open-na-global.alipayplus.com`.
    public static let northAmericaAccelerated = AlipayPlusEnvironment(production: "open-na-global.alipayplus.com")

    /// Other regions, common domain: `https://open-sea.alipayplus.com`.
    public static let otherRegions = AlipayPlusEnvironment(production: "open-sea.alipayplus.com")

    /// Other regions, accelerated domain (recommended): `https://open-sea-global.alipayplus.com`.
    public static let otherRegionsAccelerated = AlipayPlusEnvironment(production: "open-sea-global.alipayplus.com")

    /// Any other base URL: the sandbox gateway endpoint, or a local simulator on loopback.
    public static func custom(_ baseURL: URL) -> AlipayPlusEnvironment {
        AlipayPlusEnvironment(custom: baseURL)
    }

    /// The full URL of an endpoint path such as `/aps/api/v1/payments/pay`.
    public func url(forPath path: String) -> URL {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + path) ?? baseURL.appendingPathComponent(path)
    }

    /// The base URL as text.
    public var description: String { baseURL.absoluteString }

    private static let productionHosts: Set<String> = [
        "open-na.alipayplus.com", "open-na-global.alipayplus.com",
        "open-sea.alipayplus.com", "open-sea-global.alipayplus.com",
    ]
}
