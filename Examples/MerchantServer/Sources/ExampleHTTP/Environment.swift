import Foundation

/// Reads configuration values from the environment, with typed helpers and clear errors.
public struct Environment: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    public subscript(name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    public func require(_ name: String) throws -> String {
        guard let value = self[name] else { throw ConfigurationError(message: "set \(name)") }
        return value
    }

    public func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = self[name] else { return fallback }
        guard let value = Int(text) else { throw ConfigurationError(message: "\(name)=\(text) is not an integer") }
        return value
    }

    /// A duration given in milliseconds.
    public func milliseconds(_ name: String, default fallback: Duration) throws -> Duration {
        guard let text = self[name] else { return fallback }
        guard let value = Int64(text) else { throw ConfigurationError(message: "\(name)=\(text) is not milliseconds") }
        return .milliseconds(value)
    }
}

/// A configuration value is missing or malformed.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var message: String
    /// The error that made the value unusable, when there is one.
    public var cause: (any Error)?
    public init(message: String, cause: (any Error)? = nil) {
        self.message = message
        self.cause = cause
    }
    public var description: String { "configuration: \(message)" }
}

/// Writes a line to standard output at once (print is block-buffered when stdout is a pipe).
public func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
