/// The Alipay+ public keys of one environment, by `keyVersion`, so keys can rotate.
///
/// Sandbox and production have different keys: configure the one for the environment you call.
public struct AlipayPlusPublicKeys: Sendable {
    private let keysByVersion: [String: RSAPublicKey]
    private let fallback: RSAPublicKey?

    /// One key, used whatever `keyVersion` a message names.
    public init(_ key: RSAPublicKey) {
        self.keysByVersion = [:]
        self.fallback = key
    }

    /// Keys by version, with an optional key for versions not listed.
    ///
    /// - Parameters:
    ///   - keysByVersion: e.g. `["1": old, "2": new]` during a rotation.
    ///   - fallback: Used for any other version; `nil` makes unknown versions fail verification.
    public init(keysByVersion: [String: RSAPublicKey], fallback: RSAPublicKey? = nil) {
        self.keysByVersion = keysByVersion
        self.fallback = fallback
    }

    /// The key for `version`, the fallback, or `nil`.
    public func key(forVersion version: String) -> RSAPublicKey? {
        keysByVersion[version] ?? fallback
    }

    /// The versions configured explicitly, sorted.
    public var knownVersions: [String] { keysByVersion.keys.sorted() }

    /// Whether a fallback key is configured.
    public var hasFallback: Bool { fallback != nil }
}
