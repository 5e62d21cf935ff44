public import AlipayPlus
public import Logging

/// The swift-log level of an event's severity: the same five levels, one to one.
public enum LogLevelRule {
    /// The level `severity` logs at.
    public static func level(for severity: AlipayPlusEvent.Severity) -> Logger.Level {
        switch severity {
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        }
    }
}
