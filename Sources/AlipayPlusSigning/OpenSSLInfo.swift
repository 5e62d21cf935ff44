internal import CAlipayPlusOpenSSL

/// Facts about the libcrypto this library runs on (for diagnostics and benchmark reports).
package enum OpenSSLInfo {
    /// The runtime OpenSSL version text, e.g. `OpenSSL 3.0.13 30 Jan 2024`.
    package static var version: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "unknown" }
        return String(cString: text)
    }
}
