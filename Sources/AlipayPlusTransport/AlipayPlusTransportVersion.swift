/// The version of this library as sent in the `User-Agent` header.
///
/// `URLSessionTransport` sends `User-Agent: alipayplus-swift/<current> (Swift; Linux)` unless the
/// request or the configuration sets another one.
public enum AlipayPlusTransportVersion {
    /// The library version string, e.g. `"0.1.0"`.
    public static let current = "0.1.0"

    /// The default `User-Agent` value: `alipayplus-swift/<current> (Swift; Linux)`.
    public static var defaultUserAgent: String {
        "alipayplus-swift/\(current) (Swift; Linux)"
    }
}
