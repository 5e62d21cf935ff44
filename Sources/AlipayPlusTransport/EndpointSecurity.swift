package import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The rule for which URLs a transport may send to: `https://` anywhere, plain `http://` only to a
/// loopback host.
///
/// Loopback hosts are IPv4 `127.0.0.0/8` in dotted-quad form, IPv6 `::1` (also its IPv4-mapped forms
/// `::ffff:127.x.x.x`), and the name `localhost`. Anything else over `http://` — including names that
/// merely start with a loopback address, such as `127.0.0.1.example.com` — is refused before any I/O.
/// Plain HTTP exists for local test servers only: URLSession on Linux cannot be told to trust a
/// custom CA, so local servers cannot easily speak HTTPS.
package enum EndpointSecurity {
    /// Whether `host` is a loopback host: `localhost`, `127.0.0.0/8` or `::1` (brackets allowed).
    ///
    /// - Parameter host: a host name or IP literal as found in a URL.
    package static func isLoopback(host: String) -> Bool {
        var host = host
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "localhost." {
            return true
        }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, lowered, &ipv4) == 1 {
            return withUnsafeBytes(of: &ipv4) { $0.first == 127 }
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, lowered, &ipv6) == 1 {
            return withUnsafeBytes(of: &ipv6) { bytes in
                let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
                if Array(bytes) == loopback { return true }
                let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
                return Array(bytes.prefix(12)) == mappedPrefix && bytes[12] == 127
            }
        }
        return false
    }

    /// Checks that `url` may be used: `https://` with a host, or `http://` to a loopback host.
    ///
    /// - Parameter url: the request URL.
    /// - Throws: ``TransportError`` with code `.insecureURL` and delivery `.notSent`.
    package static func check(_ url: URL) throws {
        guard let scheme = url.scheme?.lowercased() else {
            throw TransportError.insecureURL(url, reason: "the URL has no scheme")
        }
        guard let host = url.host, !host.isEmpty else {
            throw TransportError.insecureURL(url, reason: "the URL has no host")
        }
        switch scheme {
        case "https":
            return
        case "http":
            guard isLoopback(host: host) else {
                throw TransportError.insecureURL(url, reason: "plain http:// is allowed only to loopback hosts, not to \(host)")
            }
        default:
            throw TransportError.insecureURL(url, reason: "the scheme \(scheme):// is not supported")
        }
    }
}
