public import Foundation

/// The prepare response: the wallet-page URL(s). Which URL fields are sent is [U]; all are optional.
public struct PrepareResponse: AlipayPlusResponse, Codable, Hashable {
    /// `result`.
    public var result: APIResult
    /// `authUrl`: the authorization / wallet page URL (name used on the MPP side).
    public var authUrl: String?
    /// `normalUrl`: web page URL for WEB/WAP [U].
    public var normalUrl: String?
    /// `applinkUrl`: universal/app link for APP [U].
    public var applinkUrl: String?
    /// `schemeUrl`: custom-scheme URL for APP [U].
    public var schemeUrl: String?
    /// `appIdentifier`: the wallet app's identifier (Android package) [U].
    public var appIdentifier: String?
    /// `authCodeForm`: QR code data [U]; kept as raw text when a string.
    public var authCodeForm: String?

    /// Creates a response.
    public init(result: APIResult, authUrl: String? = nil, normalUrl: String? = nil, applinkUrl: String? = nil,
                schemeUrl: String? = nil, appIdentifier: String? = nil, authCodeForm: String? = nil) {
        self.result = result
        self.authUrl = authUrl
        self.normalUrl = normalUrl
        self.applinkUrl = applinkUrl
        self.schemeUrl = schemeUrl
        self.appIdentifier = appIdentifier
        self.authCodeForm = authCodeForm
    }

    private enum CodingKeys: String, CodingKey {
        case result, authUrl, normalUrl, applinkUrl, schemeUrl, appIdentifier, authCodeForm
    }

    /// Decodes tolerantly: an `authCodeForm` that is not a string is ignored.
    ///
    /// - Throws: `DecodingError` when `result` is missing or a field has the wrong type.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        result = try c.decode(APIResult.self, forKey: .result)
        authUrl = try c.decodeIfPresent(String.self, forKey: .authUrl)
        normalUrl = try c.decodeIfPresent(String.self, forKey: .normalUrl)
        applinkUrl = try c.decodeIfPresent(String.self, forKey: .applinkUrl)
        schemeUrl = try c.decodeIfPresent(String.self, forKey: .schemeUrl)
        appIdentifier = try c.decodeIfPresent(String.self, forKey: .appIdentifier)
        authCodeForm = try? c.decodeIfPresent(String.self, forKey: .authCodeForm)
    }

    /// The URL to open for a terminal type, or nil when the response carries none that fits.
    ///
    /// APP: `applinkUrl`, then `schemeUrl`, then `normalUrl`, then `authUrl`.
    /// WEB, WAP and others: `normalUrl`, then `authUrl`.
    public func redirectURL(for terminalType: TerminalType) -> URL? {
        let candidates: [String?]
        switch terminalType {
        case .app: candidates = [applinkUrl, schemeUrl, normalUrl, authUrl]
        default: candidates = [normalUrl, authUrl]
        }
        for case let text? in candidates where !text.isEmpty {
            if let url = URL(string: text) { return url }
        }
        return nil
    }
}
