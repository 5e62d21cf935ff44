public import AlipayPlus
public import Logging

/// Writes one swift-log line per library event.
///
/// The level is the event's `AlipayPlusEvent.severity` (``LogLevelRule``), the message
/// is the event's kind (such as `requestFinished`), and the ids, result, attempt and duration are
/// structured metadata (``EventLogMetadata``). Calls that go as planned log at `debug`, so a logger at
/// the default `info` level shows only business steps and what needs a look.
public struct AlipayPlusEventLogger: Sendable {
    /// The logger lines go to.
    public let logger: Logger

    /// Creates a sink writing to `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Logs `event` as one line.
    public func record(_ event: AlipayPlusEvent) {
        logger.log(level: LogLevelRule.level(for: event.severity), "\(event.kind.name)",
                   metadata: EventLogMetadata.metadata(of: event))
    }
}
