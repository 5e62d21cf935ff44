/// `Env`: the user's environment (`order.env`).
///
/// Release 1.6.1 removed `cookieId`, `clientIp`, `deviceTokenId`, `storeTerminalId` and
/// `storeTerminalRequestTime` from `order.env`; only the three fields below are sent.
public struct Env: Codable, Sendable, Hashable, Validatable {
    /// `terminalType`: `WEB`, `WAP`, `APP` or `MINI_APP`.
    public var terminalType: TerminalType?
    /// `osType`: `IOS` or `ANDROID`.
    public var osType: OSType?
    /// `userAgent`: the browser's user agent [X].
    public var userAgent: String?

    /// Creates an environment.
    public init(terminalType: TerminalType? = nil, osType: OSType? = nil, userAgent: String? = nil) {
        self.terminalType = terminalType
        self.osType = osType
        self.userAgent = userAgent
    }

    /// Checks allowed values.
    public func validate() -> [ValidationProblem] {
        var c = ValidationContext()
        c.allowed(terminalType, "terminalType", [.web, .wap, .app, .miniApp])
        c.allowed(osType, "osType", [.iOS, .android])
        return c.problems
    }
}
